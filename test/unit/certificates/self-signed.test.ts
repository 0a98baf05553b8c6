// Creating self-signed certificates through the service, checked by OpenSSL and node:crypto.
import { createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEW_KEY_ALGORITHMS } from '../../../shared/contract/certificates';
import { createTestBackend } from '../../harness/services';
import { openssl, tempFile } from '../../harness/openssl';
import { unwrapResult } from '../../harness/rpc';

async function unlockedBackend() {
  const backend = createTestBackend();
  unwrapResult(await backend.dispatch('vault.setUp', [{ passphrase: 'a good passphrase' }]));
  return backend;
}

describe('self-signed certificates', () => {
  it.each(NEW_KEY_ALGORITHMS.filter((alg) => alg !== 'RSA-4096'))(
    'creates %s: OpenSSL reads and verifies it, and the vault key matches',
    async (keyAlgorithm) => {
      const backend = await unlockedBackend();
      const record = unwrapResult(
        await backend.dispatch('certificates.createSelfSigned', [
          {
            label: 'JWT signing',
            name: 'JWT_Signing',
            keyAlgorithm,
            subject: { organization: 'Acme', country: 'us', email: 'dev@acme.test' },
          },
        ]),
      );
      expect(record).toMatchObject({
        kind: 'self-signed',
        status: 'active',
        keyAlgorithm,
        hasPrivateKey: true,
        hasCertificate: true,
        exportable: true,
      });
      expect(record.subject).toContain('CN=JWT_Signing');
      expect(record.subject).toBe(record.issuer);

      const pemFile = tempFile('cert.pem', record.chainPem);
      const text = openssl(['x509', '-in', pemFile, '-noout', '-subject', '-fingerprint', '-sha256', '-serial']);
      expect(text).toContain('CN = JWT_Signing');
      expect(text).toContain('O = Acme');
      expect(text).toContain('C = US');
      expect(text).toContain(`sha256 Fingerprint=${record.fingerprints.sha256}`);
      expect(text).toContain(`serial=${record.serial}`);
      expect(openssl(['verify', '-CAfile', pemFile, pemFile])).toContain(': OK');

      // The key in the vault belongs to the certificate, and signs what the public key verifies.
      const privateKey = backend.graph.internal.certificates.privateKey(record.id);
      const certificate = new X509Certificate(record.chainPem);
      expect(certificate.checkPrivateKey(privateKey)).toBe(true);
      const digest = keyAlgorithm === 'Ed25519' ? null : 'sha256';
      const signature = sign(digest, Buffer.from('hello'), privateKey);
      expect(verify(digest, Buffer.from('hello'), createPublicKey(record.publicKeyPem), signature)).toBe(true);
    },
  );

  it('defaults validity as Salesforce does: one year, two for RSA-4096', async () => {
    const { defaultValidityDays } = await import('../../../electron/services/certificates/certificates-service');
    expect(defaultValidityDays('RSA-2048')).toBe(365);
    expect(defaultValidityDays('RSA-3072')).toBe(365);
    expect(defaultValidityDays('RSA-4096')).toBe(730);
    const backend = await unlockedBackend();
    const record = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [{ label: 'EC', name: 'EC_Cert', keyAlgorithm: 'EC-P256' }]),
    );
    const days = (Date.parse(record.notAfter) - Date.parse(record.notBefore)) / 86_400_000;
    expect(Math.round(days)).toBe(365);
  });

  it('uses a custom validity: notAfter is that many days after creation, as OpenSSL reads it; out-of-range days are refused', async () => {
    const backend = await unlockedBackend();
    const record = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [
        { label: 'Short', name: 'Short', keyAlgorithm: 'RSA-2048', validityDays: 90 },
      ]),
    );
    const certificate = new X509Certificate(record.chainPem);
    // notBefore is backdated a minute for slow peer clocks; notAfter is 90 days after creation.
    expect(Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)).toBe(90 * 86_400_000 + 60_000);
    expect(Date.parse(record.notAfter)).toBe(Date.parse(certificate.validTo));
    const notAfter = openssl(['x509', '-in', tempFile('short.pem', record.chainPem), '-noout', '-enddate']).trim();
    expect(Date.parse(notAfter.replace('notAfter=', ''))).toBe(Date.parse(certificate.validTo));
    for (const validityDays of [0, 3651, 1.5]) {
      const refused = await backend.dispatch('certificates.createSelfSigned', [
        { label: 'Bad', name: 'Bad', keyAlgorithm: 'EC-P256', validityDays },
      ]);
      expect(refused, String(validityDays)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });

  it('computes RFC 7515 thumbprints and the RFC 7638 JWK thumbprint', async () => {
    const backend = await unlockedBackend();
    const record = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [{ label: 'EC', name: 'EC_Cert', keyAlgorithm: 'EC-P256' }]),
    );
    const der = new X509Certificate(record.chainPem).raw;
    const { createHash } = await import('node:crypto');
    expect(record.x5t).toBe(createHash('sha1').update(der).digest('base64url'));
    expect(record['x5t#S256']).toBe(createHash('sha256').update(der).digest('base64url'));
    // RFC 7638 §3.2: members crv, kty, x, y in lexicographic order, no whitespace.
    const jwk = createPublicKey(record.publicKeyPem).export({ format: 'jwk' });
    const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
    expect(record.jwkThumbprint).toBe(createHash('sha256').update(canonical).digest('base64url'));
    const published = await backend.graph.internal.certificates.publicJwk(record.id);
    expect(published).toMatchObject({ kid: record.jwkThumbprint, 'x5t#S256': record['x5t#S256'], x5c: [der.toString('base64')] });
    expect(published).not.toHaveProperty('d');
  });

  it('keeps private key material out of the record, the store file and every bridge answer', async () => {
    const backend = await unlockedBackend();
    const created = await backend.dispatch('certificates.createSelfSigned', [{ label: 'RSA', name: 'RSA_Cert', keyAlgorithm: 'RSA-2048' }]);
    const listed = await backend.dispatch('certificates.list', []);
    const onDisk = readFileSync(join(backend.dataFolder, 'certificates.json'), 'utf8');
    const record = unwrapResult(created);
    const pkcs8 = backend.graph.internal.certificates.privateKey(record.id).export({ type: 'pkcs8', format: 'der' });
    const jwk = backend.graph.internal.certificates.privateKey(record.id).export({ format: 'jwk' });
    for (const text of [JSON.stringify(created), JSON.stringify(listed), onDisk]) {
      expect(text).not.toMatch(/PRIVATE KEY/);
      expect(text).not.toContain(pkcs8.toString('base64').slice(40, 100));
      expect(text).not.toContain(jwk.d!.slice(0, 40));
    }
  });

  it('refuses a duplicate unique name (any case) before generating a key, and needs the vault unlocked', async () => {
    const backend = await unlockedBackend();
    unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: 'A', name: 'Signing_Key', keyAlgorithm: 'EC-P256' }]));
    const duplicate = await backend.dispatch('certificates.createSelfSigned', [
      { label: 'B', name: 'signing_key', keyAlgorithm: 'EC-P256' },
    ]);
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'name' } } });
    const badName = await backend.dispatch('certificates.createSelfSigned', [
      { label: 'B', name: '1_bad__name_', keyAlgorithm: 'EC-P256' },
    ]);
    expect(badName).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await backend.dispatch('vault.lock', []);
    const locked = await backend.dispatch('certificates.createSelfSigned', [{ label: 'C', name: 'Other', keyAlgorithm: 'EC-P256' }]);
    expect(locked).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(unwrapResult(await backend.dispatch('certificates.list', []))).toHaveLength(1);
  });
});
