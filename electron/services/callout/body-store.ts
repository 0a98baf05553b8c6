/**
 * Response bodies: small ones stay in memory; past a threshold (2 MiB) the body streams to a temp
 * file — never all in memory, whatever its size — and the renderer reads it in pages. Temp files
 * live in one folder per service graph, the oldest removed past a count, all removed on dispose.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BodyPage } from '../../../shared/contract/http';
import { AppError } from '../../../shared/errors';

export const SPILL_THRESHOLD = 2 * 1024 * 1024;
/** Bodies kept on disk at once; older ones are deleted. */
const KEEP_FILES = 24;
/** Largest body formatted in main (JSON.parse needs it all in memory). */
const FORMAT_LIMIT = 200 * 1024 * 1024;

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

  /** Reads `length` bytes from `offset`, cut back to a UTF-8 character boundary. */
  async readPage(bodyId: string, offset: number, length: number): Promise<BodyPage> {
    const handle = await open(this.#path(bodyId), 'r');
    try {
      const { size } = await handle.stat();
      const want = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, offset);
      let end = bytesRead;
      if (offset + end < size) end = utf8Boundary(buffer, end);
      return { text: buffer.toString('utf8', 0, end), offset, nextOffset: offset + end, size, eof: offset + end >= size };
    } finally {
      await handle.close();
    }
  }

  /** The whole body (for saving to a file). */
  async read(bodyId: string): Promise<Buffer> {
    return readFile(this.#path(bodyId));
  }

  /** Pretty-prints a JSON body into a new temp body. */
  async formatJson(bodyId: string): Promise<{ bodyId: string; size: number }> {
    const path = this.#path(bodyId);
    if ((await stat(path)).size > FORMAT_LIMIT) {
      throw new AppError('TOO_LARGE', 'The body is too large to format. Use the Raw view or save it to a file.');
    }
    let formatted: string;
    try {
      formatted = JSON.stringify(JSON.parse(await readFile(path, 'utf8')), null, 2);
    } catch {
      throw new AppError('BAD_INPUT', 'The body is not valid JSON, so it cannot be formatted. The Raw view shows it as received.');
    }
    const created = this.#newFile();
    await writeFile(created.path, formatted, { mode: 0o600 });
    return { bodyId: created.bodyId, size: Buffer.byteLength(formatted) };
  }

  dispose() {
    if (this.#folder) rmSync(this.#folder, { recursive: true, force: true });
    this.#folder = undefined;
    this.#files.clear();
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
