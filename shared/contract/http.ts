/**
 * Contract: callouts (DESIGN §5) — the request a user builds in the Request tab, what main sends,
 * and what comes back (status, headers, body or a paged temp file, timeline, auth trace).
 */
import { z } from 'zod';
import { method } from '../rpc';
import type { AuthTrace } from './auth-trace';
import { SaveDestination, type SavedFile } from './files';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** RFC 9110 §5.6.2 token: what a method or header name may contain. */
export const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const KeyValue = z.object({
  name: z.string().max(8192),
  value: z.string().max(1_000_000),
  enabled: z.boolean().default(true),
});
export type KeyValue = z.infer<typeof KeyValue>;

/** Files travel from the renderer as base64 (the renderer reads what the user picked). */
const FileContent = z.object({
  fileName: z.string().max(1024),
  contentType: z.string().max(256).optional(),
  base64: z.string().max(70_000_000),
});

export const MultipartPart = z.object({
  name: z.string().max(1024),
  enabled: z.boolean().default(true),
  kind: z.enum(['text', 'file']),
  value: z.string().max(1_000_000).default(''),
  file: FileContent.optional(),
});
export type MultipartPart = z.infer<typeof MultipartPart>;

export const RequestBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('json'), text: z.string().max(50_000_000) }),
  z.object({ type: z.literal('text'), text: z.string().max(50_000_000) }),
  z.object({ type: z.literal('xml'), text: z.string().max(50_000_000) }),
  z.object({ type: z.literal('form'), fields: z.array(KeyValue).max(1000) }),
  z.object({ type: z.literal('multipart'), parts: z.array(MultipartPart).max(200) }),
  z.object({ type: z.literal('file'), file: FileContent.optional() }),
]);
export type RequestBody = z.infer<typeof RequestBody>;
export type BodyType = RequestBody['type'];

export const RequestAuth = z.discriminatedUnion('type', [
  /** From the named credential of a `callout:` URL. */
  z.object({ type: z.literal('inherit') }),
  z.object({ type: z.literal('none') }),
  /** A pasted token, sent as `Authorization: Bearer <token>`. */
  z.object({ type: z.literal('bearer'), token: z.string().max(100_000) }),
  /** A named credential's auth applied to an absolute URL. */
  z.object({ type: z.literal('credential'), name: z.string().max(80) }),
]);
export type RequestAuth = z.infer<typeof RequestAuth>;

export const ProxySetting = z.discriminatedUnion('mode', [
  /** HTTPS_PROXY / HTTP_PROXY and NO_PROXY from the environment. */
  z.object({ mode: z.literal('system') }),
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('custom'), url: z.string().max(2048) }),
]);
export type ProxySetting = z.infer<typeof ProxySetting>;

export const DEFAULT_TIMEOUT_MS = 120_000;

export const RequestSettings = z.object({
  /** As an Apex callout: 120 s by default. */
  timeoutMs: z.number().int().min(1).max(3_600_000).default(DEFAULT_TIMEOUT_MS),
  followRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(50).default(10),
  verifyTls: z.boolean().default(true),
  /** A certificate from the Certificates tab trusted as an extra CA for this request. */
  caCertificateId: z.string().max(64).optional(),
  proxy: ProxySetting.default({ mode: 'system' }),
});
export type RequestSettings = z.infer<typeof RequestSettings>;

export const RequestSpec = z.object({
  method: z.string().trim().min(1).max(32),
  /** Absolute http(s) URL, or `callout:Name/path?query`; may contain `{{variables}}`. */
  url: z.string().max(100_000),
  headers: z.array(KeyValue).max(500).default([]),
  body: RequestBody.default({ type: 'none' }),
  auth: RequestAuth.default({ type: 'inherit' }),
  settings: RequestSettings.default(RequestSettings.parse({})),
});
export type RequestSpec = z.infer<typeof RequestSpec>;
export type RequestSpecInput = z.input<typeof RequestSpec>;

export const RequestId = z.string().min(1).max(64);

