/**
 * Token requests: the RFC 7523 §2.1 jwt-bearer grant (JWT Token Exchange) and the RFC 6749 §4.4
 * client-credentials grant, form-encoded, with the profile's client certificate on the connection.
 * Every refusal becomes TOKEN_EXCHANGE_FAILED with the server's `error` / `error_description`
 * (RFC 6749 §5.2) and a hint at the profile field to fix; the trace step travels in `details.step`.
 */
import type { AuthTraceStep } from '../../../shared/contract/auth-trace';
import { decodeToken } from '../../../shared/jwt/decode';
import { AppError } from '../../../shared/errors';
import { smallRequest, type TlsOptions } from '../http/small-request';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const JWT_CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type TokenRequestStep = Extract<AuthTraceStep, { kind: 'token-request' }>;

export interface TokenRequest {
  url: string;
  params: Record<string, string>;
  headers?: Record<string, string>;
  tls?: TlsOptions;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** What the assertion said, for hints in error messages. */
  assertionClaims?: Record<string, unknown>;
  now?: () => number;
}

export interface TokenResponse {
  accessToken: string;
  tokenType: string;
  /** Milliseconds; from `expires_in`, or the access token's own `exp` when it is a JWT (the earlier wins). */
  expiresAt?: number;
  step: TokenRequestStep;
}

/** Posts the form and reads an RFC 6749 §5.1 access token response. */
export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const body = new URLSearchParams(request.params).toString();
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    ...request.headers,
  };
  const step: TokenRequestStep = {
    kind: 'token-request',
    url: request.url,
    method: 'POST',
    requestParams: redactParams(request.params),
    requestHeaders: redactHeaders(headers),
  };
  const started = performance.now();
  const timeoutMs = request.timeoutMs ?? 30_000;
  let response;
  try {
    response = await smallRequest({
      url: request.url,
      method: 'POST',
      headers,
      body,
      tls: request.tls,
      signal: request.signal,
      timeoutMs,
      action: 'Calling the token endpoint',
    });
  } catch (error) {
    step.durationMs = performance.now() - started;
    const failure = adviseProfile(error instanceof AppError ? error : new AppError('NETWORK', String(error)), request.url, timeoutMs);
    step.error = { error: failure.code.toLowerCase(), message: failure.message };
    throw new AppError(failure.code, failure.message, { ...failure.details, step });
  }
  step.status = response.status;
  step.durationMs = response.durationMs;

  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    step.response = response.body.slice(0, 2000);
    const type = response.headers['content-type'] ?? 'no content type';
    const start = response.body.trim().slice(0, 60).replace(/\s+/g, ' ');
    return fail(
      step,
      `The token endpoint answered HTTP ${response.status} with a body that is not JSON (${type}${start ? `, starting “${start}”` : ', empty'}). Check the Token Endpoint URL: it should be the OAuth token endpoint, not a web page or the API itself.`,
    );
  }
  step.response = shortenTokens(json);
  const fields = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};

  if (response.status >= 400 || typeof fields.error === 'string') {
    if (typeof fields.error === 'string') {
      const description = typeof fields.error_description === 'string' ? fields.error_description : undefined;
      const message = `${fields.error}${description ? `: ${description}` : ''} — ${hint(fields.error, description ?? '', request)}`;
      step.error = { error: fields.error, ...(description !== undefined ? { description } : {}), message };
      return fail(step, message, { error: fields.error, errorDescription: description });
    }
    return fail(
      step,
      `The token endpoint answered HTTP ${response.status} without an OAuth error. Check the Token Endpoint URL and the server's logs.`,
    );
  }
  if (typeof fields.access_token !== 'string' || fields.access_token === '') {
    const names = Object.keys(fields);
    return fail(
      step,
      `The token endpoint answered HTTP ${response.status} without access_token${names.length ? ` (it returned: ${names.join(', ')})` : ' (an empty object)'}. Signet, like Salesforce, reads the access token from access_token; the endpoint must return it under that name.`,
    );
  }
  const now = request.now?.() ?? Date.now();
  let expiresAt: number | undefined;
  const expiresIn = Number(fields.expires_in);
  if (fields.expires_in !== undefined && Number.isFinite(expiresIn) && expiresIn > 0) expiresAt = now + expiresIn * 1000;
  const decoded = decodeToken(fields.access_token);
  if (decoded.ok && decoded.token.kind === 'jws' && typeof decoded.token.payload.exp === 'number') {
    const own = decoded.token.payload.exp * 1000;
    expiresAt = expiresAt === undefined ? own : Math.min(expiresAt, own);
  }
  const tokenType = typeof fields.token_type === 'string' && fields.token_type ? fields.token_type : 'Bearer';
  return { accessToken: fields.access_token, tokenType, ...(expiresAt !== undefined ? { expiresAt } : {}), step };
}

/**
 * The transport's advice names per-request settings (TLS verification, the timeout) that a profile's
 * token request does not have: point at what the user can change in the profile instead.
 */
