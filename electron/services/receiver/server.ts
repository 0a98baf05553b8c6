/**
 * The receiver's HTTP(S) server: reads bodies under a cap, checks mutual TLS, routes, applies the
 * latency rule, answers every request (bad input included) and reports each one to the log. Stops
 * cleanly: open sockets and pending delays are closed on stop.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { JWK } from 'jose';
import type { ReceiverLogEntry } from '../../../shared/contract/receiver';
import { AppError } from '../../../shared/errors';
import type { Outcome, ReceiverContext, ReceiverRequest } from './context';
import { discoveryDocument, handleApiRequest, jwksDocument } from './endpoints';
import type { TlsMaterial } from './keys';
import { handleTokenRequest } from './token-endpoint';
import { decodeForLog } from './verify';

/** Largest request body the receiver reads; past it, 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
const LOGGED_BODY_CHARS = 16 * 1024;

export interface ServerOptions {
  host: string;
  port: number;
  tls?: TlsMaterial & { mtls: 'off' | 'optional' | 'required' };
  /** Built per request, so configuration changes apply at once. */
  context(): ReceiverContext;
  jwks(): Promise<JWK[]>;
  onLog(entry: Omit<ReceiverLogEntry, 'id'>): void;
  onUnexpectedError(error: unknown): void;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

type LogDraft = Omit<ReceiverLogEntry, 'id'>;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve(): void }>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => (timers.delete(entry), resolve()), ms), resolve };
      timers.add(entry);
    });

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response, options, delay).catch((error: unknown) => {
      options.onUnexpectedError(error);
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'server_error', error_description: 'the receiver failed unexpectedly; see the app log' }));
      } else {
        response.destroy();
      }
    });
  };
  const tls = options.tls;
  const server: Server = tls
    ? createHttpsServer(
        {
          key: tls.key,
          cert: tls.cert,
          // Client certificates are checked against the configured CAs only: with no ca, Node would
          // trust every public root, and any publicly issued client certificate would pass.
          ...(tls.mtls !== 'off' ? { requestCert: true, rejectUnauthorized: false, ca: tls.ca } : {}),
        },
        listener,
      )
    : createHttpServer(listener);
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  server.on('connection', track);
  // Malformed HTTP (or TLS garbage) never reaches the listener: answer 400 when we still can.
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nmalformed HTTP request\n');
    else socket.destroy();
  });
  server.on('tlsClientError', () => {});

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(listenError(error, options.host, options.port));
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => options.onUnexpectedError(error));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const entry of timers) {
          clearTimeout(entry.timer);
          entry.resolve();
        }
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): AppError {
  if (error.code === 'EADDRINUSE') {
    return new AppError('CONFLICT', `Port ${port} is already in use on ${host}. Choose another port, or 0 to let Signet pick a free one.`, {
      field: 'port',
    });
  }
  if (error.code === 'EACCES') {
    return new AppError(
      'BAD_INPUT',
      `Signet may not listen on port ${port} (ports below 1024 need privileges). Choose a port above 1024, or 0.`,
      {
        field: 'port',
      },
    );
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new AppError('BAD_INPUT', `${host} is not an address of this machine. Use 127.0.0.1.`, { field: 'host' });
  }
  return new AppError('NETWORK', `The receiver could not listen on ${host}:${port}: ${error.message}`, { errno: error.code });
}

/**
 * The request target as a URL. An origin-form target is taken as a path even when it starts with
 * `//` (which URL parsing would read as a host); an absolute-form one as itself; anything else
 * becomes an (unknown) path, so routing never throws.
 */
export function requestTarget(raw = '/'): URL {
  const base = 'http://receiver.invalid';
  if (raw.startsWith('/')) return new URL(`${base}${raw}`);
  try {
    return new URL(raw);
  } catch {
    return new URL(`${base}/${encodeURIComponent(raw)}`);
  }
}

