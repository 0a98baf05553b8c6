// Bad input in the editor and on import: a key that does not fit the algorithm, a certificate without a key, an expired one, broken Custom Claims, an unknown Salesforce protocol.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../shared/contract/certificates';
import type { NamedCredentialView } from '../../../shared/contract/credentials';
import { unwrapResult } from '../../harness/rpc';
import { localhostCertificate } from '../../harness/servers';
import { useSignetWindows, type OpenSignet } from '../../harness/signet';
import { choose, editor, expectListed, newProfile, openCredentialsTab, save, storeLegacyJwtProfile } from './helpers';

const { openUnlocked } = useSignetWindows();

async function createCertificate(app: OpenSignet, label: string, keyAlgorithm: string) {
  return unwrapResult<CertificateRecord>(
    await app.backend.dispatch('certificates.createSelfSigned', [{ label, name: label.replace(/\W/g, '_'), keyAlgorithm }]),
  );
}

/** Imports PEM text as the Certificates tab would, under `label`. */
async function importPem(app: OpenSignet, pem: string, label: string) {
  const files = [{ name: `${label}.pem`, base64: Buffer.from(pem).toString('base64') }];
  const analysis = unwrapResult<{ candidates: { ref: string }[] }>(await app.backend.dispatch('certificates.analyzeImport', [{ files }]));
  const [record] = unwrapResult<CertificateRecord[]>(
    await app.backend.dispatch('certificates.importEntries', [
      { files, entries: [{ ref: analysis.candidates[0]!.ref, label, name: label.replace(/\W/g, '_') }] },
    ]),
  );
  return record!;
}

/** A stored profile as `storeLegacyJwtProfile` leaves it, opened in the editor. */
async function storedJwtProfile(app: OpenSignet, signWith: CertificateRecord, certificateId: string, algorithm: string) {
  await storeLegacyJwtProfile(app, signWith, certificateId, algorithm);
  await openCredentialsTab(app.page);
  await expectListed(app.page, 'Legacy API');
  await app.page.getByRole('button', { name: 'Open Legacy API' }).click();
}

async function optionsOf(page: Page, label: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  const listbox = page.getByRole('listbox');
  await expect.poll(() => listbox.isVisible()).toBe(true);
  const options = await listbox.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  return options;
}

/** Preview Token on the open profile; the dialog's alert text. */
async function previewAlert(page: Page) {
  await editor(page).getByRole('button', { name: 'Preview Token' }).click();
  const alert = page.getByRole('dialog', { name: 'Preview Token' }).getByRole('alert');
  await expect.poll(() => alert.isVisible()).toBe(true);
  const text = (await alert.textContent())!;
  await page.keyboard.press('Escape');
  return text;
}

