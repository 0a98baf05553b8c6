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
import { claimSocketTiming, type ConnectTiming, type SocketTimingSink } from './transport';

export type Phase = 'connecting' | 'waiting for the response headers' | 'reading the response body';

export interface HopRequest {
  url: URL;
  method: string;
  /** Flat name/value list, as undici takes it. */
  headers: string[];
  body: Buffer | string | null;
  dispatcher: Dispatcher;
  signal: AbortSignal;
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
    const started = performance.now();
    const { sink, signal } = request;
    let phase: Phase = 'connecting';
    let written = started;
    let firstByte = started;
    let settled = false;
    let abortRequest: ((error: Error) => void) | null = null;
    let status = 0;
    let statusText = '';
    let headers: [string, string][] = [];
    let encoding: string | undefined;
    let decoder: Transform | null = null;
    let decoderDone: Promise<void> | null = null;
    let encodedSize = 0;
    let resume: (() => void) | null = null;
    const socket: SocketTimingSink = { reusedConnection: false };

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      decoder?.destroy();
      sink.abort();
      reject(new HopError(error, phase, sink.size));
    };
    const onAbort = () => {
      const reason = signal.reason instanceof Error ? signal.reason : new Error('aborted');
      if (abortRequest) abortRequest(reason);
      fail(reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onConnect(abort) {
        abortRequest = abort as (error: Error) => void;
        if (settled) return abort(new Error('aborted'));
        claimSocketTiming(socket);
        written = performance.now();
        phase = 'waiting for the response headers';
      },
      onHeaders(statusCode, rawHeaders, resumeBody, text) {
        if (statusCode < 200) return true;
        firstByte = performance.now();
        phase = 'reading the response body';
        status = statusCode;
        statusText = text;
        resume = resumeBody;
        headers = toPairs(rawHeaders as unknown as Buffer[]);
        for (const [name, value] of headers) {
          if (name.length === 16 && name.toLowerCase() === 'content-encoding') encoding = value.trim().toLowerCase();
        }
        sink.onDrain(() => resume?.());
        return true;
      },
      onData(chunk) {
        if (settled) return false;
        encodedSize += chunk.length;
        if (encoding && !decoder && encoding !== 'identity') {
          const make = DECODERS[encoding];
          if (make) {
            decoder = make(chunk[0] ?? 0);
            decoder.on('data', (decoded: Buffer) => {
              if (!sink.write(decoded)) decoder!.pause();
            });
            sink.onDrain(() => decoder?.resume());
            decoder.on('drain', () => resume?.());
            decoderDone = new Promise<void>((done, failDecoding) => {
              decoder!.once('end', done);
              decoder!.once('error', (error: Error) => failDecoding(Object.assign(error, { decoding: encoding })));
            });
            decoderDone.catch((error) => {
              abortRequest?.(error);
              fail(error);
            });
          }
        }
        return decoder ? decoder.write(chunk) : sink.write(chunk);
      },
      onComplete() {
        if (settled) return;
        const finish = async () => {
          if (decoder) {
            decoder.end();
            await decoderDone;
          }
          const body = await sink.end();
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          const ended = performance.now();
          const timing: ConnectTiming | undefined = socket.connectTiming;
          resolve({
            status,
            statusText,
            headers,
            body,
            encodedSize,
            contentEncoding: decoder ? encoding : undefined,
            phases: {
              ...(timing ? { dnsMs: timing.dnsMs, connectMs: timing.connectMs, tlsMs: timing.tlsMs } : {}),
              firstByteMs: firstByte - written,
              downloadMs: ended - firstByte,
              totalMs: ended - started,
              reusedConnection: socket.reusedConnection,
            },
          });
        };
        finish().catch(fail);
      },
      onError(error) {
        fail(error);
      },
    };

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
        handler,
      );
    } catch (error) {
      fail(error);
    }
  });
}

function toPairs(raw: Buffer[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!.toString('latin1'), raw[i + 1]!.toString('utf8')]);
  return pairs;
}
