// Interop both ways: tokens made by an independent implementation (fast-jwt) in HS/RS/PS/ES/EdDSA
// verify in Signet; tokens Signet crafts with store certificates verify in fast-jwt; the store key
// is found by kid / x5t / x5t#S256; claim validation of expired and not-yet-valid tokens.
import { generateKeyPairSync } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { validateClaims } from '../../../shared/jwt/validate';
import { createTestBackend } from '../../harness/services';
import { unwrapResult } from '../../harness/rpc';
import { openssl, tempFile } from '../../harness/openssl';

async function unlockedBackend() {
  const backend = createTestBackend();
  unwrapResult(await backend.dispatch('vault.setUp', [{ passphrase: 'a good passphrase' }]));
  return backend;
}

const keyPairs = {
  RSA: () => generateKeyPairSync('rsa', { modulusLength: 2048 }),
  P256: () => generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  P384: () => generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  P521: () => generateKeyPairSync('ec', { namedCurve: 'P-521' }),
  Ed25519: () => generateKeyPairSync('ed25519'),
};

describe('tokens from an independent implementation (fast-jwt)', () => {
  it.each([
    ['RS256', 'RSA'],
    ['RS512', 'RSA'],
    ['PS256', 'RSA'],
    ['PS384', 'RSA'],
    ['ES256', 'P256'],
    ['ES384', 'P384'],
    ['ES512', 'P521'],
    ['EdDSA', 'Ed25519'],
  ] as const)('%s verifies with the public key PEM, and fails with another key', async (algorithm, kind) => {
    const backend = createTestBackend();
    const pair = keyPairs[kind]();
    const other = keyPairs[kind]();
    const sign = createSigner({
      key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      algorithm,
      iss: 'fast-jwt',
      expiresIn: 60_000,
    });
    const token = sign({ sub: 'alice' });
    const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const valid = unwrapResult(await backend.dispatch('inspector.verify', [{ token, key: { kind: 'pem', pem } }]));
    expect(valid).toMatchObject({ status: 'valid', alg: algorithm });
    const otherPem = other.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const invalid = unwrapResult(await backend.dispatch('inspector.verify', [{ token, key: { kind: 'pem', pem: otherPem } }]));
    expect(invalid).toMatchObject({ status: 'invalid', alg: algorithm });
  });

  it('verifies with a pasted certificate PEM (made by OpenSSL), naming its subject; another certificate fails', async () => {
    const backend = createTestBackend();
    const pair = keyPairs.P384();
    const certificateFor = (privateKey: string, cn: string) =>
      openssl(['req', '-x509', '-new', '-key', tempFile('key.pem', privateKey), '-subj', `/CN=${cn}/O=Pasted Org`, '-days', '1']);
    const pem = certificateFor(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'Pasted Signer');
    const token = createSigner({ key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'ES384' })({
      sub: 'alice',
    });
    const valid = unwrapResult(await backend.dispatch('inspector.verify', [{ token, key: { kind: 'pem', pem: `Signer:\n${pem}` } }]));
    expect(valid).toMatchObject({
      status: 'valid',
      alg: 'ES384',
      key: { description: 'Pasted certificate CN=Pasted Signer, O=Pasted Org (EC P-384)' },
    });
    const other = certificateFor(keyPairs.P384().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'Someone Else');
    const invalid = unwrapResult(await backend.dispatch('inspector.verify', [{ token, key: { kind: 'pem', pem: other } }]));
    expect(invalid).toMatchObject({
      status: 'invalid',
      key: { description: 'Pasted certificate CN=Someone Else, O=Pasted Org (EC P-384)' },
    });
  });

  it.each(['HS256', 'HS384', 'HS512'] as const)('%s verifies with the shared secret and fails with another', async (algorithm) => {
    const backend = createTestBackend();
    const secret = 'a-shared-secret-that-is-long-enough-for-hs512-0123456789abcdef0123';
    const token = createSigner({ key: secret, algorithm })({ sub: 'alice' });
    const ok = unwrapResult(await backend.dispatch('inspector.verify', [{ token, key: { kind: 'hmac', secret } }]));
    expect(ok).toMatchObject({ status: 'valid', alg: algorithm, hmacSecretBytes: secret.length });
    const bad = unwrapResult(await backend.dispatch('inspector.verify', [{ token, key: { kind: 'hmac', secret: `${secret}!` } }]));
    expect(bad.status).toBe('invalid');
  });
});

