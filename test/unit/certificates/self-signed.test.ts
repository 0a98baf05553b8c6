// Creating self-signed certificates through the service, checked by OpenSSL and node:crypto.
import { createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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

  it('puts every subject field (Common Name, Organization, Org Unit, City, State, Country Code, Email) in the certificate and the CSR', async () => {
    const backend = await unlockedBackend();
    const subject = {
      commonName: 'api.acme.test',
      organization: 'Acme',
      organizationalUnit: 'Integration',
      locality: 'Lyon',
      state: 'Rhone',
      country: 'fr',
      email: 'dev@acme.test',
    };
    const expected = 'emailAddress=dev@acme.test,CN=api.acme.test,OU=Integration,O=Acme,L=Lyon,ST=Rhone,C=FR';
    const created = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [{ label: 'All', name: 'All_Fields', keyAlgorithm: 'EC-P256', subject }]),
    );
    expect(openssl(['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], created.chainPem).trim()).toBe(`subject=${expected}`);
    const pending = unwrapResult(
      await backend.dispatch('certificates.createCaSigned', [{ label: 'All CSR', name: 'All_CSR', keyAlgorithm: 'EC-P256', subject }]),
    );
    expect(openssl(['req', '-noout', '-subject', '-nameopt', 'RFC2253'], pending.csrPem).trim()).toBe(`subject=${expected}`);
  });

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

  it('keeps private key material out of the record, every file in the data folder (logs too) and every bridge answer', async () => {
    const backend = await unlockedBackend();
    const created = await backend.dispatch('certificates.createSelfSigned', [{ label: 'RSA', name: 'RSA_Cert', keyAlgorithm: 'RSA-2048' }]);
    const listed = await backend.dispatch('certificates.list', []);
    const record = unwrapResult(created);
    const details = await backend.dispatch('certificates.get', [record.id]);
    const privateKey = backend.graph.internal.certificates.privateKey(record.id);
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    const jwk = privateKey.export({ format: 'jwk' });

    // The DER as it would read inside any base64 text, whatever its byte offset there (three alignments),
    // in base64 and base64url; as hex; as raw bytes; and the JWK's private members.
    const middle = (text: string) => text.slice(40, 100);
    const needles: string[] = [];
    for (const shift of [0, 1, 2]) {
      const base64 = pkcs8.subarray(shift).toString('base64');
      needles.push(middle(base64), middle(base64.replace(/\+/g, '-').replace(/\//g, '_')));
    }
    const hex = pkcs8.toString('hex');
    needles.push(middle(hex), middle(hex.toUpperCase()), 'PRIVATE KEY', 'a good passphrase');
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) needles.push(jwk[member]!.slice(0, 40));
    const rawBytes = pkcs8.subarray(40, 100);

    const files = readdirSync(backend.dataFolder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    expect(files.map((file) => basename(file))).toEqual(
      expect.arrayContaining(['certificates.json', 'vault-items.json', 'vault-key.json']),
    );
    const texts: [string, Buffer][] = [
      ...files.map((file) => [file, readFileSync(file)] as [string, Buffer]),
      ...[created, listed, details].map(
        (answer, index) => [`bridge answer ${index}`, Buffer.from(JSON.stringify(answer))] as [string, Buffer],
      ),
      ['log', Buffer.from(JSON.stringify(backend.logged))],
    ];
    for (const [where, bytes] of texts) {
      const text = bytes.toString('latin1');
      for (const needle of needles) expect(text.includes(needle), `${where} contains ${needle}`).toBe(false);
      expect(bytes.includes(rawBytes), `${where} contains the raw key bytes`).toBe(false);
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
