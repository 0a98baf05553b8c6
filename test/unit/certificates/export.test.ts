// Exports read back by independent tools: openssl (PKCS#12, PKCS#8, PEM/DER) and keytool (JKS).
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keytool, keytoolFailure, unlockedBackend } from '../../harness/certificates';
import { openssl } from '../../harness/openssl';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';

async function create(backend: TestBackend, name: string, keyAlgorithm: string, exportable = true) {
  return unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: name, name, keyAlgorithm, exportable }]));
}

async function exportTo(backend: TestBackend, ids: string[], format: string, file: string, password?: string) {
  const path = join(backend.dataFolder, file);
  return { path, result: await backend.dispatch('certificates.export', [{ ids, format, password, destination: { path } }]) };
}

describe('export', () => {
  it.each(['RSA-2048', 'EC-P256', 'Ed25519'] as const)(
    'writes a %s PKCS#12 that openssl opens, with the matching key and friendly name',
    async (keyAlgorithm) => {
      const backend = await unlockedBackend();
      const record = await create(backend, 'Sf_Signing', keyAlgorithm);
      const { path, result } = await exportTo(backend, [record.id], 'pkcs12', 'out.p12', 'p12-secret');
      expect(unwrapResult(result)).toMatchObject({ saved: true, path });
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const text = openssl(['pkcs12', '-in', path, '-passin', 'pass:p12-secret', '-nodes']);
      expect(text).toContain('friendlyName: Sf_Signing');
      const key = createPrivateKey(text.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0]);
      const certificate = new X509Certificate(text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0]);
      expect(certificate.checkPrivateKey(key)).toBe(true);
      expect(certificate.fingerprint256).toBe(record.fingerprints.sha256);
      expect(() => openssl(['pkcs12', '-in', path, '-passin', 'pass:wrong-pass', '-nokeys'])).toThrow();
      // keytool reads it too.
      expect(keytool(['-list', '-v', '-keystore', path, '-storetype', 'PKCS12', '-storepass', 'p12-secret'])).toContain('sf_signing');
    },
  );

  it.each(['RSA-2048', 'EC-P384'] as const)(
    'writes a %s JKS keytool lists with alias = unique name, and whose key matches',
    async (keyAlgorithm) => {
      const backend = await unlockedBackend();
      const first = await create(backend, 'Jwt_Key', keyAlgorithm);
      const second = await create(backend, 'Other_Key', 'RSA-2048');
      const { path, result } = await exportTo(backend, [first.id, second.id], 'jks', 'store.jks', 'changeit');
      unwrapResult(result);
      const listing = keytool(['-list', '-v', '-keystore', path, '-storetype', 'JKS', '-storepass', 'changeit']);
      expect(listing).toContain('Keystore type: JKS');
      expect(listing).toContain('Your keystore contains 2 entries');
      expect(listing).toMatch(/Alias name: jwt_key[\s\S]*Entry type: PrivateKeyEntry/);
      expect(listing).toContain('Alias name: other_key');
      expect(listing.replace(/\s/g, '')).toContain(`SHA256:${first.fingerprints.sha256}`);
      // keytool decrypts the key (Sun's key protector) while converting; openssl proves it matches.
      const p12 = join(backend.dataFolder, 'converted.p12');
      keytool([
        '-importkeystore',
        '-srckeystore',
        path,
        '-srcstoretype',
        'JKS',
        '-srcstorepass',
        'changeit',
        '-srcalias',
        'jwt_key',
        '-destkeystore',
        p12,
        '-deststoretype',
        'PKCS12',
        '-deststorepass',
        'changeit',
        '-noprompt',
      ]);
      const text = openssl(['pkcs12', '-in', p12, '-passin', 'pass:changeit', '-nodes']);
      const key = createPrivateKey(text.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0]);
      expect(createPublicKey(key).export({ format: 'jwk' })).toEqual(createPublicKey(first.publicKeyPem).export({ format: 'jwk' }));
      // A wrong store password fails keytool's integrity check.
      expect(keytoolFailure(['-list', '-keystore', path, '-storetype', 'JKS', '-storepass', 'wrongpass'])).toMatch(
        /password was incorrect|tampered/,
      );
    },
  );

  it('writes encrypted PKCS#8 that openssl decrypts, and public formats', async () => {
    const backend = await unlockedBackend();
    const record = await create(backend, 'Exported', 'EC-P256');
    const pkcs8 = await exportTo(backend, [record.id], 'pkcs8-encrypted', 'key.pem', 'a-passphrase');
    unwrapResult(pkcs8.result);
    expect(readFileSync(pkcs8.path, 'utf8')).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    const decrypted = openssl(['pkey', '-in', pkcs8.path, '-passin', 'pass:a-passphrase']);
    expect(new X509Certificate(record.chainPem).checkPrivateKey(createPrivateKey(decrypted))).toBe(true);

    const der = await exportTo(backend, [record.id], 'certificate-der', 'cert.cer');
    unwrapResult(der.result);
    expect(openssl(['x509', '-in', der.path, '-inform', 'DER', '-noout', '-fingerprint', '-sha256'])).toContain(record.fingerprints.sha256);
    const pub = await exportTo(backend, [record.id], 'public-key-pem', 'pub.pem');
    unwrapResult(pub.result);
    expect(readFileSync(pub.path, 'utf8')).toBe(record.publicKeyPem);
    const second = await create(backend, 'Second', 'RSA-2048');
    const jwks = await exportTo(backend, [record.id, second.id], 'jwks', 'jwks.json');
    unwrapResult(jwks.result);
    const set = JSON.parse(readFileSync(jwks.path, 'utf8'));
    expect(set.keys.map((key: { kid: string }) => key.kid)).toEqual([record.jwkThumbprint, second.jwkThumbprint]);
    expect(JSON.stringify(set)).not.toMatch(/"d"|"p"|"q"/);
    expect(statSync(jwks.path).mode & 0o777).toBe(0o644);
  });

  it('refuses private formats for non-exportable keys, and short passwords', async () => {
    const backend = await unlockedBackend();
    const locked = await create(backend, 'Locked', 'EC-P256', false);
    for (const format of ['pkcs12', 'pkcs8-encrypted', 'jks']) {
      const { result, path } = await exportTo(backend, [locked.id], format, `x.${format}`, 'longenough');
      expect(result).toMatchObject({ ok: false, error: { code: 'KEY_NOT_EXPORTABLE' } });
      expect(() => statSync(path)).toThrow();
    }
    const open = await create(backend, 'Open', 'EC-P256');
    const short = await exportTo(backend, [open.id], 'pkcs12', 'short.p12', 'abc');
    expect(short.result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { field: 'password' } } });
    // The certificate itself may always be exported.
    unwrapResult((await exportTo(backend, [locked.id], 'certificate-pem', 'locked.crt')).result);
  });
});

