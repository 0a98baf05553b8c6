/**
 * A bounded HTTP(S) request for small exchanges made by main on the user's behalf — token
 * endpoints, JWKS and discovery documents: overall timeout, response size cap, TLS options (trusted
 * CA, client certificate, verification) and coded errors. Callouts use the full engine instead.
 */
import { createHash } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors';
import { transportError } from './transport-errors';

export interface TlsOptions {
  /** Extra trusted CA certificates (PEM), added to the system's. */
  ca?: string[];
  /** Client certificate chain (PEM) and private key for mutual TLS. */
  cert?: string;
  key?: string;
  /** Verify the server's certificate (default true). */
  verify?: boolean;
}

export interface SmallRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  /** Refuse a response body larger than this (default 1 MiB). */
  maxBytes?: number;
  tls?: TlsOptions;
  signal?: AbortSignal;
  /** For messages: "Calling the token endpoint". */
  action?: string;
}

export interface SmallResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from start to the end of the body. */
  durationMs: number;
}

const agents = new Map<string, Agent>();

/** One keep-alive agent per distinct TLS configuration. */
export function agentFor(tls: TlsOptions = {}): Dispatcher {
  const key = JSON.stringify([tls.ca ?? [], tls.cert ?? '', tls.key ? hashOf(tls.key) : '', tls.verify ?? true]);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: {
        ...(tls.ca?.length ? { ca: [...systemCas(), ...tls.ca] } : {}),
        ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
        rejectUnauthorized: tls.verify ?? true,
      },
    });
    agents.set(key, agent);
  }
  return agent;
}

export async function smallRequest(input: SmallRequest): Promise<SmallResponse> {
  const timeoutMs = input.timeoutMs ?? 30_000;
  const maxBytes = input.maxBytes ?? 1024 * 1024;
  const started = performance.now();
  const signals = [AbortSignal.timeout(timeoutMs), ...(input.signal ? [input.signal] : [])];
  const signal = AbortSignal.any(signals);
  try {
    const response = await request(input.url, {
      method: input.method ?? 'GET',
      headers: input.headers,
      body: input.body,
      dispatcher: agentFor(input.tls),
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > maxBytes) {
        response.body.destroy();
        throw new AppError(
          'TOO_LARGE',
          `${input.action ? `${input.action}: ` : ''}the response is larger than ${Math.round(maxBytes / 1024)} KiB, which is more than expected here.`,
          {
            url: input.url,
          },
        );
      }
      chunks.push(chunk);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { status: response.statusCode, headers, body: Buffer.concat(chunks).toString('utf8'), durationMs: performance.now() - started };
  } catch (error) {
    throw transportError(error, { url: input.url, action: input.action, timeoutMs, clientCertificate: !!input.tls?.cert });
  }
}

/** Passing `ca` replaces Node's default roots, so add them back. */
function systemCas(): readonly string[] {
  return rootCertificates;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
