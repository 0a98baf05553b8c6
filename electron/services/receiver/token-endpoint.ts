/**
 * `POST /oauth2/token`: the RFC 7523 jwt-bearer grant (§2.1) and client_credentials with
 * private_key_jwt (§2.2) or a client secret (RFC 6749 §2.3.1). Errors follow RFC 6749 §5.2, with an
 * error_description that says exactly what failed.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ClientAuthMethod } from '../../../shared/contract/receiver';
import { urls, type Outcome, type ReceiverContext, type ReceiverRequest } from './context';
import { Rejection, verifyJwt } from './verify';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope' | 'server_error';

/** An RFC 6749 §5.2 error on its way to the client. */
class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = error === 'invalid_client' ? 401 : error === 'server_error' ? 500 : 400,
    readonly token?: string,
  ) {
    super(description);
  }
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export async function handleTokenRequest(request: ReceiverRequest, context: ReceiverContext): Promise<Outcome> {
  try {
    return await tokenRequest(request, context);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    const headers: Record<string, string> = { ...NO_STORE };
    // RFC 6749 §5.2: a 401 names the scheme the client tried (or should try).
    if (error.status === 401) headers['www-authenticate'] = 'Basic realm="Signet receiver", charset="UTF-8"';
    return {
      status: error.status,
      headers,
      body: { error: error.error, error_description: error.description },
      endpoint: 'token',
      verdict: error.error === 'server_error' ? 'fault' : 'rejected',
      reason: `${error.error}: ${error.description}`,
      token: error.token,
    };
  }
}

async function tokenRequest(request: ReceiverRequest, context: ReceiverContext): Promise<Outcome> {
  if (request.method !== 'POST') {
    throw new OAuthError('invalid_request', `the token endpoint accepts POST only, got ${request.method}`, 405);
  }
  if (context.faults.tokenEndpointFails) {
    throw new OAuthError('server_error', 'fault rule: the token endpoint is set to fail with HTTP 500');
  }
  const params = parseForm(request);
  const grantType = params.get('grant_type');
  if (!grantType) throw new OAuthError('invalid_request', 'grant_type is missing');
  const client = await authenticateClient(request, params, context);

  let subject: string;
  let clientId: string | undefined = client?.clientId;
  let assertion: string | undefined;
  let grantClaims: Record<string, unknown> | undefined;
  if (grantType === JWT_BEARER_GRANT) {
    assertion = params.get('assertion') ?? undefined;
    if (!assertion)
      throw new OAuthError('invalid_request', 'assertion is missing (RFC 7523 §2.1: the JWT goes in the "assertion" parameter)');
    const { keys, notes } = await context.trustedKeys(headerKid(assertion));
    const { tokenEndpoint, issuer } = urls(context.baseUrl);
    try {
      const verified = await verifyJwt(assertion, keys, {
        audiences: [tokenEndpoint, issuer, ...context.config.audiences],
        issuers: context.config.issuers,
        maxLifetimeSeconds: context.config.maxLifetimeSeconds,
        clockSkewSeconds: context.config.clockSkewSeconds,
        requiredClaims: ['iss', 'sub'],
        replay: context.config.refuseReplayedJti ? context.replay : undefined,
        now: context.now(),
        keyNotes: notes,
      });
      subject = verified.payload.sub as string;
      clientId ??= verified.payload.iss as string;
      grantClaims = verified.payload;
    } catch (error) {
      if (error instanceof Rejection) throw new OAuthError('invalid_grant', error.description, 400, assertion);
      throw error;
    }
  } else if (grantType === 'client_credentials') {
    if (!client) {
      throw new OAuthError(
        'invalid_client',
        'client_credentials needs client authentication: send client_assertion (private_key_jwt) or a client secret (Basic or client_secret)',
      );
    }
    subject = client.clientId;
    assertion = client.assertion;
  } else {
    throw new OAuthError(
      'unsupported_grant_type',
      `grant_type ${JSON.stringify(grantType)} is not supported; use ${JWT_BEARER_GRANT} or client_credentials`,
    );
  }

  const scope = checkScope(params.get('scope'), context.config.allowedScopes);
  spendJtis(context, [
    client?.assertionClaims && {
      claims: client.assertionClaims,
      refuse: (description) => new OAuthError('invalid_client', `client assertion: ${description}`, 401, client.assertion),
    },
    grantClaims && { claims: grantClaims, refuse: (description) => new OAuthError('invalid_grant', description, 400, assertion) },
  ]);
  const accessToken = await issueAccessToken(context, { sub: subject, clientId, scope });
  const body: Record<string, unknown> = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: context.config.accessTokenLifetimeSeconds,
  };
  if (scope) body.scope = scope;
  const how = client ? ` (client ${client.clientId}, ${client.method})` : '';
  return {
    status: 200,
    headers: NO_STORE,
    body,
    endpoint: 'token',
    verdict: 'accepted',
    reason: `${grantType === JWT_BEARER_GRANT ? 'jwt-bearer grant' : 'client_credentials grant'} for sub ${subject}${how}`,
    token: assertion,
  };
}

