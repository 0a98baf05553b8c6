/**
 * Response bodies: small ones stay in memory; past a threshold (2 MiB) the body streams to a temp
 * file — never all in memory, whatever its size — and the renderer reads it in pages. Temp files
 * live in one folder per service graph, the oldest removed past a count, all removed on dispose.
 * Pretty JSON is formatted as a stream into another temp body, whose first pages can be read while
 * the rest is still being formatted.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BodyPage, FormattedBody } from '../../../shared/contract/http';
import { AppError } from '../../../shared/errors';
import { JsonPrettyPrinter, JsonSyntaxError } from './json-pretty';

export const SPILL_THRESHOLD = 2 * 1024 * 1024;
/** Bodies kept on disk at once; older ones are deleted. */
const KEEP_FILES = 24;
/** Characters formatted per step (the first page is ready after one step). */
const FORMAT_STEP = 256 * 1024;

/** A temp body still being written by the formatter. */
class Progress {
  /** Bytes written and flushed so far. */
  ready = 0;
  done = false;
  error: AppError | undefined;
  #waiters: (() => void)[] = [];

  changed() {
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves once `bytes` are ready, or formatting ended (done or failed). */
  async until(bytes: number) {
    while (this.ready < bytes && !this.done && !this.error) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
}

export interface CollectedBody {
  size: number;
  /** Present when the body stayed in memory. */
  buffer?: Buffer;
  /** Present when the body went to a temp file. */
  bodyId?: string;
}

/** Receives decoded body bytes; `write` returns false when the caller should wait for `onDrain`. */
export interface BodySink {
  write(chunk: Buffer): boolean;
  onDrain(listener: () => void): void;
  end(): Promise<CollectedBody>;
  /** Bytes received so far (for "timed out after N bytes"). */
  readonly size: number;
  abort(): void;
}

export class BodyStore {
  #folder: string | undefined;
  readonly #files = new Map<string, string>();
  readonly #formatting = new Map<string, Progress>();
  /** Source body → its formatted body, so switching views does not format it again. */
  readonly #formattedOf = new Map<string, string>();
  readonly #threshold: number;

  constructor(options: { threshold?: number } = {}) {
    this.#threshold = options.threshold ?? SPILL_THRESHOLD;
  }

  #newFile(): { bodyId: string; path: string } {
    this.#folder ??= mkdtempSync(join(tmpdir(), 'signet-bodies-'));
    const bodyId = randomBytes(9).toString('base64url');
    const path = join(this.#folder, `${bodyId}.body`);
    this.#files.set(bodyId, path);
    if (this.#files.size > KEEP_FILES) {
      const [oldest, oldPath] = this.#files.entries().next().value as [string, string];
      this.#files.delete(oldest);
      this.#formatting.delete(oldest);
      this.#formattedOf.delete(oldest);
      void rm(oldPath, { force: true });
    }
    return { bodyId, path };
  }

  /** A sink that keeps up to the threshold in memory, then moves everything to a temp file. */
  createSink(): BodySink {
    return new SpillingSink(this.#threshold, this.#newFile.bind(this), (bodyId) => this.#files.delete(bodyId));
  }

  #path(bodyId: string): string {
    const path = this.#files.get(bodyId);
    if (!path) throw new AppError('NOT_FOUND', 'That response body is no longer available. Send the request again.');
    return path;
  }

  /**
   * Reads `length` bytes from `offset`, cut back to a UTF-8 character boundary. On a body still
   * being formatted it waits for those bytes; `size` is then the bytes ready so far.
   */
  async readPage(bodyId: string, offset: number, length: number): Promise<BodyPage> {
    const path = this.#path(bodyId);
    const progress = this.#formatting.get(bodyId);
    if (progress) {
      await progress.until(offset + length);
      if (progress.error) throw progress.error;
    }
    const handle = await open(path, 'r');
    try {
      const complete = !progress || progress.done;
      const size = complete ? (await handle.stat()).size : progress.ready;
      const want = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, offset);
      let end = bytesRead;
      const eof = complete && offset + end >= size;
      if (!eof) end = utf8Boundary(buffer, end);
      return { text: buffer.toString('utf8', 0, end), offset, nextOffset: offset + end, size, eof };
    } finally {
      await handle.close();
    }
  }

  /** The whole body (for saving to a file). */
  async read(bodyId: string): Promise<Buffer> {
    return readFile(this.#path(bodyId));
  }

  /**
   * Pretty-prints a JSON body into a new temp body, as a stream: returns at once, and pages of the
   * new body can be read while it is written. Invalid JSON fails those reads with BAD_INPUT.
   */
  async formatJson(bodyId: string): Promise<FormattedBody> {
    const source = this.#path(bodyId);
    const earlier = this.#formattedOf.get(bodyId);
    if (earlier && this.#files.has(earlier) && !this.#formatting.get(earlier)?.error) return { bodyId: earlier };
    const created = this.#newFile();
    const progress = new Progress();
    this.#formatting.set(created.bodyId, progress);
    this.#formattedOf.set(bodyId, created.bodyId);
    void this.#format(source, created.path, progress).finally(() => progress.changed());
    return { bodyId: created.bodyId };
  }

  async #format(source: string, target: string, progress: Progress) {
    const printer = new JsonPrettyPrinter();
    const out = createWriteStream(target, { mode: 0o600 });
    const write = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const bytes = Buffer.from(text);
        out.write(bytes, (error) => {
          if (error) return reject(error);
          progress.ready += bytes.length;
          progress.changed();
          resolve();
        });
      });
    try {
      for await (const chunk of createReadStream(source, { encoding: 'utf8', highWaterMark: FORMAT_STEP })) {
        await write(printer.push(chunk as string));
      }
      await write(printer.end());
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      progress.done = true;
    } catch (error) {
      out.destroy();
      progress.error =
        error instanceof JsonSyntaxError
          ? new AppError(
              'BAD_INPUT',
              `The body is not valid JSON (${error.message}), so it cannot be formatted. The Raw view shows it as received.`,
              {
                position: error.position,
              },
            )
          : new AppError('INTERNAL', 'The formatted body could not be written. Use the Raw view, or send the request again.');
    }
  }

