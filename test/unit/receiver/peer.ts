// Shared set-up for the receiver tests: a backend with a signing certificate, a receiver trusting it,
// and assertions minted by fast-jwt (a JWT implementation Signet does not use).
import { randomUUID, sign } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import type { ReceiverConfigPatch } from '../../../shared/contract/receiver';
import { startReceiver, unlockedTestBackend } from '../../harness/receiver';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';

export async function createCertificate(backend: TestBackend, name: string, keyAlgorithm: 'EC-P256' | 'RSA-2048' | 'Ed25519' = 'EC-P256') {
  const record = unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: name, name, keyAlgorithm }]));
  const privateKeyPem = backend.graph.internal.certificates.privateKey(record.id).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { record, privateKeyPem };
}

const ALG = { 'EC-P256': 'ES256', 'RSA-2048': 'RS256', Ed25519: 'EdDSA' } as const;

/** Signs claims with fast-jwt; it adds iat only when `claims` has none. */
export function mint(
  privateKeyPem: string,
  keyAlgorithm: keyof typeof ALG,
  claims: Record<string, unknown>,
  header: { kid?: string } = {},
) {
  const sign = createSigner({
    key: privateKeyPem,
    algorithm: ALG[keyAlgorithm],
    noTimestamp: !('iat' in claims),
    ...(header.kid ? { kid: header.kid } : {}),
  });
  return sign(claims);
}

/** Signs any header and payload with an EC P-256 key by hand (node:crypto), for claims JWT libraries refuse to write. */
export function signRaw(privateKeyPem: string, header: Record<string, unknown>, payload: Record<string, unknown>) {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKeyPem, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/** A receiver trusting one EC certificate, and a minting function with sensible claims. */
export async function receiverTrustingOneCertificate(config: ReceiverConfigPatch = {}, keyAlgorithm: keyof typeof ALG = 'EC-P256') {
  const backend = await unlockedTestBackend();
  const signer = await createCertificate(backend, 'JWT_Signing', keyAlgorithm);
  const peer = await startReceiver(backend, { trustedCertificateIds: [signer.record.id], ...config });
  const now = Math.floor(Date.now() / 1000);
  const assertion = (overrides: Record<string, unknown> = {}) => {
    const claims: Record<string, unknown> = {
      iss: 'salesforce-client',
      sub: 'alice@example.com',
      aud: peer.tokenEndpoint,
      iat: now,
      exp: now + 300,
      jti: randomUUID(),
      ...overrides,
    };
    for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
    return mint(signer.privateKeyPem, keyAlgorithm, claims, { kid: signer.record.jwkThumbprint });
  };
  return { backend, signer, peer, now, assertion };
}

export async function postForm(url: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
