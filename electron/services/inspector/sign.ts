/**
 * Crafting tokens: signs a header and payload exactly as the user wrote them (only alg is set, and
 * kid when a store certificate signs and none was given) with a store key, an HMAC secret, or
 * nothing at all (`alg: none`, to test how a server treats unsigned tokens).
 */
import { CompactSign } from 'jose';
import { SignInput, type SignedToken, type SigningAlgorithm } from '../../../shared/contract/inspector';
import { textToBase64Url } from '../../../shared/jwt/base64url';
import { AppError } from '../../../shared/errors';
import type { CertificateStore } from '../certificates/certificate-store';
import { describeShape, hmacSecretBytes, keyKindFor, shapeFitsAlg, shapeOfKeyObject, type KeyShape } from './key-material';

export interface SignDeps {
  certificates: Pick<CertificateStore, 'get' | 'privateKey' | 'publicKey'>;
}

/** The algorithm a key signs with when the user does not choose one. */
export function naturalAlgorithm(shape: KeyShape): SigningAlgorithm {
  if (shape.kty === 'RSA') return 'RS256';
  if (shape.kty === 'OKP') return 'EdDSA';
  if (shape.kty === 'EC') return ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as const)[shape.crv as 'P-256'] ?? 'ES256';
  return 'HS256';
}

export async function signToken(raw: SignInput, deps: SignDeps): Promise<SignedToken> {
  const input = SignInput.parse(raw);
  const payload = new TextEncoder().encode(JSON.stringify(input.payload));
  const { signer } = input;
  if (signer.kind === 'none') {
    const header = { ...input.header, alg: 'none' };
    return { token: `${textToBase64Url(JSON.stringify(header))}.${textToBase64Url(JSON.stringify(input.payload))}.`, header };
  }
  if (signer.kind === 'hmac') {
    const secret = hmacSecretBytes(signer.secret, signer.encoding);
    const header = { ...input.header, alg: signer.alg };
    return { token: await sign(payload, header, secret), header };
  }
  const record = deps.certificates.get(signer.certificateId);
  const shape = shapeOfKeyObject(deps.certificates.publicKey(record.id));
  const alg = signer.alg ?? naturalAlgorithm(shape);
  if (!shapeFitsAlg(shape, alg)) {
    throw new AppError(
      'UNSUPPORTED_KEY',
      `${record.label} holds an ${describeShape(shape)} key; ${alg} needs ${keyKindFor(alg)}. Choose another algorithm or certificate.`,
      {
        field: 'alg',
      },
    );
  }
  const key = deps.certificates.privateKey(record.id);
  const header = { ...input.header, alg, ...(input.header.kid === undefined ? { kid: record.jwkThumbprint } : {}) };
  return { token: await sign(payload, header, key), header };
}

async function sign(payload: Uint8Array, header: Record<string, unknown>, key: Parameters<CompactSign['sign']>[0]): Promise<string> {
  try {
    return await new CompactSign(payload).setProtectedHeader(header as { alg: string }).sign(key);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('BAD_INPUT', `The token could not be signed: ${message}`, { field: 'header' });
  }
}