/** RFC 6749 §3.2 / Appendix B: a form body, each parameter at most once (§3.1). */
function parseForm(request: ReceiverRequest): URLSearchParams {
  const contentType = String(request.headers['content-type'] ?? '');
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw new OAuthError(
      'invalid_request',
      `Content-Type must be application/x-www-form-urlencoded (RFC 6749 §3.2), got ${contentType ? JSON.stringify(contentType) : 'none'}`,
    );
  }
  const params = new URLSearchParams(request.body);
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) throw new OAuthError('invalid_request', `parameter ${JSON.stringify(name)} appears more than once (RFC 6749 §3.1)`);
    seen.add(name);
  }
  return params;
}

interface AuthenticatedClient {
  clientId: string;
  method: ClientAuthMethod | 'private_key_jwt';
  assertion?: string;
  /** The verified claims of the private_key_jwt assertion. */
  assertionClaims?: Record<string, unknown>;
}

interface Spent {
  claims: Record<string, unknown>;
  refuse: (description: string) => OAuthError;
}

/**
 * RFC 7523 §3: a replayed assertion is refused. Its jti is spent only here, once the request has
 * passed every check, so a client may retry a refused request (wrong scope, say) with the same one.
 */
function spendJtis(context: ReceiverContext, assertions: (Spent | undefined)[]) {
  if (!context.config.refuseReplayedJti) return;
  const spent = assertions.filter((item): item is Spent => item !== undefined);
  for (const item of spent) {
    try {
      context.replay.check(item.claims);
    } catch (error) {
      if (error instanceof Rejection) throw item.refuse(error.description);
      throw error;
    }
  }
  context.replay.spend(
    spent.map((item) => item.claims),
    context.now(),
    context.config.clockSkewSeconds,
  );
}

