// Minted JWTs for every algorithm, verified by fast-jwt (an independent implementation), by node:crypto
// directly and by jose; known-answer tests with fixed keys and a frozen clock for RS256 and EdDSA.
import { constants, createHmac, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createVerifier } from 'fast-jwt';
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { NewKeyAlgorithm } from '../../../shared/contract/certificates';
import type { JwtAlgorithm } from '../../../shared/credentials/algorithms';
import { NamedCredentialInput } from '../../../shared/credentials/profile';
import { compileJwtTemplate, mintAssertion } from '../../../electron/services/credentials/jwt-mint';
import { FIXED_ED25519_PKCS8, FIXED_RSA_PKCS8 } from './fixed-keys';
import { createProfile, makeCertificate, profileInput, unlockedBackend } from './setup';

const ASYMMETRIC: [JwtAlgorithm, NewKeyAlgorithm][] = [
  ['RS256', 'RSA-2048'],
  ['RS384', 'RSA-2048'],
  ['RS512', 'RSA-2048'],
  ['PS256', 'RSA-2048'],
  ['PS384', 'RSA-2048'],
  ['PS512', 'RSA-2048'],
  ['ES256', 'EC-P256'],
  ['ES384', 'EC-P384'],
  ['ES512', 'EC-P521'],
  ['EdDSA', 'Ed25519'],
];

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** Verifies a JWS signature with node:crypto alone (RFC 7518 §3). */
function cryptoVerify(token: string, alg: JwtAlgorithm, key: KeyObject | string): boolean {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const input = Buffer.from(`${header}.${payload}`);
  const sig = Buffer.from(signature, 'base64url');
  const bits = alg.slice(2);
  if (alg.startsWith('HS'))
    return createHmac(`sha${bits}`, key as string)
      .update(input)
      .digest()
      .equals(sig);
  if (alg === 'EdDSA') return verify(null, input, key as KeyObject, sig);
  if (alg.startsWith('RS')) return verify(`sha${bits}`, input, key as KeyObject, sig);
  if (alg.startsWith('PS')) {
    return verify(
      `sha${bits}`,
      input,
      { key: key as KeyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 },
      sig,
    );
  }
  return verify(`sha${bits}`, input, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' }, sig);
}

describe('minting JWTs (JWT protocol)', () => {
  it.each(ASYMMETRIC)(
    '%s with a %s certificate: header and claims exactly as configured, verified three ways',
    async (alg, keyAlgorithm) => {
      const backend = await unlockedBackend();
      const certificate = await makeCertificate(backend, keyAlgorithm);
      await createProfile(
        backend,
        profileInput({
          protocol: 'jwt',
          identityType: 'named-principal',
          namedPrincipalSubject: 'integration-user',
          scope: 'orders.read',
          scopePlacement: 'claim',
          jwt: {
            algorithm: alg,
            signingCertificateId: certificate.id,
            issuer: 'signet-{{env}}',
            audiences: ['https://api.example.com', 'urn:orders'],
            tokenValidForSeconds: 120,
            clockSkewSeconds: 30,
            kid: 'thumbprint',
            x5t: true,
            x5tS256: true,
            customClaims: JSON.stringify({ tenant: '{{tenant}}', roles: ['reader', '{{role}}'], level: 3 }),
          },
        }),
      );
      const before = Math.floor(Date.now() / 1000);
      const resolved = await backend.graph.internal.credentials.resolveAuth('orders_api', {
        variables: { tenant: 'acme', role: 'auditor', env: 'test' },
      });
      const authorization = resolved.headers.find((header) => header.name === 'Authorization')!.value;
      expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      const token = authorization.slice('Bearer '.length);
      const [headerPart, payloadPart] = token.split('.') as [string, string];

      expect(decodePart(headerPart)).toEqual({
        alg,
        typ: 'JWT',
        kid: certificate.jwkThumbprint,
        x5t: certificate.x5t,
        'x5t#S256': certificate['x5t#S256'],
      });
      const claims = decodePart(payloadPart);
      expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'level', 'nbf', 'roles', 'scope', 'sub', 'tenant']);
      expect(claims).toMatchObject({
        iss: 'signet-test',
        sub: 'integration-user',
        aud: ['https://api.example.com', 'urn:orders'],
        scope: 'orders.read',
        tenant: 'acme',
        roles: ['reader', 'auditor'],
        level: 3,
      });
      expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
      const iat = claims.iat as number;
      expect(iat).toBeGreaterThanOrEqual(before - 30);
      expect(iat).toBeLessThanOrEqual(before - 30 + 2);
      expect(claims.nbf).toBe(iat);
      expect(claims.exp).toBe(iat + 30 + 120);

      const publicKey = createPublicKey(certificate.publicKeyPem);
      const fastJwt = createVerifier({
        key: certificate.publicKeyPem,
        algorithms: [alg],
        allowedAud: 'urn:orders',
        allowedIss: 'signet-test',
      });
      expect(fastJwt(token)).toMatchObject({ tenant: 'acme', sub: 'integration-user' });
      expect(cryptoVerify(token, alg, publicKey)).toBe(true);
      const { payload } = await jwtVerify(token, publicKey, { algorithms: [alg], audience: 'https://api.example.com' });
      expect(payload.sub).toBe('integration-user');
      // A flipped signature byte fails.
      const tampered = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      expect(cryptoVerify(tampered, alg, publicKey)).toBe(false);

      expect(resolved.trace.steps[0]).toMatchObject({ kind: 'jwt', purpose: 'bearer', token, fromCache: false });
    },
  );

  it.each(['HS256', 'HS384', 'HS512'] as const)('%s signs with the HMAC secret from the vault (no kid, no x5t)', async (alg) => {
    const backend = await unlockedBackend();
    const secret = 'a-shared-secret-of-at-least-64-bytes-for-hs512-0123456789abcdefghijkl';
    const view = await createProfile(
      backend,
      profileInput({ protocol: 'jwt', jwt: { algorithm: alg, kid: 'none', includeJti: false, audiences: ['svc'] } }),
      { hmacSecret: secret },
    );
    expect(view.secrets.hmacSecret).toBe(true);
    expect(JSON.stringify(view)).not.toContain(secret);
    const resolved = await backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: {} });
    const token = resolved.headers[0]!.value.slice('Bearer '.length);
    expect(decodePart(token.split('.')[0]!)).toEqual({ alg, typ: 'JWT' });
    expect(createVerifier({ key: secret, algorithms: [alg] })(token)).toMatchObject({ iss: 'signet-client', aud: 'svc' });
    expect(cryptoVerify(token, alg, secret)).toBe(true);
    expect(cryptoVerify(token, alg, `${secret}x`)).toBe(false);
  });

  it('leaves out iat, nbf, jti and typ when turned off, and uses a custom kid', async () => {
    const backend = await unlockedBackend();
    const certificate = await makeCertificate(backend, 'EC-P256');
    await createProfile(
      backend,
      profileInput({
        protocol: 'jwt',
        identityType: 'anonymous',
        scope: 'read write',
        scopePlacement: 'form',
        jwt: {
          algorithm: 'ES256',
          signingCertificateId: certificate.id,
          includeIat: false,
          includeNbf: false,
          includeJti: false,
          typ: '',
          kid: 'custom',
          customKid: 'key-2024',
        },
      }),
    );
    const resolved = await backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: {} });
    const [header, payload] = resolved.headers[0]!.value.slice(7).split('.') as [string, string];
    expect(decodePart(header)).toEqual({ alg: 'ES256', kid: 'key-2024' });
    expect(Object.keys(decodePart(payload)).sort()).toEqual(['aud', 'exp', 'iss', 'scope']);
    // A bearer JWT has no form: scope set to "form parameter" still travels as a claim.
    expect(decodePart(payload).scope).toBe('read write');
  });
});