describe('Named Credentials: bad input, said where it is', () => {
  it('offers only the algorithms the key fits, switches away from one that does not, and refuses a stored mismatch', async () => {
    const app = await openUnlocked();
    const { page } = app;
    const rsa = await createCertificate(app, 'RSA key', 'RSA-2048');
    await openCredentialsTab(page);
    await newProfile(page, 'Orders API');
    await choose(page, 'Authentication Protocol', 'JWT');
    // No certificate yet: every algorithm is offered; the user picks ES256.
    await choose(page, 'Signing Algorithm', 'ES256');
    await choose(page, 'JWT Signing Certificate', /RSA key/);
    expect(await editor(page).getByRole('combobox', { name: 'Signing Algorithm', exact: true }).inputValue()).toBe('RS256');
    const offered = await optionsOf(page, 'Signing Algorithm');
    expect(offered).toEqual(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'HS256', 'HS384', 'HS512']);
    await save(page);
    await expectListed(page, 'Orders API');

    // ES256 on an RSA key, as a file from elsewhere can have it: named on the field, Save and Preview refuse.
    const other = await createCertificate(app, 'EC key', 'EC-P256');
    await storedJwtProfile(app, other, rsa.id, 'ES256');
    const message = "ES256 does not fit RSA key's RSA-2048 key. Choose RS256, RS384, RS512, PS256, PS384, PS512.";
    const algorithm = editor(page).getByRole('combobox', { name: 'Signing Algorithm', exact: true });
    await expect.poll(() => algorithm.getAttribute('aria-invalid')).toBe('true');
    expect(await editor(page).getByText(message, { exact: true }).first().isVisible()).toBe(true);
    await editor(page).getByRole('textbox', { name: 'Issuer', exact: true }).fill('orders-client');
    await save(page);
    const refusal = editor(page).getByRole('alert').filter({ hasText: 'before saving' });
    await expect.poll(() => refusal.textContent()).toBe(`Fix this before saving${message}`);
    expect(await editor(page).getByRole('textbox', { name: 'Issuer', exact: true }).inputValue()).toBe('orders-client');
    expect(await previewAlert(page)).toContain(`Legacy API: ${message}`);
  });

  it('a certificate without a private key is not offered for signing, and a profile that uses one says it cannot sign', async () => {
    const app = await openUnlocked();
    const { page } = app;
    const partner = await importPem(app, (await localhostCertificate({ commonName: 'Partner' })).cert, 'Partner cert');
    expect(partner).toMatchObject({ hasPrivateKey: false, hasCertificate: true });
    const own = await createCertificate(app, 'Own key', 'EC-P256');
    await storedJwtProfile(app, own, partner.id, 'ES256');
    const message = 'Partner cert has no private key (certificate only), so it cannot sign. Choose a certificate with a key.';
    await expect.poll(() => editor(page).getByText(message, { exact: true }).first().isVisible()).toBe(true);
    expect(await previewAlert(page)).toContain(`Legacy API: ${message}`);

    await newProfile(page, 'Partner API');
    await choose(page, 'Authentication Protocol', 'JWT');
    expect(await optionsOf(page, 'JWT Signing Certificate')).toEqual(['Own key (Own_key, EC-P256)']);
  });

  it('warns that the signing certificate has expired, and still saves', async () => {
    const app = await openUnlocked();
    const { page } = app;
    const old = await localhostCertificate({ now: new Date(Date.now() - 400 * 86_400_000), validityDays: 30, commonName: 'Old' });
    const record = await importPem(app, old.key + old.cert, 'Old key');
    await openCredentialsTab(page);
    await newProfile(page, 'Old API');
    await choose(page, 'Authentication Protocol', 'JWT');
    await choose(page, 'JWT Signing Certificate', /Old key/);
    const warning = `Old key expired on ${record.notAfter.slice(0, 10)}. Peers that check the certificate will refuse it.`;
    await expect.poll(() => editor(page).getByLabel('Warnings').textContent()).toBe(warning);
    await save(page);
    await expectListed(page, 'Old API');
    await expect.poll(() => editor(page).getByLabel('Warnings').textContent()).toBe(warning);
  });

  it('refuses Custom Claims that are not a JSON object, and keeps what was typed', async () => {
    const app = await openUnlocked();
    const { page } = app;
    await createCertificate(app, 'Key', 'EC-P256');
    await openCredentialsTab(page);
    await newProfile(page, 'Claims API');
    await choose(page, 'Authentication Protocol', 'JWT');
    await choose(page, 'JWT Signing Certificate', /Key/);
    const claims = editor(page).getByRole('textbox', { name: 'Custom Claims' });
    const typed = '{"tenant": "acme",}';
    await claims.fill(typed);
    await save(page);
    const refusal = editor(page).getByRole('alert').filter({ hasText: 'before saving' });
    await expect
      .poll(() => refusal.textContent())
      .toMatch(/^Fix this before savingCustom Claims is not valid JSON \(.+\)\. Fix it, or clear the field\.$/);
    const fieldError = editor(page)
      .getByRole('alert')
      .filter({ hasText: /^Custom Claims is not valid JSON/ });
    expect(await fieldError.isVisible()).toBe(true);
    expect(await claims.textContent()).toBe(typed);
    expect(await editor(page).getByRole('textbox', { name: 'Label', exact: true }).inputValue()).toBe('Claims API');

    await claims.fill('["acme"]');
    await expect
      .poll(() => editor(page).getByRole('alert').filter({ hasText: 'before saving' }).textContent())
      .toBe('Fix this before savingCustom Claims must be a JSON object, like {"scope": "read"}.');
    expect(unwrapResult<NamedCredentialView[]>(await app.backend.dispatch('credentials.list', []))).toEqual([]);
  });

  it('Import from Salesforce: an unknown protocol is named, and nothing is imported', async () => {
    const app = await openUnlocked();
    const { page } = app;
    await openCredentialsTab(page);
    const file = join(app.dataFolder, 'Orders.namedCredential-meta.xml');
    writeFileSync(
      file,
      '<?xml version="1.0" encoding="UTF-8"?><NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>Orders</label><endpoint>https://orders.example</endpoint><principalType>NamedUser</principalType><protocol>Oauth</protocol></NamedCredential>',
    );
    await page.locator('input[type=file][aria-label="Import file"]').setInputFiles(file);
    const dialog = page.getByRole('dialog', { name: 'Import named credentials' });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe(
        'Orders.namedCredential-meta.xml uses Authentication Protocol Oauth, which Signet does not model (it handles NoAuthentication, Password, Jwt and JwtExchange). Nothing was imported.',
      );
    expect(unwrapResult<NamedCredentialView[]>(await app.backend.dispatch('credentials.list', []))).toEqual([]);
  });
});
