// Export (Signet JSON, Salesforce SFDX zip) and import with a conflict choice, through the Named Credentials tab.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { NamedCredentialView } from '../../../shared/contract/credentials';
import { unwrapResult } from '../../harness/rpc';
import { useSignetWindows } from '../../harness/signet';
import { expectListed, openCredentialsTab } from './helpers';

const { openUnlocked } = useSignetWindows();

async function exportVia(page: Page, item: string, path: string) {
  await page.getByRole('button', { name: 'Import / Export' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  const dialog = page.getByRole('dialog', { name: /Export/ });
  await dialog.getByRole('textbox', { name: 'File path' }).fill(path);
  await dialog.getByRole('button', { name: 'Save' }).click();
  // The dialog closes once main has written the file.
  await expect.poll(() => dialog.isVisible()).toBe(false);
  expect(existsSync(path)).toBe(true);
}

async function exportToSalesforce(page: Page, model: string, layout: string, path: string) {
  await page.getByRole('button', { name: 'Import / Export' }).click();
  await page.getByRole('menuitem', { name: 'Export to Salesforce…' }).click();
  const choice = page.getByRole('dialog', { name: 'Export to Salesforce' });
  await choice.getByRole('radio', { name: new RegExp(`^${model.replace(/[+()]/g, '\\$&')}`) }).check();
  await choice.getByRole('radio', { name: layout }).check();
  await choice.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save the Salesforce project' });
  await dialog.getByRole('textbox', { name: 'File path' }).fill(path);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  expect(existsSync(path)).toBe(true);
}

async function importVia(page: Page, path: string, choice: string) {
  await page.locator('input[type=file][aria-label="Import file"]').setInputFiles(path);
  const dialog = page.getByRole('dialog', { name: 'Import named credentials' });
  await dialog.getByRole('radio', { name: choice }).check();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect.poll(() => dialog.getByRole('status').isVisible()).toBe(true);
  const summary = (await dialog.getByRole('status').textContent())!;
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click(); // the footer button; the header X is named Close too
  return summary;
}

describe('import and export', () => {
  it('exports selected profiles to JSON and Salesforce metadata, and imports them back with rename and skip', async () => {
    const app = await openUnlocked();
    const { page } = app;
    await openCredentialsTab(page);
    unwrapResult(
      await app.backend.dispatch('credentials.create', [
        {
          profile: { label: 'Orders', name: 'Orders', url: 'https://orders.example', protocol: 'password', username: 'svc' },
          secrets: { password: 'never-exported' },
        },
      ]),
    );
    unwrapResult(
      await app.backend.dispatch('credentials.create', [
        { profile: { label: 'Billing', name: 'Billing', url: 'https://billing.example' } },
      ]),
    );
    await expectListed(page, 'Billing');

    await page.getByRole('checkbox', { name: 'Select Orders' }).check();
    const jsonPath = join(app.dataFolder, 'orders.json');
    await exportVia(page, 'Export selected (JSON)', jsonPath);
    const json = readFileSync(jsonPath, 'utf8');
    expect(JSON.parse(json).credentials.map((entry: { name: string }) => entry.name)).toEqual(['Orders']);
    expect(json).not.toContain('never-exported');

    const zipPath = join(app.dataFolder, 'sf.zip');
    await exportToSalesforce(page, 'Legacy Named Credential', 'Zip file', zipPath);
    const files = unzipSync(readFileSync(zipPath));
    const xml = strFromU8(files['force-app/main/default/namedCredentials/Orders.namedCredential-meta.xml']!);
    expect(xml).toContain('<protocol>Password</protocol>');
    expect(xml).toContain('<username>svc</username>');

    // The same project as a folder, new model.
    const folder = join(app.dataFolder, 'sf-project');
    await exportToSalesforce(page, 'Named Credential + External Credential', 'Folder', folder);
    expect(readFileSync(join(folder, 'force-app/main/default/externalCredentials/Orders.externalCredential-meta.xml'), 'utf8')).toContain(
      '<authenticationProtocol>Basic</authenticationProtocol>',
    );
    expect(existsSync(join(folder, 'sfdx-project.json'))).toBe(true);

    const renamed = await importVia(page, jsonPath, 'Import under a new name');
    expect(renamed).toContain('Renamed: Orders → Orders_2');
    expect(renamed).toContain('Orders: enter the Password (secrets are never exported).');
    const skipped = await importVia(page, zipPath, 'Skip it (keep mine)');
    expect(skipped).toContain('Skipped: Orders');
    await expectListed(page, 'Orders_2');
    const names = unwrapResult<NamedCredentialView[]>(await app.backend.dispatch('credentials.list', [])).map((profile) => profile.name);
    expect(names).toEqual(['Orders', 'Billing', 'Orders_2']);
  });

  it('after a legacy export, lists what Salesforce cannot honour until closed', async () => {
    const app = await openUnlocked();
    const { page } = app;
    await openCredentialsTab(page);
    const certificate = unwrapResult<{ id: string }>(
      await app.backend.dispatch('certificates.createSelfSigned', [{ label: 'Ec', name: 'Ec', keyAlgorithm: 'EC-P256', validityDays: 30 }]),
    );
    unwrapResult(
      await app.backend.dispatch('credentials.create', [
        {
          profile: {
            label: 'Orders API',
            name: 'Orders_API',
            url: 'https://orders.example',
            protocol: 'jwt',
            jwt: { algorithm: 'ES256', signingCertificateId: certificate.id, audiences: ['https://orders.example'] },
          },
        },
      ]),
    );
    await expectListed(page, 'Orders API');
    await page.getByRole('checkbox', { name: 'Select Orders API' }).check();
    await exportToSalesforce(page, 'Legacy Named Credential', 'Zip file', join(app.dataFolder, 'legacy.zip'));
    const outcome = page.getByRole('dialog', { name: 'Exported to Salesforce — check these' });
    await expect
      .poll(() => outcome.getByRole('alert').textContent())
      .toContain("Orders API: Salesforce's legacy JWT signs RS256 only; this profile uses ES256");
    await outcome.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect.poll(() => outcome.isVisible()).toBe(false);
  });

  it('says why a file cannot be imported and imports nothing', async () => {
    const app = await openUnlocked();
    const { page } = app;
    await openCredentialsTab(page);
    const bad = join(app.dataFolder, 'Bad.namedCredential-meta.xml');
    writeFileSync(bad, '<NamedCredential><label>x</NamedCredential>');
    await page.locator('input[type=file][aria-label="Import file"]').setInputFiles(bad);
    const dialog = page.getByRole('dialog', { name: 'Import named credentials' });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/Bad\.namedCredential-meta\.xml is not well-formed XML/);
    expect(unwrapResult<NamedCredentialView[]>(await app.backend.dispatch('credentials.list', []))).toEqual([]);
  });
});
