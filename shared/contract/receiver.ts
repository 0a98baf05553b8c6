/**
 * Contract: the Receiver — a local external service that publishes a JWKS, runs the RFC 7523 grants,
 * protects `/api/*` and says why it rejects a token. Configuration is public data; client secrets go
 * to the vault and never come back.
 */
import { z } from 'zod';
import { method } from '../rpc';

type PatchShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K]> };

/**
 * A strict partial of an object whose fields have defaults. (zod's `.partial()` would still fill
 * every missing field with its default, so a patch of one field would reset all the others.)
 */
function patchOf<T extends z.ZodRawShape>(shape: T): z.ZodObject<PatchShape<T>, z.core.$strict> {
  const fields = Object.entries(shape).map(([key, field]) => [
    key,
    (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
  ]);
  return z.strictObject(Object.fromEntries(fields)) as unknown as z.ZodObject<PatchShape<T>, z.core.$strict>;
}

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];
/** True for the addresses that only this machine can reach. */
export const isLoopbackHost = (host: string) => LOOPBACK.includes(host.toLowerCase());

const Url = z.url({ protocol: /^https?$/, error: 'Enter an http(s) URL.' });
const Text = z.string().trim().min(1).max(2000);

export const ClientAuthMethod = z.enum(['client_secret_basic', 'client_secret_post']);
export type ClientAuthMethod = z.infer<typeof ClientAuthMethod>;

/** A registered OAuth client that authenticates with a secret (the secret itself lives in the vault). */
export const RegisteredClient = z.object({
  clientId: z.string().trim().min(1, 'Enter a client ID.').max(200),
  /** Methods this client may use; both by default. */
  authMethods: z.array(ClientAuthMethod).min(1).default(['client_secret_basic', 'client_secret_post']),
});
export type RegisteredClient = z.infer<typeof RegisteredClient>;

export const ReceiverConfig = z.object({
  /** Interface to listen on. Anything but loopback needs `allowExternalInterface`. */
  host: z.string().trim().min(1).max(255).default('127.0.0.1'),
  /** 0 = pick a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  /** The explicit choice that lets the receiver listen on a non-loopback interface. */
  allowExternalInterface: z.boolean().default(false),
  protocol: z.enum(['http', 'https']).default('http'),
  /** The TLS server certificate from the store; null = one Signet generates for localhost/127.0.0.1. */
  serverCertificateId: z.string().max(64).nullable().default(null),
  /** Mutual TLS: off, ask for a client certificate, or require a trusted one. */
  mtls: z.enum(['off', 'optional', 'required']).default('off'),
  /** Certificates from the store a client certificate may chain to (or be). */
  mtlsTrustedCertificateIds: z.array(z.string().max(64)).max(100).default([]),
  /** Extra trusted CA certificates for client certificates, PEM. */
  mtlsCaPem: z.string().max(200_000).default(''),
  /** Keys a JWT may be signed with: certificates from the store… */
  trustedCertificateIds: z.array(z.string().max(64)).max(100).default([]),
  /** …and/or a JWKS URL ('' = none). */
  jwksUrl: z.union([z.literal(''), Url]).default(''),
  /** Accepted `aud` values besides the receiver's own URLs (token endpoint, issuer, /api). */
  audiences: z.array(Text).max(50).default([]),
  /** Accepted `iss` values; empty = any issuer. */
  issuers: z.array(Text).max(50).default([]),
  /** Longest accepted token lifetime (exp − iat), seconds. */
  maxLifetimeSeconds: z.number().int().min(1).max(31_536_000).default(3600),
  clockSkewSeconds: z.number().int().min(0).max(3600).default(60),
  /** At /oauth2/token only (RFC 7523 §3): refuse an assertion or client_assertion whose `jti` was already accepted (until it expires). Bearer tokens at /api/* may be reused. */
  refuseReplayedJti: z.boolean().default(true),
  /** Scopes a client may ask for; empty = any. */
  allowedScopes: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  /** `expires_in` of issued access tokens, seconds. */
  accessTokenLifetimeSeconds: z.number().int().min(1).max(86_400).default(3600),
  clients: z.array(RegisteredClient).max(100).default([]),
  /** Start the server when Signet starts. */
  autoStart: z.boolean().default(false),
});
export type ReceiverConfig = z.infer<typeof ReceiverConfig>;
export const ReceiverConfigPatch = patchOf(ReceiverConfig.shape);
export type ReceiverConfigPatch = z.input<typeof ReceiverConfigPatch>;

/** Rules that provoke client behaviour. Runtime only: they reset when Signet restarts. */
export const FaultRules = z.object({
  /** Answer 401 to the next N calls to /api/* (to test refresh on 401). */
  unauthorizedNextCalls: z.number().int().min(0).max(1000).default(0),
  /** Delay every response by this many milliseconds. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** The token endpoint answers 500. */
  tokenEndpointFails: z.boolean().default(false),
});
export type FaultRules = z.infer<typeof FaultRules>;
export const FaultRulesPatch = patchOf(FaultRules.shape);

export interface ReceiverEndpoint {
  name: string;
  method: string;
  url: string;
}

export interface ReceiverStatus {
  state: 'stopped' | 'starting' | 'running';
  /** Set while running: `http(s)://host:port`. */
  baseUrl?: string;
  endpoints: ReceiverEndpoint[];
  /** The TLS server certificate (PEM) while running HTTPS, for clients to trust. */
  serverCertificatePem?: string;
  /** Shown next to the status (listening on a non-loopback interface, why it stopped...). */
  warnings: string[];
  faults: FaultRules;
}

export type LogVerdict = 'accepted' | 'rejected' | 'served' | 'fault';

/** One request the receiver answered, as the log shows it. Secrets in the request are redacted. */
export interface ReceiverLogEntry {
  id: number;
  at: string;
  method: string;
  path: string;
  /** Which endpoint handled it. */
  endpoint: 'token' | 'api' | 'jwks' | 'discovery' | 'other';
  status: number;
  verdict: LogVerdict;
  /** Why it was rejected (or what was accepted, e.g. "jwt-bearer grant for sub alice"). */
  reason: string;
  /** The subject DN of the client certificate (mutual TLS). */
  clientCertificateSubject?: string;
  /** The JWT the request carried (assertion or bearer token), raw and decoded. */
  token?: { raw: string; header?: Record<string, unknown>; payload?: Record<string, unknown> };
  durationMs: number;
  request: { headers: Record<string, string>; query: Record<string, string>; body: string };
  response: { body: string };
}

export const receiverContract = {
  getConfig: method(z.tuple([])).returns<ReceiverConfig>(),
  configure: method(z.tuple([ReceiverConfigPatch])).returns<ReceiverConfig>(),
  status: method(z.tuple([])).returns<ReceiverStatus>(),
  start: method(z.tuple([])).returns<ReceiverStatus>(),
  stop: method(z.tuple([])).returns<ReceiverStatus>(),
  setFaults: method(z.tuple([FaultRulesPatch])).returns<ReceiverStatus>(),
  log: method(z.tuple([])).returns<ReceiverLogEntry[]>(),
  clearLog: method(z.tuple([])).returns<void>(),
  /** Stores (or replaces) a registered client's secret in the vault. */
  setClientSecret: method(
    z.tuple([z.object({ clientId: z.string().trim().min(1).max(200), secret: z.string().min(1, 'Enter a secret.').max(1000) })]),
  ).returns<void>(),
  /** Which registered clients have a secret in the vault (never the secrets). */
  clientSecretsSet: method(z.tuple([])).returns<string[]>(),
};