describe('store certificates', () => {
  async function withCertificates() {
    const backend = await unlockedBackend();
    const create = async (name: string, keyAlgorithm: string) =>
      unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: name, name, keyAlgorithm }]));
    const rsa = await create('Rsa_One', 'RSA-2048');
    const rsa2 = await create('Rsa_Two', 'RSA-2048');
    const ec = await create('Ec_One', 'EC-P256');
    const ed = await create('Ed_One', 'Ed25519');
    return { backend, rsa, rsa2, ec, ed };
  }

  it('signs with a store certificate (kid = JWK thumbprint), fast-jwt verifies, and Signet auto-selects the certificate by kid', async () => {
    const { backend, rsa2, ec, ed } = await withCertificates();
    for (const [record, alg] of [
      [rsa2, 'PS256'],
      [rsa2, 'RS256'],
      [ec, 'ES256'],
      [ed, 'EdDSA'],
    ] as const) {
      const signed = unwrapResult(
        await backend.dispatch('inspector.sign', [
          { header: { typ: 'JWT' }, payload: { sub: 'bob', aud: 'api' }, signer: { kind: 'store', certificateId: record.id, alg } },
        ]),
      );
      expect(signed.header).toEqual({ typ: 'JWT', alg, kid: record.jwkThumbprint });
      const verified = createVerifier({ key: record.publicKeyPem, algorithms: [alg] })(signed.token);
      expect(verified).toEqual({ sub: 'bob', aud: 'api' });
      const result = unwrapResult(await backend.dispatch('inspector.verify', [{ token: signed.token, key: { kind: 'store' } }]));
      expect(result).toMatchObject({
        status: 'valid',
        key: { certificateId: record.id, matchedBy: 'the header’s kid is its JWK thumbprint' },
      });
    }
  });

  it('auto-selects by x5t#S256 and x5t, and tries each certificate when the header names none', async () => {
    const { backend, rsa, rsa2 } = await withCertificates();
    const sign = async (header: Record<string, unknown>) =>
      unwrapResult(
        await backend.dispatch('inspector.sign', [{ header, payload: { sub: 'x' }, signer: { kind: 'store', certificateId: rsa.id } }]),
      ).token as string;
    const byS256 = unwrapResult(
      await backend.dispatch('inspector.verify', [
        { token: await sign({ kid: 'custom', 'x5t#S256': rsa['x5t#S256'] }), key: { kind: 'store' } },
      ]),
    );
    // kid "custom" names no certificate, so x5t#S256 is used.
    expect(byS256).toMatchObject({
      status: 'valid',
      key: { certificateId: rsa.id, matchedBy: 'the header’s x5t#S256 is its certificate thumbprint' },
    });
    const byX5t = unwrapResult(
      await backend.dispatch('inspector.verify', [{ token: await sign({ kid: 'custom', x5t: rsa.x5t }), key: { kind: 'store' } }]),
    );
    expect(byX5t).toMatchObject({
      status: 'valid',
      key: { certificateId: rsa.id, matchedBy: 'the header’s x5t is its certificate thumbprint' },
    });

    const hmacToken = unwrapResult(
      await backend.dispatch('inspector.sign', [{ header: {}, payload: { sub: 'x' }, signer: { kind: 'hmac', secret: 'k'.repeat(32) } }]),
    );
    const unknownKid = await sign({ kid: 'not-a-thumbprint' });
    const tried = unwrapResult(await backend.dispatch('inspector.verify', [{ token: unknownKid, key: { kind: 'store' } }]));
    expect(tried).toMatchObject({ status: 'valid', key: { certificateId: rsa.id } });
    expect(tried.key.matchedBy).toContain('no certificate matches kid not-a-thumbprint');
    // Only the two RSA certificates fit RS256, tried in store order: Rsa_One verifies at once…
    expect(tried.tried).toBe(1);
    // …and a token from Rsa_Two is verified on the second try (the EC and Ed25519 ones are never tried).
    const fromSecond = unwrapResult(
      await backend.dispatch('inspector.sign', [
        { header: { kid: 'not-a-thumbprint' }, payload: { sub: 'x' }, signer: { kind: 'store', certificateId: rsa2.id } },
      ]),
    ).token as string;
    const second = unwrapResult(await backend.dispatch('inspector.verify', [{ token: fromSecond, key: { kind: 'store' } }]));
    expect(second).toMatchObject({ status: 'valid', key: { certificateId: rsa2.id }, tried: 2 });
    const hs = unwrapResult(await backend.dispatch('inspector.verify', [{ token: hmacToken.token, key: { kind: 'store' } }]));
    expect(hs).toMatchObject({ status: 'no-key', tried: 0 });
  });

  it('says no key matches when the signer is not in the store', async () => {
    const { backend } = await withCertificates();
    const pair = keyPairs.RSA();
    const token = createSigner({
      key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      algorithm: 'RS256',
      kid: 'foreign',
    })({ sub: 'x' });
    const result = unwrapResult(await backend.dispatch('inspector.verify', [{ token, key: { kind: 'store' } }]));
    expect(result).toMatchObject({ status: 'no-key', tried: 2 });
    expect(result.reason).toContain('No certificate in the store matches kid foreign');
  });

  it('refuses an algorithm the certificate cannot sign with', async () => {
    const { backend, ec } = await withCertificates();
    const result = await backend.dispatch('inspector.sign', [
      { header: {}, payload: {}, signer: { kind: 'store', certificateId: ec.id, alg: 'RS256' } },
    ]);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'UNSUPPORTED_KEY',
        message: 'Ec_One holds an EC P-256 key; RS256 needs an RSA key. Choose another algorithm or certificate.',
      },
    });
  });

  it('crafts HMAC and unsigned tokens that fast-jwt reads as such', async () => {
    const backend = createTestBackend();
    const secret = 'x'.repeat(48);
    const hs = unwrapResult(
      await backend.dispatch('inspector.sign', [
        { header: { typ: 'JWT' }, payload: { n: 1 }, signer: { kind: 'hmac', secret, alg: 'HS384' } },
      ]),
    );
    expect(createVerifier({ key: secret, algorithms: ['HS384'] })(hs.token)).toEqual({ n: 1 });
    const none = unwrapResult(
      await backend.dispatch('inspector.sign', [{ header: { typ: 'JWT' }, payload: { n: 2 }, signer: { kind: 'none' } }]),
    );
    expect(none.token.endsWith('.')).toBe(true);
    expect(createVerifier({ algorithms: ['none'] })(none.token)).toEqual({ n: 2 });
    const verdict = unwrapResult(await backend.dispatch('inspector.verify', [{ token: none.token, key: { kind: 'hmac', secret } }]));
    expect(verdict).toMatchObject({ status: 'invalid', alg: 'none' });
  });
});

