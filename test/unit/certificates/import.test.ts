// Import of files made by OpenSSL and keytool: every format, the choice of entries, and the bad inputs.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlockedBackend, uploadText } from '../../harness/certificates';
import { keytoolFiles, opensslFiles, type MadeFiles } from '../../harness/key-files';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';
import { localhostCertificate } from '../../harness/servers';

let ossl: MadeFiles;
let kt: MadeFiles;
beforeAll(() => {
  ossl = opensslFiles();
  kt = keytoolFiles();
}, 120_000);
afterAll(() => {
  ossl?.remove();
  kt?.remove();
});

const file = (made: () => MadeFiles, name: string) => () => uploadText(made().read(name), name);

async function analyze(backend: TestBackend, files: { name: string; base64: string }[], password?: string, keyPassword?: string) {
  return backend.dispatch('certificates.analyzeImport', [{ files, password, keyPassword }]);
}

/** Analyzes, imports every candidate under its suggested name, returns the records. */
async function importAll(backend: TestBackend, files: { name: string; base64: string }[], password?: string, keyPassword?: string) {
  const analysis = unwrapResult(await analyze(backend, files, password, keyPassword));
  expect(analysis.status).toBe('ready');
  const entries = analysis.candidates.map((candidate: { ref: string; suggestedLabel: string; suggestedName: string }) => ({
    ref: candidate.ref,
    label: candidate.suggestedLabel,
    name: candidate.suggestedName,
  }));
  return {
    analysis,
    records: unwrapResult(await backend.dispatch('certificates.importEntries', [{ files, password, keyPassword, entries }])),
  };
}

/** The stored key signs for the stored certificate. */
function expectKeyMatches(backend: TestBackend, record: { id: string; chainPem: string }) {
  const key = backend.graph.internal.certificates.privateKey(record.id);
  expect(new X509Certificate(record.chainPem).checkPrivateKey(key)).toBe(true);
}

/** A wrong passphrase for which OpenSSL gets past the padding check and fails later, decoding. */
function passphrasePastPadding(pem: string): string {
  for (let attempt = 0; attempt < 20_000; attempt++) {
    const candidate = `lucky-${attempt}`;
    try {
      createPrivateKey({ key: pem, passphrase: candidate });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_OSSL_BAD_DECRYPT') return candidate;
    }
  }
  throw new Error('no wrong passphrase got past the padding check in 20 000 tries');
}

