/**
 * Turns what the user gave (a PEM, a JWK or JWKS, an HMAC secret) into verification keys, and says
 * which JOSE algorithms each key can serve. Public keys only: a pasted private key is refused.
 */
import { createPublicKey, KeyObject, X509Certificate } from 'node:crypto';
import { importJWK, type JWK } from 'jose';
import type { HmacEncoding } from '../../../shared/contract/inspector';
import { AppError } from '../../../shared/errors';

/** The shape of a key, enough to say which `alg` it can verify. */
export type KeyShape = { kty: 'RSA' } | { kty: 'EC'; crv: string } | { kty: 'OKP'; crv: string } | { kty: 'oct' };

export interface Candidate {
  /** A public KeyObject, an HMAC secret, or a JWK still to be imported for the token's alg. */
  key: KeyObject | Uint8Array | JWK;
  shape: KeyShape;
  description: string;
  matchedBy?: string;
  kid?: string;
  certificateId?: string;
}

const EC_CURVE_BY_ALG: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

/** Can a key of this shape verify `alg`? (RFC 7518 §3.1, RFC 8037 §3.1) */
export function shapeFitsAlg(shape: KeyShape, alg: string): boolean {
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return shape.kty === 'RSA';
  if (alg in EC_CURVE_BY_ALG) return shape.kty === 'EC' && shape.crv === EC_CURVE_BY_ALG[alg];
  if (alg === 'EdDSA') return shape.kty === 'OKP' && (shape.crv === 'Ed25519' || shape.crv === 'Ed448');
  if (alg === 'Ed25519') return shape.kty === 'OKP' && shape.crv === 'Ed25519';
  if (/^HS(256|384|512)$/.test(alg)) return shape.kty === 'oct';
  return false;
}

/** The kind of key an `alg` needs, for messages ("an RSA key"). */
export function keyKindFor(alg: string): string {
  if (/^(RS|PS)/.test(alg)) return 'an RSA key';
  if (alg in EC_CURVE_BY_ALG) return `an EC ${EC_CURVE_BY_ALG[alg]} key`;
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'an Ed25519 key';
  if (alg.startsWith('HS')) return 'an HMAC secret';
  return `a key for ${alg}`;
}

const NAMED_CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' };

export function shapeOfKeyObject(key: KeyObject): KeyShape {
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return { kty: 'RSA' };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
      return { kty: 'EC', crv: NAMED_CURVES[curve] ?? curve };
    }
    case 'ed25519':
      return { kty: 'OKP', crv: 'Ed25519' };
    case 'ed448':
      return { kty: 'OKP', crv: 'Ed448' };
    default:
      throw new AppError(
        'UNSUPPORTED_KEY',
        `Keys of type ${key.asymmetricKeyType ?? 'unknown'} cannot verify JWTs. Use an RSA, EC or Ed25519 key.`,
      );
  }
}

export function describeShape(shape: KeyShape): string {
  return shape.kty === 'EC' || shape.kty === 'OKP'
    ? shape.kty === 'EC'
      ? `EC ${shape.crv}`
      : shape.crv
    : shape.kty === 'oct'
      ? 'HMAC'
      : 'RSA';
}

/** A pasted PEM: a certificate or a public key. Other PEM kinds get a message naming what they are. */
export function candidateFromPem(text: string): Candidate {
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  if (!label) {
    throw new AppError(
      'BAD_INPUT',
      'This is not PEM. Paste text that starts with -----BEGIN CERTIFICATE----- or -----BEGIN PUBLIC KEY----- (for a JWK, choose "JWK / JWKS").',
      { field: 'pem' },
    );
  }
  if (/PRIVATE KEY/.test(label)) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `This is a private key (${label}). Verifying needs only the public part: paste the certificate or the public key — never share the private key.`,
      { field: 'pem', pemLabel: label },
    );
  }
  if (label === 'CERTIFICATE REQUEST' || label === 'NEW CERTIFICATE REQUEST') {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      'This is a certificate signing request (CSR), not a certificate. Paste the signed certificate or the public key.',
      { field: 'pem', pemLabel: label },
    );
  }
  const block = text.slice(text.indexOf(`-----BEGIN ${label}-----`));
  try {
    if (label === 'CERTIFICATE') {
      const certificate = new X509Certificate(block);
      const key = certificate.publicKey;
      const subject = certificate.subject.split('\n').join(', ');
      return { key, shape: shapeOfKeyObject(key), description: `Pasted certificate ${subject} (${describeShape(shapeOfKeyObject(key))})` };
    }
    if (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY') {
      const key = createPublicKey(block);
      return { key, shape: shapeOfKeyObject(key), description: `Pasted public key (${describeShape(shapeOfKeyObject(key))})` };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `The ${label} PEM block could not be read; it may be truncated or damaged. Copy it again, including the BEGIN and END lines.`,
      {
        field: 'pem',
        pemLabel: label,
      },
    );
  }
  throw new AppError('UNSUPPORTED_FORMAT', `This PEM holds a ${label}, which cannot verify a token. Paste a CERTIFICATE or a PUBLIC KEY.`, {
    field: 'pem',
    pemLabel: label,
  });
}

