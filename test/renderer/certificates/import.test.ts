// Import in Chromium: each format made by OpenSSL and keytool, choosing entries, and every bad input with its message.
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detailsOf } from '../../harness/certificates-ui';
import { keytoolFiles, opensslFiles, type MadeFiles } from '../../harness/key-files';
import { localhostCertificate } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';

const { openUnlocked } = useSignetWindows();
let ossl: MadeFiles;
let kt: MadeFiles;
beforeAll(() => {
  ossl = opensslFiles();
  kt = keytoolFiles();
  writeFileSync(ossl.path('combined.pem'), Buffer.concat([ossl.read('rsa.key'), ossl.read('rsa.crt')]));
}, 120_000);
afterAll(() => {
  ossl?.remove();
  kt?.remove();
});

/** Opens Import, chooses files, answers the password prompt(s); returns the dialog. */
async function startImport(page: Page, paths: string[], secrets: Record<string, string> = {}) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Choose files').setInputFiles(paths);
  if (Object.keys(secrets).length > 0) {
    for (const [label, value] of Object.entries(secrets)) {
      await dialog.getByLabel(label, { exact: true }).fill(value);
    }
    await dialog.getByRole('button', { name: 'Continue' }).click();
  }
  return dialog;
}

describe('Import dialog', () => {
  it('imports every format: PEM variants, DER, PKCS#12 (OpenSSL 3, legacy, keytool), JKS, JWK and JWKS', async () => {
    const { page, backend, dataFolder } = await openUnlocked();
    const jwk = join(dataFolder, 'key.jwk.json');
    const ec = await localhostCertificate();
    writeFileSync(jwk, JSON.stringify({ keys: [{ ...ec.keys.privateKey.export({ format: 'jwk' }), kid: 'jwks-key' }] }));
    const cases: { paths: string[]; secrets?: Record<string, string>; expect: { label: string; type: string; key: string } }[] = [
      { paths: [ossl.path('combined.pem')], expect: { label: 'OpenSSL RSA', type: 'Imported', key: 'RSA 2048' } },
      { paths: [ossl.path('rsa-pkcs1.key'), ossl.path('rsa.crt')], expect: { label: 'OpenSSL RSA', type: 'Imported', key: 'RSA 2048' } },
      { paths: [ossl.path('ec-sec1.key'), ossl.path('ec.crt')], expect: { label: 'OpenSSL EC', type: 'Imported', key: 'EC P-256' } },
      {
        paths: [ossl.path('rsa-enc.key'), ossl.path('rsa.crt')],
        secrets: { Passphrase: 'pem-pass' },
        expect: { label: 'OpenSSL RSA', type: 'Imported', key: 'RSA 2048' },
      },
      { paths: [ossl.path('rsa.cer')], expect: { label: 'OpenSSL RSA', type: 'Certificate only', key: 'RSA 2048' } },
      { paths: [ossl.path('rsa-der.p7b')], expect: { label: 'OpenSSL RSA', type: 'Certificate only', key: 'RSA 2048' } },
      {
        paths: [ossl.path('rsa.p12')],
        secrets: { Password: 'p12-pass' },
        expect: { label: 'rsa-entry', type: 'Imported', key: 'RSA 2048' },
      },
      { paths: [ossl.path('ec.p12')], secrets: { Password: 'p12-pass' }, expect: { label: 'ec-entry', type: 'Imported', key: 'EC P-256' } },
      {
        paths: [ossl.path('legacy.p12')],
        secrets: { Password: 'p12-pass' },
        expect: { label: 'legacy', type: 'Imported', key: 'RSA 2048' },
      },
      {
        paths: [kt.path('store.p12')],
        secrets: { Password: 'store-pass' },
        expect: { label: 'p12_key', type: 'Imported', key: 'RSA 2048' },
      },
      {
        paths: [kt.path('single.jks')],
        secrets: { 'Keystore password': 'store-pass' },
        expect: { label: 'salesforce_cert', type: 'Imported', key: 'RSA 2048' },
      },
      { paths: [jwk], expect: { label: 'jwks-key', type: 'Imported', key: 'EC P-256' } },
    ];
    for (const [index, entry] of cases.entries()) {
      const dialog = await startImport(page, entry.paths, entry.secrets);
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      const drawer = await detailsOf(page, entry.expect.label);
      expect(await drawer.getByLabel('Type', { exact: true }).textContent()).toBe(entry.expect.type);
      expect(await drawer.getByLabel('Key', { exact: true }).textContent()).toBe(entry.expect.key);
      await drawer.getByRole('button', { name: 'Close details' }).click();
      await expect.poll(() => drawer.count()).toBe(0);
      expect(backend.graph.internal.certificates.list()).toHaveLength(index + 1);
    }
    for (const record of backend.graph.internal.certificates.list().filter((entry) => entry.hasPrivateKey)) {
      expect(backend.graph.internal.certificates.privateKey(record.id).asymmetricKeyType).toBeTruthy();
    }
  });

  it('takes a key and its certificate dropped on the dialog', async () => {
    const { page, backend } = await openUnlocked();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    const files = [
      ['ec-sec1.key', ossl.read('ec-sec1.key').toString('utf8')],
      ['ec.crt', ossl.read('ec.crt').toString('utf8')],
    ];
    const dataTransfer = await page.evaluateHandle(
      `(() => { const transfer = new DataTransfer(); for (const [name, text] of ${JSON.stringify(files)}) transfer.items.add(new File([text], name)); return transfer; })()`,
    );
    await dialog.getByText('or drop files here').dispatchEvent('drop', { dataTransfer });
    await dialog.getByText('ec-sec1.key, ec.crt', { exact: true }).waitFor();
    await expect.poll(() => dialog.getByLabel('Entries found').textContent()).toContain('Found in the PEM file: 1 entry.');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const drawer = await detailsOf(page, 'OpenSSL EC');
    expect(await drawer.getByLabel('Type', { exact: true }).textContent()).toBe('Imported');
    expect(backend.graph.internal.certificates.list().map((record) => [record.keyAlgorithm, record.hasPrivateKey])).toEqual([
      ['EC-P256', true],
    ]);
  });

  it('offers the entries of a JKS with two aliases and imports only the chosen one, under the name given', async () => {
    const { page, backend } = await openUnlocked();
    const dialog = await startImport(page, [kt.path('store.jks')], { 'Keystore password': 'store-pass', 'Key password': 'key-pass' });
    const found = dialog.getByLabel('Entries found');
    await found.waitFor();
    expect(await found.textContent()).toContain('2 entries. Choose which to import.');
    await dialog.getByLabel('Import rsa_key').uncheck();
    // A bad Unique Name is reported against the entry's field, as labelled in the dialog.
    await dialog.getByLabel('Unique Name for ec_key').fill('EC key');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('Unique Name for ec_key: Use letters, digits and single underscores; start with a letter and do not end with an underscore.');
    await dialog.getByLabel('Unique Name for ec_key').fill('Partner_EC');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await detailsOf(page, 'ec_key');
    expect(backend.graph.internal.certificates.list().map((record) => [record.name, record.keyAlgorithm])).toEqual([
      ['Partner_EC', 'EC-P256'],
    ]);
  });

  it('shows a clear message for each bad input, keeps the chosen files, and stores nothing', async () => {
    const { page, backend, dataFolder } = await openUnlocked();
    const truncated = join(dataFolder, 'truncated.pem');
    writeFileSync(truncated, ossl.read('rsa.crt').subarray(0, 400));
    const garbage = join(dataFolder, 'garbage.pem');
    writeFileSync(garbage, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
    const random = join(dataFolder, 'random.bin');
    writeFileSync(random, Buffer.from('not a key at all, just some text that is not PEM or DER'));
    const cases: [string[], Record<string, string> | undefined, RegExp][] = [
      [[truncated], undefined, /truncated/],
      [[garbage], undefined, /not a readable X.509 certificate/],
      [[random], undefined, /not a certificate, key or keystore Signet knows/],
      [[ossl.path('ec.key'), ossl.path('rsa.crt')], undefined, /private key does not belong to the certificate/],
      [[ossl.path('dsa.key')], undefined, /DSA keys are not supported for JWT signing/],
      [[ossl.path('rsa.p12')], { Password: 'wrong password' }, /password does not open the PKCS#12 file/],
      [[kt.path('single.jks')], { 'Keystore password': 'wrong-pass' }, /keystore password is not right/],
      [[ossl.path('rsa-enc.key')], { Passphrase: 'nope' }, /passphrase does not open the encrypted private key/],
    ];
    for (const [paths, secrets, message] of cases) {
      const dialog = await startImport(page, paths, secrets);
      await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(message);
      expect(await dialog.getByText(paths.map((path) => path.split('/').pop()).join(', '), { exact: true }).isVisible()).toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
    }
    // A 50 MB file (SI: Playwright passes at most 50 MiB) is refused in the renderer before a byte is read or sent.
    const dialog = await startImport(page, []);
    const started = Date.now();
    const huge = join(dataFolder, 'huge.p12');
    writeFileSync(huge, '');
    truncateSync(huge, 50_000_000);
    await dialog.getByLabel('Choose files').setInputFiles(huge);
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/huge.p12 is 48 MB, larger than 1 MB/);
    expect(Date.now() - started).toBeLessThan(15_000);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(backend.graph.internal.certificates.list()).toEqual([]);
  });

  it('imports RSA-1024 and expired certificates with a visible warning, and refuses a duplicate unique name', async () => {
    const { page, backend, dataFolder } = await openUnlocked();
    let dialog = await startImport(page, [ossl.path('weak.key'), ossl.path('weak.crt')]);
    await expect.poll(() => dialog.getByRole('note').textContent()).toMatch(/RSA-1024 is weak/);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const drawer = await detailsOf(page, 'Weak');
    expect(await drawer.textContent()).toMatch(/RSA-1024 is weak/);
    await drawer.getByRole('button', { name: 'Close details' }).click();

    const old = await localhostCertificate({ now: new Date(Date.now() - 400 * 86_400_000), validityDays: 30, commonName: 'Old' });
    const expired = join(dataFolder, 'old.pem');
    writeFileSync(expired, old.key + old.cert);
    dialog = await startImport(page, [expired]);
    await expect.poll(() => dialog.getByRole('note').textContent()).toMatch(/The certificate expired on/);
    await dialog.getByLabel('Unique Name for Old').fill('weak');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/A certificate named Weak already exists/);
    await dialog.getByLabel('Unique Name for Old').fill('Old_Cert');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await detailsOf(page, 'Old');
    expect(await page.getByRole('table', { name: 'Certificates' }).getByLabel('Old has expired').isVisible()).toBe(true);
    expect(backend.graph.internal.certificates.list()).toHaveLength(2);
  });
});
