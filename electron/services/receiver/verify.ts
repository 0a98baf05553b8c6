/**
 * Verifying a JWT as the receiver does (RFC 7519 §7.2, RFC 7523 §3), one check at a time so that
 * every refusal carries a sentence saying exactly what failed — "audience is X, expected one of Y".
 */
import type { KeyObject } from 'node:crypto';
import { compactVerify, errors } from 'jose';
import { base64UrlToBytes, utf8 } from '../../../shared/jwt/base64url';
import { describeShape, keyKindFor, shapeFitsAlg, shapeOfKeyObject, type KeyShape } from '../inspector/key-material';

/** A public key the receiver accepts signatures from. */
export interface TrustedKey {
  /** For messages: "certificate JWT_Signing", "JWKS key abc…", "the receiver's own key". */
  label: string;
  key: KeyObject;
  kid?: string;
}

export interface VerifyRules {
  /** Accepted `aud` values (at least one must appear). */
  audiences: string[];
  /** Accepted `iss` values; empty = any. */
  issuers: string[];
  maxLifetimeSeconds: number;
  clockSkewSeconds: number;
  /** Claims that must be present besides exp and aud (e.g. iss, sub for RFC 7523 §3). */
  requiredClaims?: ('iss' | 'sub' | 'jti' | 'iat')[];
  /**
   * When set, a `jti` seen before is refused. Nothing is remembered here: the caller spends the jti
   * with {@link JtiCache.spend} once the whole request has passed every check.
   */
  replay?: JtiCache;
  /** Seconds since the epoch (tests freeze it). */
  now: number;
  /** Said after a signature failure: why some keys are missing (JWKS unreachable, deleted certificate). */
  keyNotes?: string[];
}

/** A verification failure; `description` is what the error_description / log says. */
export class Rejection extends Error {
  constructor(readonly description: string) {
    super(description);
    this.name = 'Rejection';
  }
}

export interface VerifiedToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The label of the key that verified the signature. */
  verifiedBy: string;
}

export interface DecodedParts {
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
}

/** Best-effort decode for the log: whatever parts are readable JSON objects. */
export function decodeForLog(token: string): DecodedParts {
  const [header, payload] = token.split('.');
  return { header: jsonObject(header), payload: jsonObject(payload) };
}