async function handle(request: IncomingMessage, response: ServerResponse, options: ServerOptions, delay: (ms: number) => Promise<void>) {
  const started = Date.now();
  const url = requestTarget(request.url);
  const socket = request.socket as TLSSocket;
  const peer = options.tls && options.tls.mtls !== 'off' ? clientCertificate(socket) : undefined;
  const draft: LogDraft = {
    at: new Date(started).toISOString(),
    method: request.method ?? '?',
    path: url.pathname,
    endpoint: endpointOf(url.pathname),
    status: 0,
    verdict: 'rejected',
    reason: '',
    ...(peer?.subject ? { clientCertificateSubject: peer.subject } : {}),
    durationMs: 0,
    request: { headers: redactHeaders(request.headers), query: Object.fromEntries(url.searchParams), body: '' },
    response: { body: '' },
  };
  const finish = async (outcome: Outcome) => {
    const context = options.context();
    if (context.faults.latencyMs > 0) await delay(context.faults.latencyMs);
    const text = JSON.stringify(outcome.body, null, 2);
    if (!response.headersSent && !response.destroyed) {
      response.writeHead(outcome.status, { 'content-type': 'application/json; charset=utf-8', ...outcome.headers });
      response.end(text);
    }
    options.onLog({
      ...draft,
      endpoint: outcome.endpoint,
      status: outcome.status,
      verdict: outcome.verdict,
      reason: outcome.reason,
      ...(outcome.token ? { token: { raw: outcome.token, ...decodeForLog(outcome.token) } } : {}),
      durationMs: Date.now() - started,
      response: { body: truncate(text) },
    });
  };

  let body: string | null;
  try {
    body = await readBody(request);
  } catch (error) {
    // The client went away mid-body: nobody is left to answer.
    if (request.destroyed || (error as NodeJS.ErrnoException).code === 'ECONNRESET') return;
    throw error;
  }
  if (body === null) {
    response.setHeader('connection', 'close');
    return finish({
      status: 413,
      body: { error: 'invalid_request', error_description: `the request body is larger than ${MAX_BODY_BYTES} bytes` },
      endpoint: draft.endpoint,
      verdict: 'rejected',
      reason: `body larger than ${MAX_BODY_BYTES} bytes`,
    });
  }
  draft.request.body = truncate(redactBody(body, request.headers['content-type']));

  if (options.tls?.mtls === 'required' && !peer?.authorized) {
    const unconfigured = options.tls.ca.length === 0 ? '; no trusted client certificates or CA are configured under Mutual TLS' : '';
    const why = peer?.subject
      ? `the client certificate ${peer.subject} is not trusted (${peer.error})${unconfigured}`
      : 'no client certificate was presented';
    const description = `mutual TLS is required: ${why}`;
    return finish({
      status: draft.endpoint === 'token' ? 401 : 403,
      body: { error: draft.endpoint === 'token' ? 'invalid_client' : 'access_denied', error_description: description },
      endpoint: draft.endpoint,
      verdict: 'rejected',
      reason: description,
    });
  }

  const context = options.context();
  const receiverRequest: ReceiverRequest = {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    body,
  };
  return finish(await route(receiverRequest, context, options));
}

async function route(request: ReceiverRequest, context: ReceiverContext, options: ServerOptions): Promise<Outcome> {
  const { path, method } = request;
  if (path === '/oauth2/token') return handleTokenRequest(request, context);
  if (path === '/api' || path.startsWith('/api/')) return handleApiRequest(request, context);
  if (path === '/.well-known/jwks.json' || path === '/.well-known/openid-configuration') {
    if (method !== 'GET' && method !== 'HEAD') {
      return {
        status: 405,
        headers: { allow: 'GET, HEAD' },
        body: { error: 'method_not_allowed', error_description: `${path} answers GET only` },
        endpoint: endpointOf(path),
        verdict: 'rejected',
        reason: `${method} is not allowed`,
      };
    }
    if (path === '/.well-known/jwks.json') {
      const own = context.signingKey.jwk;
      return jwksDocument([...(await options.jwks()), own]);
    }
    return discoveryDocument(context.baseUrl);
  }
  const known = '/.well-known/jwks.json, /.well-known/openid-configuration, /oauth2/token, /api/*';
  return {
    status: 404,
    body: { error: 'not_found', error_description: `nothing at ${path}; the receiver serves ${known}` },
    endpoint: 'other',
    verdict: 'rejected',
    reason: `no endpoint at ${path}`,
  };
}

function endpointOf(path: string): ReceiverLogEntry['endpoint'] {
  if (path === '/oauth2/token') return 'token';
  if (path === '/api' || path.startsWith('/api/')) return 'api';
  if (path === '/.well-known/jwks.json') return 'jwks';
  if (path === '/.well-known/openid-configuration') return 'discovery';
  return 'other';
}

/** Reads the body as UTF-8 text; null when it is over the cap (the rest is drained, not stored). */
async function readBody(request: IncomingMessage): Promise<string | null> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  let over = declared > MAX_BODY_BYTES;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) over = true;
    if (!over) chunks.push(chunk as Buffer);
    // A client that keeps sending far past the cap is cut off rather than drained forever.
    if (size > 64 * MAX_BODY_BYTES) {
      request.destroy();
      break;
    }
  }
  return over ? null : Buffer.concat(chunks).toString('utf8');
}

function clientCertificate(socket: TLSSocket): { subject?: string; authorized: boolean; error?: string } | undefined {
  if (typeof socket.getPeerCertificate !== 'function') return undefined;
  const certificate = socket.getPeerCertificate();
  if (!certificate || Object.keys(certificate).length === 0) return { authorized: false };
  const subject = Object.entries(certificate.subject ?? {})
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
  return { subject, authorized: socket.authorized, error: socket.authorizationError ? String(socket.authorizationError) : undefined };
}

function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    flat[name] = name === 'authorization' && /^basic\s/i.test(text) ? 'Basic (redacted)' : text;
  }
  return flat;
}

function redactBody(body: string, contentType: string | undefined): string {
  if (!/x-www-form-urlencoded/i.test(contentType ?? '') || !body.includes('client_secret')) return body;
  return body.replace(/(^|&)client_secret=[^&]*/g, '$1client_secret=(redacted)');
}

const truncate = (text: string) =>
  text.length > LOGGED_BODY_CHARS ? `${text.slice(0, LOGGED_BODY_CHARS)}… (${text.length} characters)` : text;