/** The public members of a JWK (a pasted private JWK is reduced to its public part). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

function publicPart(jwk: JWK): JWK {
  if (jwk.kty === 'oct') return jwk;
  return Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.includes(name))) as JWK;
}

function shapeOfJwk(jwk: JWK): KeyShape | null {
  switch (jwk.kty) {
    case 'RSA':
      return { kty: 'RSA' };
    case 'EC':
      return { kty: 'EC', crv: String(jwk.crv) };
    case 'OKP':
      return { kty: 'OKP', crv: String(jwk.crv) };
    case 'oct':
      return { kty: 'oct' };
    default:
      return null;
  }
}

/** Reads JWKS members into candidates (keys of unknown types are left out). */
export function candidatesFromJwks(keys: unknown[], origin: string): Candidate[] {
  const candidates: Candidate[] = [];
  keys.forEach((entry, index) => {
    if (!entry || typeof entry !== 'object') return;
    const jwk = publicPart(entry as JWK);
    const shape = shapeOfJwk(jwk);
    if (!shape) return;
    const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
    candidates.push({
      key: jwk,
      shape,
      description: `${origin} key ${index + 1} (${describeShape(shape)}${kid ? `, kid ${kid}` : ''})`,
      ...(kid ? { kid } : {}),
    });
  });
  return candidates;
}

/** A pasted JWK or JWKS. */
export function candidatesFromJwkText(text: string): { candidates: Candidate[]; keysInSet: number; isSet: boolean } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('BAD_INPUT', 'This is not JSON. Paste a JWK ({"kty": "RSA", …}) or a JWKS ({"keys": [ … ]}).', { field: 'jwk' });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('BAD_INPUT', 'A JWK or JWKS is a JSON object. Paste {"kty": …} or {"keys": [ … ]}.', { field: 'jwk' });
  }
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.keys)) {
    if (object.keys.length === 0) throw new AppError('NOT_FOUND', 'This JWKS holds no keys ("keys" is empty).', { field: 'jwk' });
    const candidates = candidatesFromJwks(object.keys, 'JWKS');
    if (candidates.length === 0)
      throw new AppError('UNSUPPORTED_KEY', 'None of the keys in this JWKS is of a type Signet knows (RSA, EC, OKP, oct).', {
        field: 'jwk',
      });
    return { candidates, keysInSet: object.keys.length, isSet: true };
  }
  if (typeof object.kty !== 'string') {
    throw new AppError('BAD_INPUT', 'This JSON is neither a JWK (it has no "kty") nor a JWKS (it has no "keys" list).', { field: 'jwk' });
  }
  const candidates = candidatesFromJwks([object], 'Pasted JWK');
  if (candidates.length === 0)
    throw new AppError('UNSUPPORTED_KEY', `JWK key type ${object.kty} is not supported. Use RSA, EC, OKP or oct.`, { field: 'jwk' });
  candidates[0]!.description = candidates[0]!.description.replace('Pasted JWK key 1', 'Pasted JWK');
  return { candidates, keysInSet: 1, isSet: false };
}

/** Decodes an HMAC secret as the user said it is encoded. */
export function hmacSecretBytes(secret: string, encoding: HmacEncoding): Uint8Array {
  const invalid = (what: string) =>
    new AppError('BAD_INPUT', `The secret is not valid ${what}. Check it, or choose another encoding.`, { field: 'secret' });
  switch (encoding) {
    case 'utf8':
      return new TextEncoder().encode(secret);
    case 'hex': {
      const clean = secret.replace(/\s+/g, '');
      if (!/^([0-9a-fA-F]{2})+$/.test(clean)) throw invalid('hex');
      return new Uint8Array(Buffer.from(clean, 'hex'));
    }
    case 'base64':
    case 'base64url': {
      const clean = secret.replace(/\s+/g, '').replace(/=+$/, '');
      const pattern = encoding === 'base64' ? /^[A-Za-z0-9+/]+$/ : /^[A-Za-z0-9_-]+$/;
      if (!pattern.test(clean) || clean.length % 4 === 1) throw invalid(encoding);
      return new Uint8Array(Buffer.from(clean, encoding));
    }
  }
}

/** The key ready for jose: JWKs are imported for `alg` (jose checks their parameters). */
export async function importCandidateKey(candidate: Candidate, alg: string): Promise<KeyObject | Awaited<ReturnType<typeof importJWK>>> {
  const { key } = candidate;
  if (key instanceof KeyObject || key instanceof Uint8Array) return key;
  return importJWK(key, alg);
}
