/**
 * JWS algorithms (RFC 7518 §3.1, RFC 8037 §3.1) and which key type each one fits, so the editor
 * offers only what the signing certificate's key can do and the service refuses the rest.
 */

export const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'HS256',
  'HS384',
  'HS512',
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** HMAC algorithms sign with a shared secret kept in the vault, not with a certificate. */
export function isHmacAlgorithm(algorithm: JwtAlgorithm): algorithm is 'HS256' | 'HS384' | 'HS512' {
  return algorithm.startsWith('HS');
}

/**
 * The algorithms a key fits, best first. `keyAlgorithm` is a certificate's key type (`RSA-2048`,
 * `EC-P256`, `Ed25519`...). RFC 7518 §3.4: ES256 needs P-256, ES384 P-384, ES512 P-521.
 */
export function algorithmsForKey(keyAlgorithm: string): JwtAlgorithm[] {
  if (keyAlgorithm.startsWith('RSA-')) return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
  if (keyAlgorithm === 'EC-P256') return ['ES256'];
  if (keyAlgorithm === 'EC-P384') return ['ES384'];
  if (keyAlgorithm === 'EC-P521') return ['ES512'];
  if (keyAlgorithm === 'Ed25519') return ['EdDSA'];
  return [];
}

export function algorithmFitsKey(algorithm: JwtAlgorithm, keyAlgorithm: string): boolean {
  return algorithmsForKey(keyAlgorithm).includes(algorithm);
}

/** The default algorithm for a key type (RS256 for RSA, as Salesforce). */
export function defaultAlgorithmForKey(keyAlgorithm: string): JwtAlgorithm | undefined {
  return algorithmsForKey(keyAlgorithm)[0];
}

/** Claims Signet sets itself from the profile; a custom claim of the same name overrides it (with a warning). */
export const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'] as const;
