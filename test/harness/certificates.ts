// Certificate test helpers: an unlocked backend, files as uploads, keytool runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createTestBackend, type TestBackend } from './services';
import { unwrapResult } from './rpc';

export async function unlockedBackend(): Promise<TestBackend> {
  const backend = createTestBackend();
  unwrapResult(await backend.dispatch('vault.setUp', [{ passphrase: 'a good passphrase' }]));
  return backend;
}

/** A file as the renderer sends it. */
export function upload(path: string, name = path.split('/').pop() ?? ''): { name: string; base64: string } {
  return { name, base64: readFileSync(path).toString('base64') };
}

export function uploadText(text: string | Buffer, name = 'file'): { name: string; base64: string } {
  return { name, base64: Buffer.from(text).toString('base64') };
}

/** Runs the JRE's keytool (an independent implementation). */
export function keytool(args: string[]): string {
  return execFileSync('keytool', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs keytool expecting failure; returns what it printed (keytool reports errors on stdout). */
export function keytoolFailure(args: string[]): string {
  try {
    keytool(args);
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
  }
  throw new Error(`keytool ${args.join(' ')} succeeded but was expected to fail`);
}
