/** The main process's log: full errors (with stacks) stay here, under the ref the user is shown. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Logger {
  error(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
}

/** Appends JSON lines to `<dataFolder>/logs/main.log` and mirrors errors to stderr. */
export function createFileLogger(dataFolder: string, { mirror = true } = {}): Logger {
  const dir = join(dataFolder, 'logs');
  const file = join(dir, 'main.log');
  const write = (level: string, message: string, context?: Record<string, unknown>) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...serialize(context) });
    try {
      mkdirSync(dir, { recursive: true });
      appendFileSync(file, line + '\n', { mode: 0o600 });
    } catch {
      // Logging must never take the app down.
    }
    if (mirror && level === 'error') console.error(line);
  };
  return { error: (m, c) => write('error', m, c), info: (m, c) => write('info', m, c) };
}

function serialize(context?: Record<string, unknown>) {
  if (!context) return {};
  return Object.fromEntries(
    Object.entries(context).map(([key, value]) => [
      key,
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
    ]),
  );
}