/** RFC 6749 §2.3: at most one method; private_key_jwt per RFC 7523 §2.2 and §3. */
async function authenticateClient(
  request: ReceiverRequest,
  params: URLSearchParams,
  context: ReceiverContext,
): Promise<AuthenticatedClient | null> {
  const basic = parseBasic(request.headers.authorization);
  const postSecret = params.get('client_secret');
  const assertion = params.get('client_assertion');
  const assertionType = params.get('client_assertion_type');
  const used = [
    basic && 'HTTP Basic',
    postSecret !== null && 'client_secret',
    (assertion !== null || assertionType !== null) && 'client_assertion',
  ].filter(Boolean);
  if (used.length > 1)
    throw new OAuthError(
      'invalid_request',
      `the client used more than one authentication method (${used.join(', ')}); use exactly one (RFC 6749 §2.3)`,
    );
  const paramClientId = params.get('client_id') ?? undefined;

  if (assertion !== null || assertionType !== null) {
    if (assertionType !== CLIENT_ASSERTION_TYPE) {
      throw new OAuthError(
        'invalid_client',
        `client_assertion_type is ${JSON.stringify(assertionType)}, expected ${CLIENT_ASSERTION_TYPE} (RFC 7523 §2.2)`,
      );
    }
    if (!assertion) throw new OAuthError('invalid_client', 'client_assertion is missing');
    const { keys, notes } = await context.trustedKeys(headerKid(assertion));
    const { tokenEndpoint, issuer } = urls(context.baseUrl);
    let clientId: string;
    let assertionClaims: Record<string, unknown>;
    try {
      const verified = await verifyJwt(assertion, keys, {
        audiences: [tokenEndpoint, issuer, ...context.config.audiences],
        issuers: [],
        maxLifetimeSeconds: context.config.maxLifetimeSeconds,
        clockSkewSeconds: context.config.clockSkewSeconds,
        requiredClaims: ['iss', 'sub'],
        replay: context.config.refuseReplayedJti ? context.replay : undefined,
        now: context.now(),
        keyNotes: notes,
      });
      const { iss, sub } = verified.payload as { iss: string; sub: string };
      // RFC 7523 §3 (client authentication): iss and sub must both be the client_id.
      if (iss !== sub)
        throw new Rejection(
          `iss ${JSON.stringify(iss)} and sub ${JSON.stringify(sub)} differ; for client authentication both must be the client_id (RFC 7523 §3)`,
        );
      if (paramClientId !== undefined && paramClientId !== iss)
        throw new Rejection(`client_id ${JSON.stringify(paramClientId)} does not match the assertion's iss/sub ${JSON.stringify(iss)}`);
      clientId = iss;
      assertionClaims = verified.payload;
    } catch (error) {
      if (error instanceof Rejection) throw new OAuthError('invalid_client', `client assertion: ${error.description}`, 401, assertion);
      throw error;
    }
    return { clientId, method: 'private_key_jwt', assertion, assertionClaims };
  }

  const secretAuth = basic
    ? { ...basic, method: 'client_secret_basic' as const }
    : postSecret !== null
      ? { clientId: paramClientId ?? '', secret: postSecret, method: 'client_secret_post' as const }
      : null;
  if (!secretAuth) return null;
  if (!secretAuth.clientId)
    throw new OAuthError('invalid_client', 'client_id is missing (client_secret_post sends client_id and client_secret in the body)');
  if (basic && paramClientId !== undefined && paramClientId !== basic.clientId) {
    throw new OAuthError(
      'invalid_request',
      `client_id ${JSON.stringify(paramClientId)} in the body differs from ${JSON.stringify(basic.clientId)} in the Authorization header`,
    );
  }
  const registered = context.config.clients.find((client) => client.clientId === secretAuth.clientId);
  if (!registered) {
    throw new OAuthError(
      'invalid_client',
      `client ${JSON.stringify(secretAuth.clientId)} is not registered; add it under Registered clients`,
    );
  }
  if (!registered.authMethods.includes(secretAuth.method)) {
    throw new OAuthError(
      'invalid_client',
      `client ${JSON.stringify(secretAuth.clientId)} may not use ${secretAuth.method} (allowed: ${registered.authMethods.join(', ')})`,
    );
  }
  const expected = context.clientSecret(secretAuth.clientId);
  if (expected === null)
    throw new OAuthError('invalid_client', `client ${JSON.stringify(secretAuth.clientId)} has no secret set in the receiver`);
  if (!sameSecret(secretAuth.secret, expected)) {
    throw new OAuthError('invalid_client', `the client secret for ${JSON.stringify(secretAuth.clientId)} is wrong (${secretAuth.method})`);
  }
  return { clientId: secretAuth.clientId, method: secretAuth.method };
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function parseBasic(header: string | string[] | undefined): { clientId: string; secret: string } | null {
  if (typeof header !== 'string' || !/^basic\s/i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0)
    throw new OAuthError('invalid_client', 'the Basic Authorization header is malformed: expected base64 of client_id:client_secret', 401);
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new OAuthError(
      'invalid_client',
      'the Basic Authorization header is malformed: client_id or secret is not valid form-urlencoding',
      401,
    );
  }
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function checkScope(scope: string | null, allowed: string[]): string | undefined {
  if (scope === null || scope.trim() === '') return undefined;
  const requested = scope.trim().split(/\s+/);
  const refused = allowed.length ? requested.filter((item) => !allowed.includes(item)) : [];
  if (refused.length) {
    throw new OAuthError(
      'invalid_scope',
      `scope ${refused.map((item) => JSON.stringify(item)).join(', ')} is not allowed; allowed: ${allowed.join(' ')}`,
    );
  }
  return requested.join(' ');
}

function headerKid(token: string): unknown {
  try {
    return (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown }).kid;
  } catch {
    return undefined;
  }
}

/** An access token (RFC 9068 shape): a JWT signed by the receiver's own key, for `/api/*`. */
export async function issueAccessToken(
  context: ReceiverContext,
  claims: { sub: string; clientId?: string; scope?: string },
): Promise<string> {
  const now = context.now();
  const { issuer, api } = urls(context.baseUrl);
  return new SignJWT({ ...(claims.clientId ? { client_id: claims.clientId } : {}), ...(claims.scope ? { scope: claims.scope } : {}) })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: context.signingKey.kid })
    .setIssuer(issuer)
    .setSubject(claims.sub)
    .setAudience(api)
    .setIssuedAt(now)
    .setExpirationTime(now + context.config.accessTokenLifetimeSeconds)
    .setJti(randomUUID())
    .sign(context.signingKey.privateKey);
}