describe('claim validation of independent tokens', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const sign = (options: Record<string, unknown>) => createSigner({ key: 'k'.repeat(32), clockTimestamp: now, ...options });
  const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  it('an expired token fails exp, passes within the tolerance', () => {
    const payload = decode(sign({ expiresIn: 60_000 })({ sub: 'a' }));
    const later = now + 120_000;
    const result = validateClaims(payload, {}, later);
    expect(result.valid).toBe(false);
    expect(result.checks.find((check) => check.check === 'exp')).toMatchObject({ status: 'fail', message: 'Expired 1 min ago.' });
    expect(validateClaims(payload, { clockToleranceSeconds: 90 }, later).valid).toBe(true);
  });

  it('a not-yet-valid token fails nbf', () => {
    const payload = decode(sign({ notBefore: 300_000, expiresIn: 600_000 })({ sub: 'a' }));
    const result = validateClaims(payload, {}, now);
    expect(result.checks.find((check) => check.check === 'nbf')).toMatchObject({
      status: 'fail',
      message: 'Not valid yet: valid in 5 min.',
    });
    expect(validateClaims(payload, {}, now + 301_000).valid).toBe(true);
  });

  it('checks issuer, audience, subject and max age, listing each with the values', () => {
    const payload = decode(sign({ iss: 'https://issuer', aud: ['api', 'other'], sub: 'alice', expiresIn: 3_600_000 })({}));
    const good = validateClaims(payload, { issuer: 'https://issuer', audience: 'api', subject: 'alice', maxAgeSeconds: 600 }, now + 60_000);
    expect(good.valid).toBe(true);
    expect(good.checks.map((check) => [check.check, check.status])).toEqual([
      ['exp', 'pass'],
      ['nbf', 'skip'],
      ['iat', 'pass'],
      ['maxAge', 'pass'],
      ['iss', 'pass'],
      ['aud', 'pass'],
      ['sub', 'pass'],
    ]);
    const bad = validateClaims(payload, { issuer: 'https://evil', audience: 'web', subject: 'bob', maxAgeSeconds: 30 }, now + 60_000);
    expect(bad.checks.filter((check) => check.status === 'fail').map((check) => check.message)).toEqual([
      'The token is 1 min old, older than 30 s.',
      'iss is https://issuer, expected https://evil.',
      'aud is ["api","other"], expected it to include web.',
      'sub is alice, expected bob.',
    ]);
  });
});
