/**
 * How each protocol obtains the token it sends: a minted JWT (JWT), a jwt-bearer grant (JWT Token
 * Exchange), or a client-credentials grant with private_key_jwt or a client secret. Each flow
 * appends what it did to the auth trace.
 */
import type { KeyObject } from 'node:crypto';
import type { AuthTraceStep } from '../../../shared/contract/auth-trace';
import type { NamedCredential, SecretKind } from '../../../shared/credentials/profile';
import type { TlsOptions } from '../http/small-request';
import { mintAssertion, type JwtPurpose, type JwtTemplate, type MintedJwt } from './jwt-mint';
import { substituteVariables } from './merge-fields';
import type { CachedToken } from './token-cache';
import { JWT_BEARER_GRANT, JWT_CLIENT_ASSERTION_TYPE, requestToken } from './token-endpoint';

export interface FlowContext {
  profile: NamedCredential;
  variables: Record<string, string>;
  signal?: AbortSignal;
  tokenTimeoutMs?: number;
  now(): number;
  /** The compiled template for a purpose (cached by the engine). */
  template(purpose: JwtPurpose): JwtTemplate;
  /** The cached signing key: a private KeyObject, or the HMAC secret's bytes. */
  signingKey(): KeyObject | Uint8Array;
  secret(kind: SecretKind): string;
  /** TLS for the token request: the profile's client certificate and trusted CA. */
  tokenTls(): TlsOptions | undefined;
}

export type FreshToken = Omit<CachedToken, 'timesUsed'>;

export async function mintFor(context: FlowContext, purpose: JwtPurpose): Promise<MintedJwt> {
  return mintAssertion(context.template(purpose), context.signingKey(), { now: context.now(), variables: context.variables });
}

export function jwtStep(minted: MintedJwt, purpose: JwtPurpose, fromCache: boolean): AuthTraceStep {
  return {
    kind: 'jwt',
    purpose,
    token: minted.token,
    header: { ...minted.header },
    claims: minted.claims,
    fromCache,
    expiresAt: new Date(minted.expiresAt).toISOString(),
  };
}

/** JWT: the minted token is the bearer token. */
export async function fetchBearerJwt(context: FlowContext, steps: AuthTraceStep[]): Promise<FreshToken> {
  const minted = await mintFor(context, 'bearer');
  steps.push(jwtStep(minted, 'bearer', false));
  return {
    kind: 'jwt',
    token: minted.token,
    tokenType: 'Bearer',
    expiresAt: minted.expiresAt,
    obtainedAt: context.now(),
    header: minted.header,
    claims: minted.claims,
  };
}

/** JWT Token Exchange and OAuth 2.0 Client Credentials: a token request, its access token cached. */
export async function fetchAccessToken(context: FlowContext, steps: AuthTraceStep[]): Promise<FreshToken> {
  const { profile } = context;
  const sub = (text: string) => substituteVariables(text, context.variables);
  const params: Record<string, string> = {};
  const headers: Record<string, string> = {};
  let assertionClaims: Record<string, unknown> | undefined;

  if (profile.protocol === 'jwt-exchange') {
    // RFC 7523 §2.1: the JWT is the authorization grant.
    const minted = await mintFor(context, 'assertion');
    steps.push(jwtStep(minted, 'assertion', false));
    assertionClaims = minted.claims;
    params.grant_type = JWT_BEARER_GRANT;
    params.assertion = minted.token;
  } else {
    params.grant_type = 'client_credentials';
    const clientId = sub(profile.clientId);
    if (profile.clientAuth === 'private_key_jwt') {
      // RFC 7523 §2.2: the JWT authenticates the client.
      const minted = await mintFor(context, 'client-assertion');
      steps.push(jwtStep(minted, 'client-assertion', false));
      assertionClaims = minted.claims;
      params.client_id = clientId;
      params.client_assertion_type = JWT_CLIENT_ASSERTION_TYPE;
      params.client_assertion = minted.token;
    } else if (profile.clientAuth === 'client_secret_basic') {
      // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
      const pair = `${formEncode(clientId)}:${formEncode(context.secret('clientSecret'))}`;
      headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    } else {
      params.client_id = clientId;
      params.client_secret = context.secret('clientSecret');
    }
  }
  // client_secret_basic / client_secret_post sign no JWT, so there is no claim to carry scope: it goes in the form.
  if (profile.scope && (profile.scopePlacement !== 'claim' || !assertionClaims)) params.scope = sub(profile.scope);
  for (const { name, value } of profile.extraParams) if (name) params[name] = sub(value);

  try {
    const response = await requestToken({
      url: profile.tokenEndpointUrl,
      params,
      headers,
      tls: context.tokenTls(),
      signal: context.signal,
      ...(context.tokenTimeoutMs !== undefined ? { timeoutMs: context.tokenTimeoutMs } : {}),
      assertionClaims,
      now: context.now,
    });
    steps.push(response.step);
    return {
      kind: 'access-token',
      token: response.accessToken,
      tokenType: response.tokenType,
      ...(response.expiresAt !== undefined ? { expiresAt: response.expiresAt } : {}),
      obtainedAt: context.now(),
    };
  } catch (error) {
    const step = (error as { details?: { step?: AuthTraceStep } }).details?.step;
    if (step) steps.push(step);
    throw error;
  }
}

function formEncode(text: string): string {
  return new URLSearchParams({ x: text }).toString().slice(2);
}