function jsonObject(segment: string | undefined): Record<string, unknown> | undefined {
  if (!segment || segment.length > 200_000) return undefined;
  try {
    const bytes = base64UrlToBytes(segment);
    const text = bytes && utf8(bytes);
    if (text === null || text === undefined) return undefined;
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const quote = (value: unknown) => JSON.stringify(value);
const list = (values: string[]) => (values.length ? values.map(quote).join(', ') : '(none configured)');
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Checks structure, signature and claims; throws a {@link Rejection} naming the first failure. */
export async function verifyJwt(token: string, keys: TrustedKey[], rules: VerifyRules): Promise<VerifiedToken> {
  const parts = token.split('.');
  if (parts.length === 5) throw new Rejection('the token is encrypted (JWE, 5 parts); the receiver accepts signed JWTs (JWS, 3 parts)');
  if (parts.length !== 3) {
    throw new Rejection(
      `the token is not a JWT: it has ${parts.length} part${parts.length === 1 ? '' : 's'}, expected 3 (header.payload.signature)`,
    );
  }
  const header = jsonObject(parts[0]);
  if (!header) throw new Rejection('the JWT header is not base64url-encoded JSON');
  const payload = jsonObject(parts[1]);
  if (!payload) throw new Rejection('the JWT payload is not a base64url-encoded JSON object (claims set)');
  const alg = header.alg;
  if (typeof alg !== 'string' || !alg) throw new Rejection('the JWT header has no alg');
  if (alg === 'none') throw new Rejection('alg "none" is refused: the token is not signed');
  if (/^HS/.test(alg))
    throw new Rejection(`alg ${quote(alg)} (a shared secret) is not accepted: the receiver verifies with public keys only`);
  checkCritical(header.crit);

  const verifiedBy = await verifySignature(token, alg, header.kid, keys, rules.keyNotes ?? []);
  checkClaims(payload, rules);
  return { header, payload, verifiedBy };
}

async function verifySignature(token: string, alg: string, kid: unknown, keys: TrustedKey[], notes: string[]): Promise<string> {
  const suffix = notes.length ? ` (${notes.join('; ')})` : '';
  if (keys.length === 0) throw new Rejection(`no trusted keys are configured: add a certificate or a JWKS URL under Trusted keys${suffix}`);
  // Only keys whose type can serve alg are tried: jose refuses another type with an error that is
  // not a signature failure (a P-384 key for ES256 even throws a DOMException).
  let fitting = keys;
  if (KNOWN_ALGS.test(alg)) {
    fitting = keys.filter((candidate) => {
      const shape = shapeOf(candidate.key);
      return shape !== null && shapeFitsAlg(shape, alg);
    });
    if (fitting.length === 0) {
      const trusted = keys.map((k) => {
        const shape = shapeOf(k.key);
        return `${k.label} (${shape ? describeShape(shape) : String(k.key.asymmetricKeyType)})`;
      });
      throw new Rejection(
        `the token is signed with ${alg}, which needs ${keyKindFor(alg)}; no trusted key is one (trusted: ${trusted.join(', ')})${suffix}`,
      );
    }
  }
  // Keys whose kid matches first; a kid that matches nothing is not fatal (Salesforce sends none).
  const ordered = typeof kid === 'string' ? [...fitting.filter((k) => k.kid === kid), ...fitting.filter((k) => k.kid !== kid)] : fitting;
  for (const candidate of ordered) {
    try {
      await compactVerify(token, candidate.key, { algorithms: [alg] });
      return candidate.label;
    } catch (error) {
      // A bad signature (or a key whose type does not fit alg, a TypeError): try the next key. Any
      // other jose error is about the token itself, and no other key would change it.
      if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof TypeError) continue;
      if (error instanceof errors.JOSEError) throw new Rejection(`the token cannot be verified: ${error.message} (${error.code})`);
      throw error;
    }
  }
  const kidNote = typeof kid === 'string' && !keys.some((k) => k.kid === kid) ? `; kid ${quote(kid)} matches no trusted key` : '';
  throw new Rejection(
    `the signature (${alg}) does not verify with any trusted key (tried ${ordered.map((k) => k.label).join(', ')}${kidNote})${suffix}`,
  );
}

/** The JWS algorithms whose key type is known; others are left for jose to refuse with its own reason. */
const KNOWN_ALGS = /^((RS|PS|ES)(256|384|512)|EdDSA|Ed25519)$/;

function shapeOf(key: KeyObject): KeyShape | null {
  try {
    return shapeOfKeyObject(key);
  } catch {
    return null;
  }
}

/** RFC 7515 §4.1.11: a token whose crit names an extension the recipient does not implement is refused. */
function checkCritical(crit: unknown) {
  if (crit === undefined) return;
  if (!Array.isArray(crit) || crit.length === 0 || crit.some((name) => typeof name !== 'string' || name === '')) {
    throw new Rejection(`crit is ${quote(crit)}; it must be a non-empty list of header parameter names (RFC 7515 §4.1.11)`);
  }
  const [first] = crit as string[];
  throw new Rejection(
    `critical header parameter ${quote(first)} is not understood: the receiver implements no JWS extensions, and RFC 7515 §4.1.11 requires refusing a token whose crit lists one`,
  );
}

function numericDate(payload: Record<string, unknown>, claim: 'exp' | 'nbf' | 'iat'): number | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Rejection(`${claim} is ${quote(value)}, not a NumericDate (seconds since 1970, RFC 7519 §2)`);
  }
  return value;
}

