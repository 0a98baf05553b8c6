// Export and the CSR round trip in Chromium, read back by OpenSSL and keytool; the canary: no bridge answer carries private material.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keytool } from '../../harness/certificates';
import { createCertificate, detailsOf, saveTo } from '../../harness/certificates-ui';
import { openssl, tempFile } from '../../harness/openssl';
import { TEST_PASSPHRASE, useSignetWindows, type OpenSignet } from '../../harness/signet';
import { tempFolder } from '../../harness/temp';

const { openUnlocked } = useSignetWindows();

async function exportFrom(page: Page, label: string, item: string, path: string, password?: string) {
  const drawer = await detailsOf(page, label);
  await drawer.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  if (password) {
    const dialog = page.getByRole('dialog', { name: /^Export .*(PKCS|JKS)/ }).filter({ has: page.getByLabel('Export password') });
    await dialog.getByLabel('Export password', { exact: true }).fill(password);
    await dialog.getByLabel('Confirm export password').fill(password);
    await dialog.getByRole('button', { name: 'Export' }).click();
  }
  await saveTo(page, path);
}

/** Records every bridge answer and event the page receives. */
function recordBridge(signet: OpenSignet): string[] {
  const seen: string[] = [];
  const original = signet.backend.dispatch;
  signet.backend.dispatch = Object.assign(
    async (path: unknown, args: unknown) => {
      const result = await original(path, args);
      seen.push(JSON.stringify(result));
      return result;
    },
    { methods: original.methods },
  );
  return seen;
}

/** Starts recording every event the page receives; read them with `pageEvents`. */
async function recordPageEvents(page: Page) {
  await page.evaluate(
    `window.__seenEvents = []; window.signet.onEvent((name, payload) => window.__seenEvents.push(JSON.stringify([name, payload])))`,
  );
}
const pageEvents = (page: Page) => page.evaluate(`window.__seenEvents`) as Promise<string[]>;