describe('round trip', () => {
  it.each([
    ['pkcs12', 'EC-P384'],
    ['jks', 'Ed25519'],
    ['pkcs8-encrypted', 'RSA-2048'],
  ] as const)('a %s export of a %s key imports back into another Signet with the same key', async (format, keyAlgorithm) => {
    const source = await unlockedBackend();
    const record = await create(source, 'Round_Trip', keyAlgorithm);
    const { path, result } = await exportTo(source, [record.id], format, `out.${format}`, 'round-trip');
    unwrapResult(result);
    const target = await unlockedBackend();
    const files = [{ name: `out.${format}`, base64: readFileSync(path).toString('base64') }];
    if (format === 'pkcs8-encrypted') files.push({ name: 'cert.pem', base64: Buffer.from(record.chainPem).toString('base64') });
    const analysis = unwrapResult(await target.dispatch('certificates.analyzeImport', [{ files, password: 'round-trip' }]));
    expect(analysis.candidates).toHaveLength(1);
    const [imported] = unwrapResult(
      await target.dispatch('certificates.importEntries', [
        { files, password: 'round-trip', entries: [{ ref: '0', label: 'Back', name: 'Back' }] },
      ]),
    );
    expect(imported).toMatchObject({ keyAlgorithm, jwkThumbprint: record.jwkThumbprint, hasPrivateKey: true });
    expect(imported.fingerprints.sha256).toBe(record.fingerprints.sha256);
    const before = source.graph.internal.certificates.privateKey(record.id).export({ format: 'jwk' });
    expect(target.graph.internal.certificates.privateKey(imported.id).export({ format: 'jwk' })).toEqual(before);
  });
});

describe('entries without a certificate', () => {
  it('exports the key of an entry awaiting its signed certificate as encrypted PKCS#8 and key-only PKCS#12, but not as JKS', async () => {
    const backend = await unlockedBackend();
    const pending = unwrapResult(
      await backend.dispatch('certificates.createCaSigned', [{ label: 'Pending', name: 'Pending', keyAlgorithm: 'EC-P256' }]),
    );
    const pkcs8 = await exportTo(backend, [pending.id], 'pkcs8-encrypted', 'pending.key', 'pending-pass');
    unwrapResult(pkcs8.result);
    expect(
      createPublicKey(createPrivateKey(openssl(['pkey', '-in', pkcs8.path, '-passin', 'pass:pending-pass']))).export({
        type: 'spki',
        format: 'pem',
      }),
    ).toBe(pending.publicKeyPem);
    const p12 = await exportTo(backend, [pending.id], 'pkcs12', 'pending.p12', 'pending-pass');
    unwrapResult(p12.result);
    expect(openssl(['pkcs12', '-in', p12.path, '-passin', 'pass:pending-pass', '-nodes', '-nocerts'])).toContain(
      '-----BEGIN PRIVATE KEY-----',
    );
    const jks = await exportTo(backend, [pending.id], 'jks', 'pending.jks', 'pending-pass');
    expect(jks.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const certificate = await exportTo(backend, [pending.id], 'certificate-pem', 'pending.crt');
    expect(certificate.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!certificate.result.ok) expect(certificate.result.error.message).toContain('Download the CSR instead');
  });
});