describe('known answers (fixed key, frozen clock)', () => {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const seconds = now / 1000;
  const fields = NamedCredentialInput.parse(
    profileInput({
      protocol: 'jwt',
      namedPrincipalSubject: 'kat-user',
      jwt: {
        algorithm: 'RS256',
        kid: 'custom',
        customKid: 'kat-1',
        includeJti: false,
        tokenValidForSeconds: 300,
        clockSkewSeconds: 30,
        audiences: ['https://auth.example.com/token'],
        customClaims: '{"tenant":"{{t}}"}',
      },
    }),
  );

  // The whole tokens, written down once (the RS256 signature also checked with `openssl dgst -sha256 -sign`):
  // RSASSA-PKCS1-v1_5 and Ed25519 are deterministic, so a change in header, claim order or signing shows here.
  const KNOWN: Record<'RS256' | 'EdDSA', string> = {
    RS256:
      'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImthdC0xIn0.eyJpYXQiOjE3Njg0NzgzNzAsIm5iZiI6MTc2ODQ3ODM3MCwiZXhwIjoxNzY4NDc4NzAwLCJpc3MiOiJzaWduZXQtY2xpZW50Iiwic3ViIjoia2F0LXVzZXIiLCJhdWQiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20vdG9rZW4iLCJ0ZW5hbnQiOiJhY21lIn0.uN8iSFr4vWVcjvGEF5BEg0cMFMTKWjTLgdFx5ycYWxav89InScv-X9VJrlQhEWxtSKUm0BUa-XI3ZGwpAtuk_qkWPBsi0D0kp4Q6XeWNRXr3eeoG8sXs6rYgFpcssXXPdSWn37YDAC6dN2FnhW4oI6zeym4e9GfW8E-82E65LP7jNxHdgHcZzixg1UACMqAfhxaJXR47P4Xxq6sa5wzvDOJG4k4e4lEXvNp-kGNsfp-rzAx4bRzecpxI0q46-NjKPHAGOSfoL9cl_Vhm8DtcfJGNBBhDHetsWmBOuVP-y4mS31wPuAHI-0GNp2-BcH2N-ByG5j7XcTYTkc_390mD5Q',
    EdDSA:
      'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6ImthdC0xIn0.eyJpYXQiOjE3Njg0NzgzNzAsIm5iZiI6MTc2ODQ3ODM3MCwiZXhwIjoxNzY4NDc4NzAwLCJpc3MiOiJzaWduZXQtY2xpZW50Iiwic3ViIjoia2F0LXVzZXIiLCJhdWQiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20vdG9rZW4iLCJ0ZW5hbnQiOiJhY21lIn0.HPJQVThWeO1HDrXmoey9RXGk_UHblDfe7TnEbSZCTUPiEwH3K0x0wHCLoW8meCt7tH9V2mXHZXFHIqVV3-82Bg',
  };

  it.each([
    ['RS256', FIXED_RSA_PKCS8, 'sha256'],
    ['EdDSA', FIXED_ED25519_PKCS8, null],
  ] as const)(
    '%s: the token equals the literal known answer and the one built by hand and signed with node:crypto',
    async (alg, pem, digest) => {
      const key = createPrivateKey(pem);
      const template = compileJwtTemplate({ ...fields, jwt: { ...fields.jwt, algorithm: alg } }, 'bearer', undefined);
      const minted = await mintAssertion(template, key, { now, variables: { t: 'acme' } });
      const header = `{"alg":"${alg}","typ":"JWT","kid":"kat-1"}`;
      const payload = `{"iat":${seconds - 30},"nbf":${seconds - 30},"exp":${seconds + 300},"iss":"signet-client","sub":"kat-user","aud":"https://auth.example.com/token","tenant":"acme"}`;
      const input = `${b64url(header)}.${b64url(payload)}`;
      // RSASSA-PKCS1-v1_5 and Ed25519 are deterministic, so the whole token is a known answer.
      const expected = `${input}.${sign(digest, Buffer.from(input), key).toString('base64url')}`;
      expect(minted.token).toBe(expected);
      expect(minted.token).toBe(KNOWN[alg]);
      expect(minted.expiresAt).toBe((seconds + 300) * 1000);
    },
  );
});