describe('export and the CSR flow', () => {
  it('exports PKCS#12, encrypted PKCS#8 and a JWK from the details; OpenSSL reads them and the key matches', async () => {
    const { page, backend } = await openUnlocked();
    const folder = tempFolder();
    await createCertificate(page, { label: 'Exported', keyType: 'EC P-256' });
    await detailsOf(page, 'Exported'); // the entry exists once its details open
    const record = backend.graph.internal.certificates.list()[0]!;
    await exportFrom(page, 'Exported', 'PKCS#12 with private key…', join(folder, 'exported.p12'), 'p12-secret');
    const text = openssl(['pkcs12', '-in', join(folder, 'exported.p12'), '-passin', 'pass:p12-secret', '-nodes']);
    const key = createPrivateKey(text.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0]);
    expect(new X509Certificate(record.chainPem).checkPrivateKey(key)).toBe(true);

    await exportFrom(page, 'Exported', 'Encrypted private key (PKCS#8 PEM)…', join(folder, 'key.pem'), 'pkcs8-secret');
    const decrypted = openssl(['pkey', '-in', join(folder, 'key.pem'), '-passin', 'pass:pkcs8-secret']);
    expect(new X509Certificate(record.chainPem).checkPrivateKey(createPrivateKey(decrypted))).toBe(true);

    await exportFrom(page, 'Exported', 'Public key (JWK)', join(folder, 'key.jwk.json'));
    const jwk = JSON.parse(readFileSync(join(folder, 'key.jwk.json'), 'utf8'));
    expect(jwk).toMatchObject({ kid: record.jwkThumbprint, kty: 'EC', crv: 'P-256' });
    expect(jwk).not.toHaveProperty('d');
    expect(createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' })).toBe(record.publicKeyPem);

    // A short password is refused in the dialog with the reason.
    const drawer = await detailsOf(page, 'Exported');
    await drawer.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Java keystore (JKS)…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Java keystore (JKS)' });
    await dialog.getByLabel('Export password', { exact: true }).fill('abc');
    await dialog.getByLabel('Confirm export password').fill('abc');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('at least 6 characters');
  });

  it('exports a selection to a Java keystore that keytool lists with alias = unique name, and a JWKS of the selection', async () => {
    const { page, backend } = await openUnlocked();
    const folder = tempFolder();
    await createCertificate(page, { label: 'Salesforce JWT', keyType: 'RSA 2048' });
    await (await detailsOf(page, 'Salesforce JWT')).getByRole('button', { name: 'Close details' }).click();
    await createCertificate(page, { label: 'Second', keyType: 'EC P-256' });
    await (await detailsOf(page, 'Second')).getByRole('button', { name: 'Close details' }).click();
    await page.getByLabel('Select all shown').check();
    await page.getByRole('button', { name: 'Export to Keystore (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Java keystore (JKS)' });
    expect(await dialog.textContent()).toContain('salesforce_jwt, second (alias = Unique Name)');
    // Salesforce's Import from Keystore takes RSA 2048/3072/4096 only: the EC entry is named, the RSA one is not.
    const note = await dialog.getByRole('note').textContent();
    expect(note).toContain('accepts only RSA keys of 2048, 3072 or 4096 bits, so it would refuse second (EC P-256).');
    expect(note).not.toContain('salesforce_jwt');
    await dialog.getByLabel('Export password', { exact: true }).fill('changeit');
    await dialog.getByLabel('Confirm export password').fill('changeit');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await saveTo(page, join(folder, 'org.jks'));
    const listing = keytool(['-list', '-v', '-keystore', join(folder, 'org.jks'), '-storetype', 'JKS', '-storepass', 'changeit']);
    expect(listing).toMatch(/Alias name: salesforce_jwt[\s\S]*Entry type: PrivateKeyEntry/);
    expect(listing).toContain('Alias name: second');

    await page.getByRole('button', { name: 'Export JWKS (2)' }).click();
    await saveTo(page, join(folder, 'jwks.json'));
    const jwks = JSON.parse(readFileSync(join(folder, 'jwks.json'), 'utf8'));
    expect(jwks.keys.map((key: { kid: string }) => key.kid).sort()).toEqual(
      backend.graph.internal.certificates
        .list()
        .map((record) => record.jwkThumbprint)
        .sort(),
    );
  });

  it('CSR round trip: download the CSR, sign it with an OpenSSL CA, upload it; a mismatched certificate is refused with a message', async () => {
    const { page, backend } = await openUnlocked();
    const folder = tempFolder();
    await createCertificate(page, { label: 'Partner', keyType: 'EC P-256', mode: 'CA-Signed', fields: { Organization: 'Acme' } });
    const drawer = await detailsOf(page, 'Partner');
    expect(await drawer.textContent()).toContain('Awaiting signed certificate');
    const pendingRecord = backend.graph.internal.certificates.list()[0]!;
    expect(await drawer.getByLabel('Certificate signing request (PEM)', { exact: true }).textContent()).toBe(pendingRecord.csrPem);
    expect(await drawer.getByRole('button', { name: 'Copy Certificate signing request (PEM)' }).isVisible()).toBe(true);
    await drawer.getByRole('button', { name: 'Download CSR' }).click();
    await saveTo(page, join(folder, 'partner.csr'));
    expect(() => openssl(['req', '-in', join(folder, 'partner.csr'), '-noout', '-verify'])).not.toThrow();

    // A test CA made by OpenSSL signs the request; a certificate for another key is made too.
    const caKey = join(folder, 'ca.key');
    const caCert = join(folder, 'ca.crt');
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey, '-out', caCert, '-subj', '/CN=Test CA', '-days', '5']);
    openssl([
      'x509',
      '-req',
      '-in',
      join(folder, 'partner.csr'),
      '-CA',
      caCert,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-out',
      join(folder, 'leaf.crt'),
      '-days',
      '5',
    ]);
    const other = join(folder, 'other.crt');
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(folder, 'other.key'),
      '-out',
      other,
      '-subj',
      '/CN=Other',
      '-days',
      '5',
    ]);

    await drawer.getByRole('button', { name: 'Upload Signed Certificate' }).click();
    const upload = page.getByRole('dialog', { name: 'Upload Signed Certificate' });
    // A paste that lost its END line says it is truncated.
    await upload.getByLabel('Or paste the certificate (PEM)').fill(readFileSync(join(folder, 'leaf.crt'), 'utf8').slice(0, 400));
    await upload.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => upload.getByRole('alert').textContent()).toContain('The PEM text is truncated');
    await upload.getByLabel('Or paste the certificate (PEM)').fill('');
    await upload.getByLabel('Choose certificate file').setInputFiles(other);
    await upload.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => upload.getByRole('alert').textContent()).toContain('None of the uploaded certificates is for this entry’s key');

    const chain = tempFile('chain.pem', readFileSync(caCert, 'utf8') + readFileSync(join(folder, 'leaf.crt'), 'utf8'));
    await upload.getByLabel('Choose certificate file').setInputFiles(chain);
    await upload.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => upload.count()).toBe(0);
    await expect.poll(() => backend.graph.internal.certificates.list()[0]?.status).toBe('active');
    await expect.poll(() => drawer.getByLabel('Issuer', { exact: true }).textContent()).toBe('CN=Test CA');
    expect(await page.getByRole('table', { name: 'Certificates' }).textContent()).not.toContain('Awaiting signed certificate');
  });

  it('refuses an upload for an entry that is no longer awaiting a certificate, saying so', async () => {
    const { page, backend } = await openUnlocked();
    await createCertificate(page, { label: 'Raced', keyType: 'EC P-256', mode: 'CA-Signed' });
    const drawer = await detailsOf(page, 'Raced');
    await drawer.getByRole('button', { name: 'Upload Signed Certificate' }).click();
    const upload = page.getByRole('dialog', { name: 'Upload Signed Certificate' });
    // Meanwhile the entry is activated elsewhere (another window).
    const folder = tempFolder();
    const record = backend.graph.internal.certificates.list()[0]!;
    const csr = tempFile('raced.csr', record.csrPem!);
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(folder, 'ca.key'),
      '-out',
      join(folder, 'ca.crt'),
      '-subj',
      '/CN=CA',
      '-days',
      '5',
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      join(folder, 'ca.crt'),
      '-CAkey',
      join(folder, 'ca.key'),
      '-CAcreateserial',
      '-out',
      join(folder, 'leaf.crt'),
    ]);
    const leaf = readFileSync(join(folder, 'leaf.crt'), 'utf8');
    expect(
      (
        await backend.dispatch('certificates.uploadSigned', [
          { id: record.id, file: { name: 'x', base64: Buffer.from(leaf).toString('base64') } },
        ])
      ).ok,
    ).toBe(true);
    await upload.getByLabel('Or paste the certificate (PEM)').fill(leaf);
    await upload.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => upload.getByRole('alert').textContent()).toContain('Raced is not awaiting a signed certificate');
  });

  it('canary: create, import and export flows never put private key material or a password in a bridge answer', async () => {
    const opened = await openUnlocked();
    const { page, backend } = opened;
    const seen = recordBridge(opened);
    await recordPageEvents(page);
    const folder = tempFolder();
    await createCertificate(page, { label: 'Canary', keyType: 'RSA 2048' });
    await exportFrom(page, 'Canary', 'PKCS#12 with private key…', join(folder, 'canary.p12'), 'canary-p12-password');
    await exportFrom(page, 'Canary', 'Java keystore (JKS)…', join(folder, 'canary.jks'), 'canary-jks-password');
    await (await detailsOf(page, 'Canary')).getByRole('button', { name: 'Close details' }).click();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.getByLabel('Choose files').setInputFiles(join(folder, 'canary.p12'));
    await dialog.getByLabel('Password', { exact: true }).fill('canary-p12-password');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByLabel('Unique Name for Canary').fill('Canary_Again');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await detailsOf(page, 'Canary');
    await expect.poll(() => backend.graph.internal.certificates.list().length).toBe(2);

    const records = backend.graph.internal.certificates.list();
    const events = await pageEvents(page);
    expect(events.some((event) => event.includes('certificates.progress'))).toBe(true);
    const everything = [...seen, ...events].join('\n') + readFileSync(join(opened.dataFolder, 'certificates.json'), 'utf8');
    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(everything).not.toMatch(/PRIVATE KEY/);
    for (const record of records) {
      const key = backend.graph.internal.certificates.privateKey(record.id);
      const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
      const jwk = key.export({ format: 'jwk' });
      // The tail of PKCS#8 is private (CRT values); its head holds the public modulus, which certificates carry.
      for (const secret of [jwk.d!, jwk.p!, jwk.q!, pkcs8.toString('base64').slice(-120, -60), pkcs8.toString('hex').slice(-200, -120)]) {
        expect(everything).not.toContain(secret);
      }
    }
    // No password in any encoding, in any answer or in any file of the data folder.
    const dataFiles = readdirSync(opened.dataFolder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'latin1'))
      .join('\n');
    for (const password of ['canary-p12-password', 'canary-jks-password', TEST_PASSPHRASE]) {
      for (const encoded of [
        password,
        Buffer.from(password).toString('base64'),
        Buffer.from(password).toString('hex'),
        Buffer.from(password, 'utf16le').toString('latin1'),
      ]) {
        expect(everything).not.toContain(encoded);
        expect(dataFiles).not.toContain(encoded);
      }
    }
    expect(dataFiles).not.toMatch(/PRIVATE KEY/);
  });
});
