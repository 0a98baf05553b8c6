// The shared per-protocol checks: certificate facts (expired, certificate only, wrong key type) and algorithm fit.
import { describe, expect, it } from 'vitest';
import { algorithmsForKey } from '../../../shared/credentials/algorithms';
import { checkProfile, type CertificateFacts } from '../../../shared/credentials/checks';
import { NamedCredentialInput } from '../../../shared/credentials/profile';

const noSecrets = { password: false, bearerToken: false, clientSecret: false, hmacSecret: false };
const facts = (overrides: Partial<CertificateFacts>): CertificateFacts => ({
  label: 'Signer',
  keyAlgorithm: 'RSA-2048',
  hasPrivateKey: true,
  hasCertificate: true,
  notAfter: '2099-01-01T00:00:00.000Z',
  ...overrides,
});
const jwtProfile = (algorithm: string) =>
  NamedCredentialInput.parse({
    label: 'A',
    name: 'A',
    url: 'https://a.example',
    protocol: 'jwt',
    jwt: { algorithm, signingCertificateId: 'c1' },
  });

describe('profile checks', () => {
  it('warns about an expired signing certificate but lets it sign', () => {
    const problems = checkProfile(jwtProfile('RS256'), {
      certificate: () => facts({ notAfter: '2020-05-01T00:00:00.000Z' }),
      secrets: noSecrets,
    });
    expect(problems).toEqual([
      {
        field: 'jwt.signingCertificateId',
        severity: 'warning',
        message: 'Signer expired on 2020-05-01. Peers that check the certificate will refuse it.',
      },
    ]);
  });

  it('refuses a certificate without a private key and an algorithm that does not fit the key', () => {
    const certOnly = checkProfile(jwtProfile('RS256'), { certificate: () => facts({ hasPrivateKey: false }), secrets: noSecrets });
    expect(certOnly.map((problem) => problem.message)).toEqual([
      'Signer has no private key (certificate only), so it cannot sign. Choose a certificate with a key.',
    ]);
    const wrong = checkProfile(jwtProfile('ES384'), { certificate: () => facts({ keyAlgorithm: 'EC-P256' }), secrets: noSecrets });
    expect(wrong).toEqual([
      expect.objectContaining({
        field: 'jwt.algorithm',
        severity: 'error',
        message: "ES384 does not fit Signer's EC-P256 key. Choose ES256.",
      }),
    ]);
  });

  it('offers exactly the algorithms each key type fits (RFC 7518 §3.4, RFC 8037)', () => {
    expect(algorithmsForKey('RSA-3072')).toEqual(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']);
    expect(algorithmsForKey('EC-P256')).toEqual(['ES256']);
    expect(algorithmsForKey('EC-P384')).toEqual(['ES384']);
    expect(algorithmsForKey('EC-P521')).toEqual(['ES512']);
    expect(algorithmsForKey('Ed25519')).toEqual(['EdDSA']);
  });
});