describe('import of OpenSSL files', () => {
  it.each([
    ['PKCS#8 key + certificate in one file', ['rsa.key+rsa.crt']],
    ['PKCS#1 key and certificate in two files', ['rsa-pkcs1.key', 'rsa.crt']],
    ['SEC1 EC key and certificate', ['ec-sec1.key', 'ec.crt']],
    ['DER certificate with a PEM key', ['rsa.cer', 'rsa.key']],
  ])('%s', async (_title, names) => {
    const backend = await unlockedBackend();
    const files = names.map((name) =>
      name.includes('+')
        ? uploadText(Buffer.concat(name.split('+').map((part) => ossl.read(part))), 'combined.pem')
        : uploadText(ossl.read(name), name),
    );
    const { analysis, records } = await importAll(backend, files);
    expect(analysis.candidates).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'imported', hasPrivateKey: true, hasCertificate: true, status: 'active' });
    expectKeyMatches(backend, records[0]);
  });

  it.each(['rsa.p7b', 'rsa-der.p7b'])(
    'reads the certificates of a PKCS#7 bundle %s: alone as Certificate only, with its key as a key entry',
    async (name) => {
      const backend = await unlockedBackend();
      const alone = await importAll(backend, [file(() => ossl, name)()]);
      expect(alone.analysis.format).toBe(name.includes('der') ? 'DER' : 'PEM');
      expect(alone.records[0]).toMatchObject({ hasPrivateKey: false, hasCertificate: true, subject: 'CN=OpenSSL RSA, O=Interop' });
      expect(alone.records[0].fingerprints.sha256).toBe(new X509Certificate(ossl.read('rsa.crt')).fingerprint256);
      const other = await unlockedBackend();
      const { records } = await importAll(other, [file(() => ossl, 'rsa.key')(), file(() => ossl, name)()]);
      expect(records[0]).toMatchObject({ hasPrivateKey: true, hasCertificate: true });
      expectKeyMatches(other, records[0]);
    },
  );

  it('asks for the passphrase of an encrypted PKCS#8 key, refuses a wrong one, imports with the right one', async () => {
    const backend = await unlockedBackend();
    const files = [file(() => ossl, 'rsa-enc.key')(), file(() => ossl, 'rsa.crt')()];
    expect(unwrapResult(await analyze(backend, files))).toEqual({ status: 'needs-password', format: 'PEM', prompt: 'passphrase' });
    expect(await analyze(backend, files, 'wrong')).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } });
    const { records } = await importAll(backend, files, 'pem-pass');
    expectKeyMatches(backend, records[0]);
  });

  // A wrong passphrase fails AES-CBC's padding check only about 255 times in 256; otherwise
  // OpenSSL decrypts garbage and fails to decode it. Both must read as a wrong passphrase.
  it.each(['rsa-enc.key', 'rsa-enc-legacy.key'])(
    '%s: a wrong passphrase that happens to pass the padding check is still a wrong passphrase',
    async (name) => {
      const pem = ossl.read(name).toString('latin1');
      expect(pem).toContain(name.includes('legacy') ? 'Proc-Type: 4,ENCRYPTED' : 'ENCRYPTED PRIVATE KEY');
      const lucky = passphrasePastPadding(pem);
      const backend = await unlockedBackend();
      const files = [file(() => ossl, name)(), file(() => ossl, 'rsa.crt')()];
      expect(await analyze(backend, files, lucky)).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } });
      expect(await analyze(backend, files, 'plainly-wrong')).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } });
      const { records } = await importAll(backend, files, 'pem-pass');
      expectKeyMatches(backend, records[0]);
    },
  );

  it('an encrypted key whose envelope is damaged is reported as unreadable, not as a wrong passphrase', async () => {
    const pem = ossl.read('rsa-enc.key').toString('latin1');
    const lines = pem.trim().split('\n');
    const damaged = [lines[0], ...lines.slice(3, 8), lines.at(-1)].join('\n') + '\n';
    const backend = await unlockedBackend();
    const result = await analyze(backend, [uploadText(Buffer.from(damaged), 'damaged-enc.key')], 'pem-pass');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT' } });
  });

  it.each(['rsa.p12', 'ec.p12', 'legacy.p12'])('imports PKCS#12 %s (OpenSSL 3 default and -legacy) with its password', async (name) => {
    const backend = await unlockedBackend();
    const files = [file(() => ossl, name)()];
    expect(unwrapResult(await analyze(backend, files))).toMatchObject({ status: 'needs-password', format: 'PKCS#12' });
    const wrong = await analyze(backend, files, 'nope');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } });
    const { analysis, records } = await importAll(backend, files, 'p12-pass');
    expect(analysis.candidates[0].alias).toBeDefined();
    expectKeyMatches(backend, records[0]);
  });

  it('imports a certificate without a key as Certificate only, and a public JWK and a private JWKS', async () => {
    const backend = await unlockedBackend();
    const { records } = await importAll(backend, [file(() => ossl, 'ec.crt')()]);
    expect(records[0]).toMatchObject({ hasPrivateKey: false, hasCertificate: true, exportable: false });

    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: 'pub-1' };
    const pub = await importAll(backend, [uploadText(JSON.stringify(publicJwk), 'key.json')]);
    expect(pub.analysis.format).toBe('JWK');
    expect(pub.records[0]).toMatchObject({ hasPrivateKey: false, hasCertificate: false, keyAlgorithm: 'EC-P256', name: 'pub_1' });

    const ed = generateKeyPairSync('ed25519');
    const jwks = {
      keys: [
        { ...ed.privateKey.export({ format: 'jwk' }), kid: 'ed' },
        { ...privateKey.export({ format: 'jwk' }), kid: 'ec-private' },
      ],
    };
    const set = await importAll(backend, [uploadText(JSON.stringify(jwks), 'jwks.json')]);
    expect(set.analysis.format).toBe('JWKS');
    expect(
      set.records.map((record: { keyAlgorithm: string; hasPrivateKey: boolean }) => [record.keyAlgorithm, record.hasPrivateKey]),
    ).toEqual([
      ['Ed25519', true],
      ['EC-P256', true],
    ]);
    const stored = backend.graph.internal.certificates.privateKey(set.records[0].id);
    expect(createPublicKey(stored).export({ format: 'jwk' })).toEqual(ed.publicKey.export({ format: 'jwk' }));
  });
});

