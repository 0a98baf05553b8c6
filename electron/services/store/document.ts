/**
 * A versioned, validated JSON document (DESIGN §3 storage): zod on load and on every write, schema
 * version + migrations, and a corrupt or unreadable file moved aside and reported — never silently
 * replaced.
 */
import { renameSync } from 'node:fs';
import type { z } from 'zod';
import type { StoreReport } from '../../../shared/contract/app';
import type { JsonFile, JsonFileFactory } from './backend';

export interface DocumentOptions<S extends z.ZodType> {
  name: string;
  schema: S;
  /** The current schema version. Files carry it as `schemaVersion`. */
  version: number;
  /** Upgrades the data of version `n` to version `n + 1`. */
  migrations?: Record<number, (data: unknown) => unknown>;
  /** The content of a new document. */
  initial: () => z.output<S>;
}

export interface Document<T> {
  readonly path: string;
  read(): T;
  write(next: T): void;
  update(change: (current: T) => T): T;
}

/** Collects reports of files that were moved aside, for the UI. */
export class StoreReports {
  readonly #reports: StoreReport[] = [];
  readonly #listeners = new Set<(report: StoreReport) => void>();

  add(report: StoreReport) {
    this.#reports.push(report);
    for (const listener of this.#listeners) listener(report);
  }
  list(): StoreReport[] {
    return [...this.#reports];
  }
  onReport(listener: (report: StoreReport) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

class UnreadableFile extends Error {}

export function openDocument<S extends z.ZodType>(
  files: JsonFileFactory,
  reports: StoreReports,
  options: DocumentOptions<S>,
): Document<z.output<S>> {
  type T = z.output<S>;
  let file: JsonFile = files(options.name);
  let current: T;

  try {
    current = load(file, options);
  } catch (error) {
    const reason = error instanceof UnreadableFile ? error.message : `the file could not be read (${describe(error)})`;
    const movedTo = moveAside(file.path);
    reports.add({ file: file.path, movedTo, reason, at: new Date().toISOString() });
    // Reopen: conf caches nothing we rely on, but a fresh handle keeps the contract simple.
    file = files(options.name);
    current = options.initial();
  }

  const persist = (next: T) => {
    const valid = options.schema.parse(next) as T;
    file.write({ schemaVersion: options.version, data: valid });
    current = valid;
  };

  return {
    path: file.path,
    read: () => current,
    write: persist,
    update(change) {
      persist(change(current));
      return current;
    },
  };
}

function load<S extends z.ZodType>(file: JsonFile, options: DocumentOptions<S>): z.output<S> {
  const raw = file.read();
  if (raw === undefined) return options.initial();
  if (!isRecord(raw) || typeof raw.schemaVersion !== 'number' || !('data' in raw)) {
    throw new UnreadableFile('the file is not a Signet data file (no schemaVersion/data)');
  }
  if (raw.schemaVersion > options.version) {
    throw new UnreadableFile(`the file was written by a newer Signet (schema ${raw.schemaVersion}, this version reads ${options.version})`);
  }
  let data = raw.data;
  for (let version = raw.schemaVersion; version < options.version; version++) {
    const migrate = options.migrations?.[version];
    if (!migrate) throw new UnreadableFile(`no migration from schema ${version}`);
    data = migrate(data);
  }
  const parsed = options.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnreadableFile(`the content does not match the expected shape (${issue?.path.join('.') || 'root'}: ${issue?.message})`);
  }
  if (raw.schemaVersion !== options.version) file.write({ schemaVersion: options.version, data: parsed.data });
  return parsed.data;
}

function moveAside(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  renameSync(path, target);
  return target;
}

/** A short cause that never quotes file content (JSON.parse messages can include a snippet of it). */
function describe(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON';
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? `error ${code}` : 'unknown error';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
