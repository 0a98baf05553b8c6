/**
 * One request/response on the wire through undici's dispatcher API: no per-request streams on the
 * hot path, backpressure into the body sink, gzip/deflate/br decoding, abort at any phase, and the
 * timing of each phase (DNS, connect, TLS from the connector; first byte and download here).
 */
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type { TimingPhases } from '../../../shared/contract/http';
import type { BodySink, CollectedBody } from './body-store';
import type { Cancellation } from './cancellation';
import { claimSocketTiming, type ConnectTiming, type SocketTimingSink } from './transport';

export type Phase = 'connecting' | 'waiting for the response headers' | 'reading the response body';

export interface HopRequest {
  url: URL;
  method: string;
  /** Flat name/value list, as undici takes it. */
  headers: string[];
  body: Buffer | string | null;
  dispatcher: Dispatcher;
  cancellation: Cancellation;
  sink: BodySink;
  timeoutMs: number;
}

export interface HopResult {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: CollectedBody;
  encodedSize: number;
  contentEncoding?: string;
  phases: TimingPhases;
}

/** Carries the phase a hop was in when it failed (for "timed out while ..."). */
export class HopError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly phase: Phase,
    readonly receivedBytes: number,
  ) {
    super('hop failed', { cause });
  }
}

const DECODERS: Record<string, (firstByte: number) => Transform> = {
  gzip: () => createGunzip(),
  'x-gzip': () => createGunzip(),
  br: () => createBrotliDecompress(),
  // RFC 9110 says zlib-wrapped; some servers send raw deflate, recognisable by the missing zlib header.
  deflate: (firstByte) => ((firstByte & 0x0f) === 8 ? createInflate() : createInflateRaw()),
};

export function exchange(request: HopRequest): Promise<HopResult> {
  return new Promise<HopResult>((resolve, reject) => {
    const hop = new Hop(request, resolve, reject);
    if (request.cancellation.reason) return hop.onAbort(request.cancellation.reason);
    hop.stopListening = request.cancellation.onAbort((reason) => hop.onAbort(reason));
    try {
      request.dispatcher.dispatch(
        {
          origin: request.url.origin,
          path: request.url.pathname + request.url.search,
          method: request.method,
          headers: request.headers,
          body: request.body,
          headersTimeout: request.timeoutMs,
          bodyTimeout: request.timeoutMs,
        },
        hop,
      );
    } catch (error) {
      hop.fail(error);
    }
  });
}

/**
 * undici's dispatch handler for one hop. A class (not closures) so a send allocates one object and
 * no per-call functions: this is the hot path the benchmark measures.
 */
class Hop implements Dispatcher.DispatchHandler, SocketTimingSink {
  readonly #request: HopRequest;
  readonly #resolve: (result: HopResult) => void;
  readonly #reject: (error: unknown) => void;
  readonly #started = performance.now();
  stopListening: () => void = noop;
  phase: Phase = 'connecting';
  #written = 0;
  #firstByte = 0;
  #settled = false;
  #abortRequest: ((error: Error) => void) | null = null;
  #status = 0;
  #statusText = '';
  #headers: [string, string][] = [];
  #encoding: string | undefined;
  #decoder: Transform | null = null;
  #decoderDone: Promise<void> | null = null;
  #encodedSize = 0;
  #resume: (() => void) | null = null;
  connectTiming?: ConnectTiming;
  reusedConnection = false;

  constructor(request: HopRequest, resolve: (result: HopResult) => void, reject: (error: unknown) => void) {
    this.#request = request;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  fail(error: unknown) {
    if (this.#settled) return;
    this.#settled = true;
    this.stopListening();
    this.#decoder?.destroy();
    this.#request.sink.abort();
    this.#reject(new HopError(error, this.phase, this.#request.sink.size));
  }

  onAbort(reason: Error) {
    this.#abortRequest?.(reason);
    this.fail(reason);
  }

  onConnect(abort: (error?: Error) => void) {
    this.#abortRequest = abort as (error: Error) => void;
    if (this.#settled) return abort(new Error('aborted'));
    claimSocketTiming(this);
    this.#written = performance.now();
    this.phase = 'waiting for the response headers';
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null, resume: () => void, statusText: string): boolean {
    if (statusCode < 200) return true;
    this.#firstByte = performance.now();
    this.phase = 'reading the response body';
    this.#status = statusCode;
    this.#statusText = statusText;
    this.#resume = resume;
    this.#headers = toPairs((rawHeaders ?? []) as Buffer[]);
    for (const [name, value] of this.#headers) {
      if (name.length === 16 && name.toLowerCase() === 'content-encoding') this.#encoding = value.trim().toLowerCase();
    }
    this.#request.sink.onDrain(resume);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#settled) return false;
    this.#encodedSize += chunk.length;
    if (this.#encoding && !this.#decoder && this.#encoding !== 'identity') this.#startDecoder(chunk[0] ?? 0);
    return this.#decoder ? this.#decoder.write(chunk) : this.#request.sink.write(chunk);
  }

  #startDecoder(firstByte: number) {
    const make = DECODERS[this.#encoding!];
    if (!make) return;
    const decoder = make(firstByte);
    const sink = this.#request.sink;
    const encoding = this.#encoding;
    this.#decoder = decoder;
    decoder.on('data', (decoded: Buffer) => {
      if (!sink.write(decoded)) decoder.pause();
    });
    sink.onDrain(() => decoder.resume());
    decoder.on('drain', () => this.#resume?.());
    this.#decoderDone = new Promise<void>((done, failDecoding) => {
      decoder.once('end', done);
      decoder.once('error', (error: Error) => failDecoding(Object.assign(error, { decoding: encoding })));
    });
    this.#decoderDone.catch((error: Error) => {
      this.#abortRequest?.(error);
      this.fail(error);
    });
  }

  onComplete() {
    if (this.#settled) return;
    this.#finish().catch((error) => this.fail(error));
  }

  async #finish() {
    if (this.#decoder) {
      this.#decoder.end();
      await this.#decoderDone;
    }
    const body = await this.#request.sink.end();
    if (this.#settled) return;
    this.#settled = true;
    this.stopListening();
    const ended = performance.now();
    const timing = this.connectTiming;
    this.#resolve({
      status: this.#status,
      statusText: this.#statusText,
      headers: this.#headers,
      body,
      encodedSize: this.#encodedSize,
      contentEncoding: this.#decoder ? this.#encoding : undefined,
      phases: {
        ...(timing ? { dnsMs: timing.dnsMs, connectMs: timing.connectMs, tlsMs: timing.tlsMs } : {}),
        ...(timing?.viaProxy ? { viaProxy: true } : {}),
        firstByteMs: this.#firstByte - this.#written,
        downloadMs: ended - this.#firstByte,
        totalMs: ended - this.#started,
        reusedConnection: this.reusedConnection,
      },
    });
  }

  onError(error: Error) {
    this.fail(error);
  }
}

function noop() {}

function toPairs(raw: Buffer[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!.toString('latin1'), raw[i + 1]!.toString('utf8')]);
  return pairs;
}