describe('import of keytool stores', () => {
  it('reads a JKS with two key entries (one with its own key password): choose one or import all', async () => {
    const backend = await unlockedBackend();
    const files = [file(() => kt, 'store.jks')()];
    expect(unwrapResult(await analyze(backend, files))).toEqual({ status: 'needs-password', format: 'JKS', prompt: 'store-password' });
    expect(await analyze(backend, files, 'wrong-pass')).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } });
    // The store password opens rsa_key but not ec_key, whose key password differs.
    const withoutKeyPassword = await analyze(backend, files, 'store-pass');
    expect(withoutKeyPassword).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE', details: { field: 'keyPassword' } } });
    // With the key password, each key opens with its own (rsa_key's is the store password).
    const { analysis, records } = await importAll(backend, files, 'store-pass', 'key-pass');
    expect(analysis.candidates.map((candidate: { alias: string }) => candidate.alias).sort()).toEqual(['ec_key', 'rsa_key']);
    for (const record of records) expectKeyMatches(backend, record);
    // Choosing one entry imports only that one.
    const ec = analysis.candidates.find((candidate: { alias: string }) => candidate.alias === 'ec_key');
    const other = await unlockedBackend();
    const chosen = unwrapResult(
      await other.dispatch('certificates.importEntries', [
        { files, password: 'store-pass', keyPassword: 'key-pass', entries: [{ ref: ec.ref, label: 'EC from JKS', name: 'EC_From_JKS' }] },
      ]),
    );
    expect(chosen.map((record: { keyAlgorithm: string }) => record.keyAlgorithm)).toEqual(['EC-P256']);
  });

  it('imports the single key of a Salesforce-style JKS and a trusted certificate entry', async () => {
    const backend = await unlockedBackend();
    const { analysis, records } = await importAll(backend, [file(() => kt, 'single.jks')()], 'store-pass');
    expect(analysis.candidates[0]).toMatchObject({ alias: 'salesforce_cert', suggestedName: 'salesforce_cert', hasPrivateKey: true });
    expect(records[0].keyAlgorithm).toBe('RSA-2048');
    expectKeyMatches(backend, records[0]);
    const trust = await importAll(backend, [file(() => kt, 'trust.jks')()], 'store-pass');
    expect(trust.records[0]).toMatchObject({ hasPrivateKey: false, hasCertificate: true, name: 'partner_ca' });
  });

  it("imports keytool's PKCS12 store", async () => {
    const backend = await unlockedBackend();
    const { records } = await importAll(backend, [file(() => kt, 'store.p12')()], 'store-pass');
    expect(records[0].subject).toContain('CN=p12_key');
    expectKeyMatches(backend, records[0]);
  });
});

