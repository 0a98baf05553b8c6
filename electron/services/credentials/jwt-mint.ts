/**
 * Minting the JWTs a profile sends: as the bearer token (JWT), as the RFC 7523 §2.1 assertion
 * (JWT Token Exchange) or as the RFC 7523 §2.2 client assertion (private_key_jwt). A profile is
 * compiled once into a template (header, fixed claims, parsed custom claims); minting then only adds
 * the time-based claims and signs with a cached key.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, type JWTHeaderParameters } from 'jose';
import type { CertificateRecord } from '../../../shared/contract/certificates';
import { isHmacAlgorithm, type JwtAlgorithm } from '../../../shared/credentials/algorithms';
import { parseCustomClaims } from '../../../shared/credentials/checks';
import type { NamedCredentialFields } from '../../../shared/credentials/profile';
import { AppError } from '../../../shared/errors';
import { hasVariables, substituteDeep } from './merge-fields';

export type JwtPurpose = 'bearer' | 'assertion' | 'client-assertion';

export interface JwtTemplate {
  purpose: JwtPurpose;
  header: JWTHeaderParameters;
  /** Claims fixed at compile time (no variables). */
  fixedClaims: Record<string, unknown>;
  /** Claims whose strings use `{{variables}}`, substituted at each mint. */
  variableClaims: [name: string, value: unknown][];
  validForSeconds: number;
  skewSeconds: number;
  includeIat: boolean;
  includeNbf: boolean;
  includeJti: boolean;
}

export interface MintedJwt {
  token: string;
  header: JWTHeaderParameters;
  claims: Record<string, unknown>;
  /** `exp` in milliseconds. */
  expiresAt: number;
}

/** The `sub` a profile sends: the Named Principal Subject, or the active Per User row's subject. */
export function subjectOf(profile: NamedCredentialFields, user?: string | null): string | undefined {
  if (profile.identityType === 'named-principal') return profile.namedPrincipalSubject || undefined;
  if (profile.identityType === 'per-user') {
    const wanted = user ?? profile.activeUser;
    const row = profile.perUserSubjects.find((entry) => entry.user === wanted);
    if (!row)
      throw new AppError(
        'BAD_INPUT',
        `Per User: there is no subject for the user ${wanted ?? '(none chosen)'}. Add the user or choose another.`,
        { field: 'activeUser' },
      );
    return row.subject || undefined;
  }
  return undefined;
}

/**
 * Compiles a profile's JWT settings. `certificate` is the signing certificate (absent for HS*).
 * Registered claims come first; Custom Claims override them (the editor warns about that).
 */
export function compileJwtTemplate(
  profile: NamedCredentialFields,
  purpose: JwtPurpose,
  certificate: CertificateRecord | undefined,
  user?: string | null,
): JwtTemplate {
  const { jwt } = profile;
  const header: JWTHeaderParameters = { alg: jwt.algorithm };
  if (jwt.typ) header.typ = jwt.typ;
  if (jwt.kid === 'custom' && jwt.customKid) header.kid = jwt.customKid;
  if (jwt.kid === 'thumbprint' && certificate) header.kid = certificate.jwkThumbprint;
  if (jwt.x5t && certificate?.hasCertificate) header.x5t = certificate.x5t;
  if (jwt.x5tS256 && certificate?.hasCertificate) header['x5t#S256'] = certificate['x5t#S256'];

  const claims: Record<string, unknown> = {};
  if (purpose === 'client-assertion') {
    // RFC 7523 §3 (client authentication): iss and sub are the client_id; aud identifies the token endpoint.
    claims.iss = profile.clientId;
    claims.sub = profile.clientId;
    const audiences = jwt.audiences.length ? jwt.audiences : [profile.tokenEndpointUrl];
    claims.aud = audiences.length === 1 ? audiences[0] : audiences;
  } else {
    if (jwt.issuer) claims.iss = jwt.issuer;
    const subject = subjectOf(profile, user);
    if (subject !== undefined) claims.sub = subject;
    if (jwt.audiences.length) claims.aud = jwt.audiences.length === 1 ? jwt.audiences[0] : [...jwt.audiences];
  }
  // A JWT sent as the bearer token has no form to carry scope: it is always a claim there.
  if (profile.scope && (profile.scopePlacement !== 'form' || purpose === 'bearer')) claims.scope = profile.scope;

  const custom = parseCustomClaims(jwt.customClaims);
  if (!custom.ok) throw new AppError('BAD_INPUT', custom.message, { field: 'jwt.customClaims' });
  Object.assign(claims, custom.claims);

  const fixedClaims: Record<string, unknown> = {};
  const variableClaims: [string, unknown][] = [];
  for (const [name, value] of Object.entries(claims)) {
    if (hasVariables(value)) variableClaims.push([name, value]);
    else fixedClaims[name] = value;
  }
  return {
    purpose,
    header,
    fixedClaims,
    variableClaims,
    validForSeconds: jwt.tokenValidForSeconds,
    skewSeconds: jwt.clockSkewSeconds,
    includeIat: jwt.includeIat,
    includeNbf: jwt.includeNbf,
    includeJti: jwt.includeJti,
  };
}

export interface MintOptions {
  /** Milliseconds since the epoch (tests freeze it). */
  now?: number;
  variables?: Record<string, string>;
}

/**
 * Signs a JWT from a compiled template. `key` is a cached private KeyObject (RS/PS/ES/EdDSA) or the
 * HMAC secret's bytes (HS*). Time claims are NumericDate seconds (RFC 7519 §2); `iat` and `nbf` are
 * backdated by the clock skew so a peer whose clock runs behind accepts the token.
 */
export async function mintAssertion(template: JwtTemplate, key: KeyObject | Uint8Array, options: MintOptions = {}): Promise<MintedJwt> {
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: Record<string, unknown> = {};
  if (template.includeIat) claims.iat = nowSeconds - template.skewSeconds;
  if (template.includeNbf) claims.nbf = nowSeconds - template.skewSeconds;
  const exp = nowSeconds + template.validForSeconds;
  claims.exp = exp;
  if (template.includeJti) claims.jti = randomUUID();
  Object.assign(claims, template.fixedClaims);
  for (const [name, value] of template.variableClaims) claims[name] = substituteDeep(value, options.variables ?? {});
  const token = await new SignJWT(claims).setProtectedHeader(template.header).sign(key);
  const finalExp = typeof claims.exp === 'number' ? claims.exp : exp;
  return { token, header: template.header, claims, expiresAt: finalExp * 1000 };
}

export function keyKind(algorithm: JwtAlgorithm): 'hmac' | 'private-key' {
  return isHmacAlgorithm(algorithm) ? 'hmac' : 'private-key';
}
