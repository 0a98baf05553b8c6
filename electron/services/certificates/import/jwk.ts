/** JWK and JWKS (RFC 7517): private JWKs become key entries, public ones public-key entries; `x5c` brings the chain. */
import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import { entryForKey, spki, certificatePublicKey, type FoundEntry, type ReadResult } from './found';
import { orderChain } from '../chain';

export function readJwk(text: string): ReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('UNSUPPORTED_FORMAT', 'The file starts like JSON but is not valid JSON. Check that the JWK is complete.');
  }
  const isSet = typeof json === 'object' && json !== null && Array.isArray((json as { keys?: unknown }).keys);
  const keys = (isSet ? (json as { keys: unknown[] }).keys : [json]) as (JsonWebKey & { kid?: string; x5c?: string[] })[];
  if (keys.length === 0) throw new AppError('UNSUPPORTED_FORMAT', 'The JWKS holds no keys.');
  const entries = keys.map((jwk, index): FoundEntry => {
    if (typeof jwk !== 'object' || jwk === null || typeof jwk.kty !== 'string') {
      throw new AppError('UNSUPPORTED_FORMAT', `Key ${index + 1} is not a JWK (it has no "kty").`);
    }
    if (jwk.kty === 'oct')
      throw new AppError(
        'UNSUPPORTED_KEY',
        'Symmetric (kty "oct") keys are secrets, not certificates. Add an HMAC secret to a named credential instead.',
      );
    const chain = (jwk.x5c ?? []).map((base64) => new Uint8Array(Buffer.from(base64, 'base64')));
    const alias = jwk.kid;
    try {
      if (jwk.d) return entryForKey(createPrivateKey({ key: jwk, format: 'jwk' }), chain, alias);
      const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
      if (chain.length > 0) {
        if (!spki(certificatePublicKey(chain[0]!)).equals(spki(publicKey))) {
          throw new AppError('KEY_MISMATCH', `The key ${alias ?? index + 1} does not match the first certificate of its "x5c".`);
        }
        return { alias, publicKey, chain: orderChain(chain[0]!, chain) };
      }
      return { alias, publicKey, chain: [] };
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('UNSUPPORTED_KEY', `Key ${alias ?? index + 1} could not be read as a ${jwk.kty} JWK. Check its members.`);
    }
  });
  return { status: 'ready', format: isSet ? 'JWKS' : 'JWK', entries };
}