export const SendInput = z.object({
  /** Chosen by the renderer; `http.cancel(requestId)` aborts it. */
  requestId: RequestId,
  request: RequestSpec,
  /** Variables come from this environment (secret ones from the vault); none when omitted. */
  environmentId: z.string().max(64).nullable().optional(),
  /** Name shown in history (the inner tab's name). */
  name: z.string().max(200).optional(),
});
export type SendInput = z.input<typeof SendInput>;

export interface TimingPhases {
  /** Absent when a kept-alive connection was reused. */
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  /** From the request written to the first byte of the response. */
  firstByteMs: number;
  downloadMs: number;
  totalMs: number;
  reusedConnection: boolean;
  /** A new connection through a proxy: `connectMs` covers the proxy, the CONNECT tunnel and TLS (one step in undici). */
  viaProxy?: boolean;
}

/** One request/response on the wire; a redirect adds one hop. */
export interface TimelineHop {
  method: string;
  url: string;
  status: number;
  /** Milliseconds since the send started. */
  startMs: number;
  phases: TimingPhases;
  /** For redirects: where the server sent us, and whether Authorization was dropped (origin changed). */
  location?: string;
  authorizationDropped?: boolean;
}

export interface ResponseBody {
  /** Decoded size in bytes. */
  size: number;
  /** Bytes on the wire when the body was compressed. */
  encodedSize?: number;
  contentEncoding?: string;
  contentType: string;
  /** What the viewer should do with it. */
  kind: 'json' | 'xml' | 'html' | 'text' | 'image' | 'binary';
  /** The body as UTF-8 text, when it is text and small enough. */
  text?: string;
  /** The body as base64, when it is binary (images for the preview) and small enough. */
  base64?: string;
  /** Set when the body was written to a temp file; fetch it with `http.readBody`. */
  bodyId?: string;
}

export interface SentRequest {
  method: string;
  url: string;
  /** As sent (the live view shows Authorization; history redacts it). */
  headers: [string, string][];
  bodySize: number;
}

export interface CalloutResponse {
  requestId: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  /** The final URL, after redirects. */
  url: string;
  /** The last hop as sent (after redirects). */
  sent: SentRequest;
  /** The request as first written, before any redirect (after a 401 refresh, the retry's): what export reproduces. */
  firstSent: SentRequest;
  body: ResponseBody;
  totalMs: number;
  timeline: TimelineHop[];
  auth: AuthTrace | null;
  warnings: string[];
}

export const ReadBodyInput = z.object({
  bodyId: z.string().min(1).max(64),
  offset: z.number().int().min(0).default(0),
  /** At most 8 MiB per page. */
  length: z
    .number()
    .int()
    .min(1)
    .max(8 * 1024 * 1024)
    .default(4 * 1024 * 1024),
});

export interface BodyPage {
  /** UTF-8 text of the page, cut at a character boundary. */
  text: string;
  offset: number;
  nextOffset: number;
  /** The body's size in bytes; for a body still being formatted, the bytes ready so far. */
  size: number;
  eof: boolean;
}

export interface FormattedBody {
  /** The pretty-printed body, a new temp body to page through (written as a stream: pages wait for it). */
  bodyId: string;
}

export const httpContract = {
  send: method(z.tuple([SendInput])).returns<CalloutResponse>(),
  cancel: method(z.tuple([RequestId])).returns<boolean>(),
  readBody: method(z.tuple([ReadBodyInput])).returns<BodyPage>(),
  /** Pretty-prints a large JSON body in main, streaming (the renderer never formats a 20 MB body). */
  formatBody: method(z.tuple([z.object({ bodyId: z.string().min(1).max(64) })])).returns<FormattedBody>(),
  saveBody: method(
    z.tuple([
      z.object({
        bodyId: z.string().max(64).optional(),
        text: z.string().max(50_000_000).optional(),
        base64: z.string().max(70_000_000).optional(),
        suggestedName: z.string().min(1).max(255),
        destination: SaveDestination,
      }),
    ]),
  ).returns<SavedFile>(),
};