  dispose() {
    if (this.#folder) rmSync(this.#folder, { recursive: true, force: true });
    this.#folder = undefined;
    this.#files.clear();
    this.#formatting.clear();
    this.#formattedOf.clear();
  }
}

/** Memory first; past the threshold, everything so far and all that follows goes to a temp file. */
class SpillingSink implements BodySink {
  size = 0;
  readonly #chunks: Buffer[] = [];
  #file: { bodyId: string; path: string; stream: WriteStream } | undefined;
  #drainListener: (() => void) | undefined;
  #failed: Error | undefined;
  readonly #threshold: number;
  readonly #newFile: () => { bodyId: string; path: string };
  readonly #forget: (bodyId: string) => void;

  constructor(threshold: number, newFile: () => { bodyId: string; path: string }, forget: (bodyId: string) => void) {
    this.#threshold = threshold;
    this.#newFile = newFile;
    this.#forget = forget;
  }

  write(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.#file) return this.#file.stream.write(chunk);
    this.#chunks.push(chunk);
    if (this.size <= this.#threshold) return true;
    const created = this.#newFile();
    const stream = createWriteStream(created.path, { mode: 0o600 });
    stream.on('error', (error) => (this.#failed = error));
    stream.on('drain', () => this.#drainListener?.());
    this.#file = { ...created, stream };
    const pending = Buffer.concat(this.#chunks);
    this.#chunks.length = 0;
    return stream.write(pending);
  }

  onDrain(listener: () => void) {
    this.#drainListener = listener;
  }

  async end(): Promise<CollectedBody> {
    if (!this.#file) return { size: this.size, buffer: this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks) };
    const { stream, bodyId } = this.#file;
    await new Promise<void>((resolve, reject) => {
      if (this.#failed) return reject(this.#failed);
      stream.end(() => (this.#failed ? reject(this.#failed) : resolve()));
    });
    return { size: this.size, bodyId };
  }

  abort() {
    if (this.#file) {
      this.#file.stream.destroy();
      this.#forget(this.#file.bodyId);
      void rm(this.#file.path, { force: true });
    }
    this.#chunks.length = 0;
  }
}

/** The largest n ≤ end such that buffer[0, n) does not end inside a multi-byte UTF-8 sequence. */
function utf8Boundary(buffer: Buffer, end: number): number {
  let start = end;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last sequence.
  while (start > 0 && start > end - 4 && (buffer[start - 1]! & 0xc0) === 0x80) start--;
  if (start === 0) return end;
  const lead = buffer[start - 1]!;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return end - (start - 1) >= needed ? end : start - 1;
}