function adviseProfile(error: AppError, url: string, timeoutMs: number): AppError {
  const host = URL.canParse(url) ? new URL(url).host : url;
  const advice: Record<string, string> = {
    'self-signed':
      'the server uses a self-signed certificate. Import it (or the CA that issued it) in the Certificates tab and choose it as Token Endpoint CA Certificate.',
    untrusted:
      'the server has a certificate not signed by a CA this machine trusts. Import it (or the CA that issued it) in the Certificates tab and choose it as Token Endpoint CA Certificate.',
    expired: "the server's certificate has expired. Ask the token endpoint's owner to renew it.",
    'not-yet-valid': "the server's certificate is not valid yet. Check this machine's clock.",
    'hostname-mismatch': "the server's certificate is for another host name. Put the host name it was issued for in Token Endpoint URL.",
  };
  const tls = error.details?.tls;
  if (error.code === 'TLS' && typeof tls === 'string' && advice[tls]) {
    return new AppError('TLS', `Calling the token endpoint: TLS error with ${host}: ${advice[tls]}`, error.details);
  }
  if (error.code === 'TIMEOUT') {
    const limit = timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`;
    return new AppError(
      'TIMEOUT',
      `Calling the token endpoint: ${host} did not answer within ${limit}. Check that the Token Endpoint URL is right and that the server is up.`,
      error.details,
    );
  }
  return error;
}

function fail(step: TokenRequestStep, message: string, extra: Record<string, unknown> = {}): never {
  if (!step.error) step.error = { error: 'invalid_response', message };
  throw new AppError('TOKEN_EXCHANGE_FAILED', message, { status: step.status, ...extra, step });
}

/** Points at the profile field behind a refusal. */
function hint(error: string, description: string, request: TokenRequest): string {
  const aud = request.assertionClaims?.aud;
  const text = description.toLowerCase();
  if (/aud/.test(text)) {
    return `the token endpoint expects aud = its own URL (${request.url}) or its issuer; this assertion had aud = ${JSON.stringify(aud ?? null)}. Fix Audiences.`;
  }
  if (error === 'invalid_grant' && /(expir|exp\b|iat|nbf|not yet valid|clock|future)/.test(text)) {
    return "the assertion's times were refused. Check Token Valid For (some endpoints want ≤ 3 minutes), Clock Skew and this machine's clock.";
  }
  if (/\bsub\b|subject/.test(text)) {
    return `check the Named Principal Subject (or the Per User subject): the assertion had sub = ${JSON.stringify(request.assertionClaims?.sub ?? null)}.`;
  }
  if (/\biss\b|issuer/.test(text)) {
    return `check Issuer (for client credentials: the Client ID): the assertion had iss = ${JSON.stringify(request.assertionClaims?.iss ?? null)}.`;
  }
  if (/signature|invalid assertion|verify/.test(text)) {
    return 'the signature did not verify: register this JWT Signing Certificate (or its JWKS) with the token endpoint, and check Signing Algorithm and kid.';
  }
  switch (error) {
    case 'invalid_client':
      return 'the client was not recognised or did not authenticate: check Client ID / Issuer, the Client Secret or the certificate registered for the client.';
    case 'invalid_scope':
      return 'check Scope. Some endpoints (Google) want scope as a claim: set Scope placement to claim.';
    case 'unsupported_grant_type':
      return `the endpoint does not accept grant_type ${request.params.grant_type}. Choose the protocol the endpoint supports.`;
    case 'unauthorized_client':
      return 'the client may not use this grant type. Allow it for the client at the authorization server.';
    case 'invalid_grant':
      return 'the assertion was refused. Compare Issuer, Named Principal Subject and Audiences with what the token endpoint expects.';
    case 'invalid_request':
      return 'a parameter is missing or malformed. Compare the token request below with what the endpoint expects; extra parameters go under Extra Parameters.';
    default:
      return 'see the token response below.';
  }
}

/** `client_secret` hidden; an assertion keeps header and claims but loses its signature. */
export function redactParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === 'client_secret' || name === 'password') out[name] = '[redacted]';
    else if (name === 'assertion' || name === 'client_assertion') out[name] = redactSignature(value);
    else out[name] = value;
  }
  return out;
}

export function redactSignature(token: string): string {
  const parts = token.split('.');
  return parts.length === 3 ? `${parts[0]}.${parts[1]}.[signature redacted]` : '[redacted]';
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'authorization' ? `${value.split(' ')[0]} [redacted]` : value;
  }
  return out;
}

/** Access, refresh and ID tokens shortened for the trace (the live token is returned separately). */
export function shortenTokens(json: unknown): unknown {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return json;
  const out: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  for (const name of ['access_token', 'refresh_token', 'id_token']) {
    const value = out[name];
    if (typeof value === 'string' && value.length > 16) out[name] = `${value.slice(0, 12)}… (${value.length} characters)`;
  }
  return out;
}
