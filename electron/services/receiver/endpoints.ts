/**
 * The receiver's other endpoints: the protected `/api/*` echo (RFC 6750 bearer tokens), the JWKS
 * and the discovery document (RFC 8414 / OpenID Connect Discovery).
 */
import type { JWK } from 'jose';
import { urls, type Outcome, type ReceiverContext, type ReceiverRequest } from './context';
import { CLIENT_ASSERTION_TYPE, JWT_BEARER_GRANT } from './token-endpoint';
import { Rejection, verifyJwt, type VerifiedToken } from './verify';

const REALM = 'Signet receiver';
const quoted = (text: string) => text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');

/** RFC 6750 §3: the challenge for a refused bearer token. */
function unauthorized(description: string, error: 'invalid_token' | 'invalid_request' | null, token?: string): Outcome {
  const challenge = error
    ? `Bearer realm="${REALM}", error="${error}", error_description="${quoted(description)}"`
    : `Bearer realm="${REALM}"`;
  return {
    status: error === 'invalid_request' ? 400 : 401,
    headers: { 'www-authenticate': challenge },
    body: { error: error ?? 'unauthorized', error_description: description },
    endpoint: 'api',
    verdict: 'rejected',
    reason: description,
    token,
  };
}

export async function handleApiRequest(request: ReceiverRequest, context: ReceiverContext): Promise<Outcome> {
  const header = request.headers.authorization;
  if (header === undefined) return unauthorized('no bearer token: send Authorization: Bearer <token>', null);
  const match = typeof header === 'string' ? /^bearer[ ]+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    return unauthorized('the Authorization header is not "Bearer <token>" (RFC 6750 §2.1)', 'invalid_request');
  }
  const token = match[1]!;
  if (context.faults.unauthorizedNextCalls > 0) {
    context.faults.unauthorizedNextCalls -= 1;
    const left = context.faults.unauthorizedNextCalls;
    const outcome = unauthorized(`fault rule: 401 for this call (${left} more to come)`, 'invalid_token', token);
    return { ...outcome, verdict: 'fault' };
  }
  let verified: VerifiedToken;
  try {
    verified = await verifyBearer(token, context);
  } catch (error) {
    if (error instanceof Rejection) return unauthorized(error.description, 'invalid_token', token);
    throw error;
  }
  const echo = {
    verdict: 'accepted',
    verifiedBy: verified.verifiedBy,
    method: request.method,
    path: request.path,
    query: Object.fromEntries(request.query),
    headers: request.headers,
    body: parseBody(request.body, String(request.headers['content-type'] ?? '')),
    token: { header: verified.header, payload: verified.payload },
  };
  const sub = typeof verified.payload.sub === 'string' ? ` for sub ${verified.payload.sub}` : '';
  return {
    status: 200,
    body: echo,
    endpoint: 'api',
    verdict: 'accepted',
    reason: `token accepted${sub} (verified by ${verified.verifiedBy})`,
    token,
  };
}

/** A receiver-issued access token, or a JWT signed by a trusted key. */
async function verifyBearer(token: string, context: ReceiverContext): Promise<VerifiedToken> {
  const { issuer, api } = urls(context.baseUrl);
  const common = {
    maxLifetimeSeconds: context.config.maxLifetimeSeconds,
    clockSkewSeconds: context.config.clockSkewSeconds,
    now: context.now(),
  };
  const claims = safePayload(token);
  if (claims?.iss === issuer) {
    const own = { label: "the receiver's own key", key: context.signingKey.publicKey, kid: context.signingKey.kid };
    return verifyJwt(token, [own], {
      ...common,
      maxLifetimeSeconds: Math.max(common.maxLifetimeSeconds, context.config.accessTokenLifetimeSeconds),
      audiences: [api],
      issuers: [issuer],
    });
  }
  const { keys, notes } = await context.trustedKeys(safeHeaderKid(token));
  // No jti replay check here: RFC 7523 §3 refuses replayed assertions at the token endpoint, while a
  // bearer token (RFC 6750) is meant to be sent again until it expires — as Signet's own JWT
  // credentials do when they reuse a cached token.
  return verifyJwt(token, keys, {
    ...common,
    audiences: [issuer, api, ...context.config.audiences],
    issuers: context.config.issuers,
    keyNotes: notes,
  });
}

function segment(token: string, index: number): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
const safePayload = (token: string) => segment(token, 1);
const safeHeaderKid = (token: string) => segment(token, 0)?.kid;

function parseBody(body: string, contentType: string): unknown {
  if (!body) return null;
  if (/json/i.test(contentType)) {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType)) return Object.fromEntries(new URLSearchParams(body));
  return body;
}

export function jwksDocument(keys: JWK[]): Outcome {
  return {
    status: 200,
    headers: { 'cache-control': 'max-age=60' },
    body: { keys },
    endpoint: 'jwks',
    verdict: 'served',
    reason: `${keys.length} key${keys.length === 1 ? '' : 's'}`,
  };
}

export function discoveryDocument(baseUrl: string): Outcome {
  const { issuer, tokenEndpoint, jwksUri } = urls(baseUrl);
  const algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
  return {
    status: 200,
    body: {
      issuer,
      token_endpoint: tokenEndpoint,
      jwks_uri: jwksUri,
      grant_types_supported: [JWT_BEARER_GRANT, 'client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
      token_endpoint_auth_signing_alg_values_supported: algorithms,
      client_assertion_types_supported: [CLIENT_ASSERTION_TYPE],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
    },
    endpoint: 'discovery',
    verdict: 'served',
    reason: 'discovery document',
  };
}