describe('bad input: a coded error with a helpful message, nothing stored', () => {
  async function expectRefused(files: { name: string; base64: string }[], code: string, message: RegExp, password?: string) {
    const backend = await unlockedBackend();
    const result = await analyze(backend, files, password);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toMatch(message);
    const imported = await backend.dispatch('certificates.importEntries', [
      { files, password, entries: [{ ref: '0', label: 'X', name: 'X' }] },
    ]);
    expect(imported).toMatchObject({ ok: false, error: { code } });
    expect(unwrapResult(await backend.dispatch('certificates.list', []))).toEqual([]);
  }

  it('truncated PEM', () =>
    expectRefused([uploadText(ossl.read('rsa.crt').subarray(0, 300), 'cut.pem')], 'UNSUPPORTED_FORMAT', /truncated/));
  it('garbage inside a PEM block', () =>
    expectRefused(
      [uploadText('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n')],
      'UNSUPPORTED_FORMAT',
      /not a readable X.509/,
    ));
  it('random bytes', () =>
    expectRefused(
      [uploadText(Buffer.concat([Buffer.from([0x42]), randomBytes(2000)]), 'x.bin')],
      'UNSUPPORTED_FORMAT',
      /not a certificate, key or keystore/,
    ));
  it('a key that does not match the certificate', () =>
    expectRefused([file(() => ossl, 'ec.key')(), file(() => ossl, 'rsa.crt')()], 'KEY_MISMATCH', /does not belong to the certificate/));
  it('a DSA key', () => expectRefused([file(() => ossl, 'dsa.key')()], 'UNSUPPORTED_KEY', /DSA/));
  it('a file over the size cap, refused before parsing', async () => {
    const files = [{ name: 'huge.p12', base64: Buffer.alloc(50 * 1024 * 1024).toString('base64') }];
    await expectRefused(files, 'TOO_LARGE', /larger than 1 MB/);
    // Timed on its own (not the vault unlock): refusing by size must not decode or parse 50 MB.
    const backend = await unlockedBackend();
    const started = performance.now();
    expect(await analyze(backend, files)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('a file far over the cap (over 60 MB) sent straight to the bridge: TOO_LARGE with the friendly message, not a validation error', async () => {
    const backend = await unlockedBackend();
    const huge = { name: 'huge.jks', base64: 'A'.repeat(96 * 1024 * 1024) }; // 72 MB of bytes
    expect(await analyze(backend, [huge])).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE', message: /huge\.jks is larger than 1 MB/ },
    });
    const entries = [{ ref: '0', label: 'Huge', name: 'Huge' }];
    expect(await backend.dispatch('certificates.importEntries', [{ files: [huge], entries }])).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    });
    expect(await backend.dispatch('certificates.uploadSigned', [{ id: 'any', file: huge }])).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    });
  });

  it('allows RSA-1024 and expired certificates with a warning', async () => {
    const backend = await unlockedBackend();
    const { records } = await importAll(backend, [file(() => ossl, 'weak.key')(), file(() => ossl, 'weak.crt')()]);
    expect(records[0].warnings.join(' ')).toMatch(/RSA-1024 is weak/);
    const old = await localhostCertificate({ now: new Date(Date.now() - 400 * 86_400_000), validityDays: 30 });
    const expired = await importAll(backend, [uploadText(old.key + old.cert, 'old.pem')]);
    expect(expired.records[0].warnings.join(' ')).toMatch(/The certificate expired on \d{4}-\d\d-\d\d/);
  });

  it('refuses a duplicate unique name and stores nothing', async () => {
    const backend = await unlockedBackend();
    unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: 'Taken', name: 'Taken', keyAlgorithm: 'EC-P256' }]));
    const files = [file(() => ossl, 'ec.key')(), file(() => ossl, 'ec.crt')()];
    const result = await backend.dispatch('certificates.importEntries', [{ files, entries: [{ ref: '0', label: 'X', name: 'taken' }] }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'name' } } });
    expect(unwrapResult(await backend.dispatch('certificates.list', []))).toHaveLength(1);
  });
});