function checkClaims(payload: Record<string, unknown>, rules: VerifyRules) {
  const { now, clockSkewSeconds: skew } = rules;
  const exp = numericDate(payload, 'exp');
  const nbf = numericDate(payload, 'nbf');
  const iat = numericDate(payload, 'iat');
  if (exp === undefined) throw new Rejection('exp is missing: the token must say when it expires');
  for (const claim of rules.requiredClaims ?? []) {
    if (payload[claim] === undefined || payload[claim] === '') throw new Rejection(`${claim} is missing`);
    if (claim !== 'iat' && typeof payload[claim] !== 'string')
      throw new Rejection(`${claim} is ${quote(payload[claim])}, expected a string`);
  }
  if (now > exp + skew) {
    throw new Rejection(`the token expired at ${iso(exp)} (${now - exp} s ago; clock skew allowed ${skew} s)`);
  }
  if (nbf !== undefined && nbf > now + skew) {
    throw new Rejection(`the token is not valid before ${iso(nbf)} (nbf is ${nbf - now} s in the future; clock skew allowed ${skew} s)`);
  }
  if (iat !== undefined && iat > now + skew) {
    throw new Rejection(`iat is ${iat - now} s in the future (${iso(iat)}; clock skew allowed ${skew} s)`);
  }
  const start = iat ?? nbf ?? now;
  const lifetime = exp - start;
  if (lifetime > rules.maxLifetimeSeconds) {
    const from = iat !== undefined ? 'iat' : nbf !== undefined ? 'nbf' : 'now';
    throw new Rejection(`the token lifetime is ${lifetime} s (${from} to exp), longer than the maximum ${rules.maxLifetimeSeconds} s`);
  }

  const aud = payload.aud;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((v): v is string => typeof v === 'string') : [];
  if (aud === undefined) throw new Rejection(`aud is missing; expected one of ${list(rules.audiences)}`);
  if (audiences.length === 0) throw new Rejection(`aud is ${quote(aud)}, not a string or a list of strings`);
  if (!audiences.some((value) => rules.audiences.includes(value))) {
    const shown = typeof aud === 'string' ? quote(aud) : `[${audiences.map(quote).join(', ')}]`;
    throw new Rejection(`audience is ${shown}, expected one of ${list(rules.audiences)}`);
  }
  if (rules.issuers.length > 0 && !rules.issuers.includes(payload.iss as string)) {
    throw new Rejection(
      payload.iss === undefined
        ? `iss is missing; expected one of ${list(rules.issuers)}`
        : `issuer is ${quote(payload.iss)}, expected one of ${list(rules.issuers)}`,
    );
  }
  rules.replay?.check(payload);
}

/** Remembers each `jti` until its token expires, so a replayed assertion is refused (RFC 7523 §3). */
export class JtiCache {
  readonly #seen = new Map<string, { usedAt: number; until: number }>();
  readonly #max: number;

  constructor(max = 100_000) {
    this.#max = max;
  }

  /** Throws a {@link Rejection} when this token's `jti` (per issuer) was spent before. */
  check(payload: Record<string, unknown>) {
    const key = jtiKey(payload);
    const previous = key === undefined ? undefined : this.#seen.get(key);
    if (previous) {
      throw new Rejection(
        `jti ${quote(payload.jti)} was already used at ${iso(previous.usedAt)}: each token may be used once (replay refused)`,
      );
    }
  }

  /**
   * Spends the `jti` of each token once the request they came with has passed every check, so a
   * client may retry a refused request with the same assertion. Checks all before remembering any,
   * without awaiting, so two requests racing with one assertion cannot both be accepted.
   */
  spend(payloads: Record<string, unknown>[], now: number, skew: number) {
    for (const payload of payloads) this.check(payload);
    for (const [entry, value] of this.#seen) if (value.until < now) this.#seen.delete(entry);
    for (const payload of payloads) {
      const key = jtiKey(payload);
      if (key === undefined) continue;
      if (this.#seen.size >= this.#max) this.#seen.delete(this.#seen.keys().next().value as string);
      this.#seen.set(key, { usedAt: now, until: (payload.exp as number) + skew });
    }
  }

  clear() {
    this.#seen.clear();
  }
}

const jtiKey = (payload: Record<string, unknown>) =>
  typeof payload.jti === 'string' ? `${String(payload.iss)}\u0000${payload.jti}` : undefined;
