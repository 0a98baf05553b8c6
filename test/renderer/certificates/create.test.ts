// The Certificates tab in Chromium: create (each key type, progress and cancel), table, details, rename, delete guard.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCertificate, detailsOf, rowNames, saveTo } from '../../harness/certificates-ui';
import { unwrapResult } from '../../harness/rpc';
import { useSignetWindows } from '../../harness/signet';
import { tempFolder } from '../../harness/temp';

const { openUnlocked } = useSignetWindows();

describe('Certificates tab', () => {
  it('creates a self-signed certificate of each key type; the table lists them with key and expiry', async () => {
    const { page, backend } = await openUnlocked();
    const types = ['RSA 2048', 'RSA 3072', 'EC P-256', 'EC P-384', 'EC P-521', 'Ed25519'];
    for (const keyType of types) {
      await createCertificate(page, { label: `Key ${keyType}`, keyType });
      const drawer = await detailsOf(page, `Key ${keyType}`);
      await drawer.getByRole('button', { name: 'Close details' }).click();
      await expect.poll(() => drawer.count()).toBe(0);
    }
    const records = backend.graph.internal.certificates.list();
    expect(records.map((record) => record.keyAlgorithm)).toEqual(['RSA-2048', 'RSA-3072', 'EC-P256', 'EC-P384', 'EC-P521', 'Ed25519']);
    expect(records.map((record) => record.name)).toEqual(types.map((type) => `Key_${type.replace(/[ -]/g, '_').replace(/_+/g, '_')}`));
    const table = page.getByRole('table', { name: 'Certificates' });
    expect(await table.getByRole('row').count()).toBe(7);
    expect(await table.getByRole('row', { name: /Key EC P-384/ }).textContent()).toMatch(/Self-Signed.*EC P-384/);

    // Sort by Key descending, then filter.
    await page.getByRole('button', { name: 'Sort by Key' }).click();
    await page.getByRole('button', { name: 'Sort by Key' }).click();
    expect((await rowNames(page))[0]).toBe('Key_RSA_3072');
    await page.getByLabel('Filter certificates').fill('p-5');
    expect(await rowNames(page)).toEqual(['Key_EC_P_521']);
  });

  it('shows progress for RSA-4096, stays responsive, and Cancel stores nothing and keeps the form', async () => {
    const { page, backend } = await openUnlocked();
    // An RSA-4096 key takes from a fraction of a second to several. When it is ready before Cancel
    // lands, that attempt cannot test Cancel: delete what it made and try again (at most 3 times).
    for (let attempt = 1; ; attempt++) {
      const dialog = await createCertificate(page, { label: 'Big key', keyType: 'RSA 4096', fields: { Organization: 'Acme' } });
      const status = dialog.getByRole('status', { name: 'Creation progress' });
      await status.waitFor();
      expect(await status.textContent()).toMatch(/Generating the key pair \(RSA 4096\)/);
      // Main stays responsive while the key is generated: a bridge call from the page answers at once.
      const started = Date.now();
      expect(await page.evaluate(`window.signet.invoke('certificates.list', []).then((result) => result.ok)`)).toBe(true);
      expect(Date.now() - started).toBeLessThan(400);
      expect(await status.count()).toBe(1);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => status.count()).toBe(0);
      const madeFirst = backend.graph.internal.certificates.list();
      if (madeFirst.length === 0 || attempt === 3) break;
      for (const record of madeFirst) unwrapResult(await backend.dispatch('certificates.delete', [record.id]));
    }
    const dialog = page.getByRole('dialog', { name: 'Create Self-Signed Certificate' });
    expect(await dialog.getByLabel('Label', { exact: true }).inputValue()).toBe('Big key');
    expect(await dialog.getByLabel('Organization').inputValue()).toBe('Acme');
    expect(await dialog.getByLabel('Validity (days)').inputValue()).toBe('730');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(backend.graph.internal.certificates.list()).toEqual([]);

    await dialog.getByRole('button', { name: 'Save' }).click();
    const drawer = await detailsOf(page, 'Big key');
    expect(await drawer.getByLabel('Key', { exact: true }).textContent()).toBe('RSA 4096');
  });

  it('creates with a custom validity and a non-exportable key: Export offers only public formats, and the chain exports as PEM', async () => {
    const { page, backend } = await openUnlocked();
    await createCertificate(page, { label: 'Short lived', keyType: 'EC P-256', fields: { 'Validity (days)': '90' }, exportable: false });
    const drawer = await detailsOf(page, 'Short lived');
    const record = backend.graph.internal.certificates.list()[0]!;
    expect(record.exportable).toBe(false);
    const certificate = new X509Certificate(record.chainPem);
    // notBefore is backdated a minute; notAfter is 90 days after creation.
    expect(Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)).toBe(90 * 86_400_000 + 60_000);
    expect(await drawer.getByText('Private key not exportable').first().isVisible()).toBe(true);

    await drawer.getByRole('button', { name: 'Export' }).click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    for (const name of ['PKCS#12 with private key…', 'Encrypted private key (PKCS#8 PEM)…', 'Java keystore (JKS)…']) {
      expect(await menu.getByRole('menuitem', { name }).isDisabled(), name).toBe(true);
    }
    for (const name of ['Certificate (PEM)', 'Certificate chain (PEM)', 'Public key (JWK)']) {
      expect(await menu.getByRole('menuitem', { name }).isDisabled(), name).toBe(false);
    }
    await menu.getByRole('menuitem', { name: 'Certificate chain (PEM)' }).click();
    const path = join(tempFolder(), 'chain.pem');
    await saveTo(page, path);
    expect(readFileSync(path, 'utf8').trim()).toBe(record.chainPem.trim());

    // Selected for Export to Keystore, the entry keeps the button off and the tab says why.
    await drawer.getByRole('button', { name: 'Close details' }).click();
    await page.getByLabel('Select Short lived').check();
    expect(await page.getByRole('button', { name: 'Export to Keystore (1)' }).isDisabled()).toBe(true);
    expect(await page.getByRole('note', { name: 'Why Export to Keystore is off' }).textContent()).toBe(
      'Export to Keystore needs exportable private keys with certificates: Short lived (private key not exportable).',
    );
  });

  it('marks a certificate that expires within 30 days with a warning badge counting the days left', async () => {
    const { page } = await openUnlocked();
    await createCertificate(page, { label: 'Short', keyType: 'EC P-256', fields: { 'Validity (days)': '10' } });
    await (await detailsOf(page, 'Short')).getByRole('button', { name: 'Close details' }).click();
    const table = page.getByRole('table', { name: 'Certificates' });
    expect(await table.getByLabel('Short expires soon').textContent()).toBe('10 days left');
    expect(await table.getByLabel('Short has expired').count()).toBe(0);
  });

  it('shows details with fingerprints, x5t, x5t#S256 and the JWK thumbprint matching the certificate', async () => {
    const { page, backend } = await openUnlocked();
    await createCertificate(page, { label: 'Signing', keyType: 'EC P-256', fields: { Organization: 'Acme', 'Country Code': 'de' } });
    const drawer = await detailsOf(page, 'Signing');
    const record = backend.graph.internal.certificates.list()[0]!;
    const certificate = new X509Certificate(record.chainPem);
    await expect.poll(() => drawer.getByLabel('SHA-256 fingerprint', { exact: true }).textContent()).toBe(certificate.fingerprint256);
    expect(await drawer.getByLabel('SHA-1 fingerprint', { exact: true }).textContent()).toBe(certificate.fingerprint);
    expect(await drawer.getByLabel('x5t', { exact: true }).textContent()).toBe(record.x5t);
    expect(await drawer.getByLabel('x5t#S256', { exact: true }).textContent()).toBe(record['x5t#S256']);
    expect(await drawer.getByLabel('JWK thumbprint (kid)', { exact: true }).textContent()).toBe(record.jwkThumbprint);
    expect(await drawer.getByLabel('Subject', { exact: true }).textContent()).toBe('C=DE, O=Acme, CN=Signing');
    expect(await drawer.getByLabel('Key usages', { exact: true }).textContent()).toBe('Digital Signature');
    expect(await drawer.getByLabel('Certificate (PEM)', { exact: true }).textContent()).toContain('-----BEGIN CERTIFICATE-----');
    expect(await drawer.getByLabel('Public key (JWK)', { exact: true }).textContent()).toContain(`"kid": "${record.jwkThumbprint}"`);
    expect(await drawer.getByRole('button', { name: 'Copy SHA-256 fingerprint' }).isVisible()).toBe(true);
    expect(await drawer.getByRole('button', { name: 'Copy Certificate (PEM)' }).isVisible()).toBe(true);
  });

  it('shows form errors for bad input and a duplicate unique name, keeping what was typed', async () => {
    const { page } = await openUnlocked();
    await createCertificate(page, { label: 'First', keyType: 'EC P-256' });
    await (await detailsOf(page, 'First')).getByRole('button', { name: 'Close details' }).click();
    const dialog = await createCertificate(page, { label: 'first', keyType: 'EC P-256', fields: { 'Country Code': 'Germany' } });
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Country Code: two letters');
    await dialog.getByLabel('Country Code').fill('DE');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('A certificate named First already exists');
    expect(await dialog.getByLabel('Label', { exact: true }).inputValue()).toBe('first');
    await dialog.getByLabel('Unique Name').fill('Second');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await detailsOf(page, 'first');
  });

  it('words validation messages by the form’s field labels, not argument paths', async () => {
    const { page } = await openUnlocked();
    const dialog = await createCertificate(page, { label: 'Named', keyType: 'EC P-256', fields: { 'Unique Name': '9_lives' } });
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('Unique Name: Use letters, digits and single underscores; start with a letter and do not end with an underscore.');
    await dialog.getByLabel('Unique Name').fill('Named');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const drawer = await detailsOf(page, 'Named');
    await drawer.getByLabel('Label', { exact: true }).fill(' ');
    await drawer.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => drawer.getByText('Enter a label.', { exact: true }).count()).toBe(1);
    expect(await drawer.textContent()).not.toContain('label: Enter a label.');
  });

  it('renames, and refuses to delete an entry a named credential uses, naming it', async () => {
    const { page, backend } = await openUnlocked();
    await createCertificate(page, { label: 'Used', keyType: 'EC P-256' });
    const drawer = await detailsOf(page, 'Used');
    await drawer.getByLabel('Label', { exact: true }).fill('Used key');
    await drawer.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => backend.graph.internal.certificates.list()[0]?.label).toBe('Used key');
    const id = backend.graph.internal.certificates.list()[0]!.id;
    const stop = backend.graph.internal.certificates.registerUsage((entry) => (entry === id ? ['Partner_API'] : []));
    await drawer.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Used key?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(() => confirm.getByRole('alert').textContent())
      .toBe('Used key is used by Partner_API. Change it to use another certificate first.');
    expect(backend.graph.internal.certificates.list()).toHaveLength(1);
    stop();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => backend.graph.internal.certificates.list().length).toBe(0);
    await expect.poll(() => page.getByRole('table', { name: 'Certificates' }).textContent()).toContain('No certificates yet');
  });
});
