// Environments (plain and secret variables) and Postman import in the Request tab, in Chromium
// through the Chromium host, against real servers on 127.0.0.1:0.
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Collections } from '../../../shared/contract/collections';
import type { NamedCredentialView } from '../../../shared/contract/credentials';
import type { Environments } from '../../../shared/contract/environments';
import { startServer } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';
import { bridge, eventually, openRequestTab } from './helpers';

const windows = useSignetWindows();

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Everything the page shows or holds in a form field. */
const pageText = (page: Page) =>
  page.evaluate(
    `document.body.innerText + '\\n' + [...document.querySelectorAll('input, textarea')].map((field) => field.value).join('\\n')`,
  ) as Promise<string>;

/** Lines of an ARIA snapshot that are controls without an accessible name. */
const unnamedControls = (snapshot: string) =>
  snapshot.split('\n').filter((line) => /^\s*- (button|textbox|checkbox|combobox|radio|switch|link)\b(?! ")/.test(line));

describe('Environments', () => {
  it('resolves a plain and a secret variable when sending, and never shows or stores the secret in clear', async () => {
    const secret = 'Sekr3t-api-key-7f3c9d';
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    const { page, dataFolder } = await openRequestTab(windows);

    await page.getByRole('combobox', { name: 'URL' }).fill('{{host}}/items');
    await expect.poll(() => page.getByRole('status', { name: 'Unresolved variables' }).textContent(), eventually).toContain('{{host}}');

    await page.getByRole('button', { name: 'Manage environments' }).click();
    const dialog = page.getByRole('dialog', { name: 'Environments' });
    await dialog.getByRole('button', { name: 'New environment' }).click();
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Environment name' }).inputValue(), eventually).toBe('New environment');
    await dialog.getByRole('textbox', { name: 'Environment name' }).fill('Staging');
    await dialog.getByRole('button', { name: 'Add variable' }).click();
    await dialog.getByRole('textbox', { name: 'Variable 1 name' }).fill('host');
    await dialog.getByRole('textbox', { name: 'Variable 1 value' }).fill(server.url);
    await dialog.getByRole('button', { name: 'Add variable' }).click();
    await dialog.getByRole('textbox', { name: 'Variable 2 name' }).fill('apiKey');
    await dialog.getByRole('checkbox', { name: 'Variable 2 secret' }).check();
    await dialog.getByLabel('Variable 2 new secret value').fill(secret);
    expect(unnamedControls(await dialog.ariaSnapshot())).toEqual([]);
    await dialog.getByRole('button', { name: 'Save environment' }).click();

    await expect.poll(() => dialog.getByRole('status', { name: 'Variable 2 secret value' }).textContent(), eventually).toContain('Set');
    expect(await pageText(page)).not.toContain(secret);
    await dialog.getByRole('button', { name: 'Make active' }).click();
    await expect.poll(() => dialog.getByRole('status', { name: 'Active state' }).textContent(), eventually).toContain('Active:');
    expect(
      await dialog.getByRole('navigation', { name: 'Environment list' }).getByRole('button', { name: 'Staging (active)' }).count(),
    ).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), eventually).toBe(0);

    expect(await page.getByRole('combobox', { name: 'Environment', exact: true }).inputValue()).toBe('Staging');
    await expect.poll(() => page.getByRole('status', { name: 'Unresolved variables' }).count(), eventually).toBe(0);
    await page
      .getByRole('tab', { name: /^Headers/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Api-Key');
    await page.getByRole('textbox', { name: 'Header 1 value' }).fill('{{apiKey}}');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/items', headers: { 'x-api-key': secret } });

    // Back in the panel: the secret is "set", its value nowhere — not in the page, not over the bridge.
    await page.getByRole('button', { name: 'Manage environments' }).click();
    await expect.poll(() => dialog.getByRole('status', { name: 'Variable 2 secret value' }).textContent(), eventually).toContain('Set');
    expect(await dialog.getByRole('textbox', { name: 'Variable 1 value' }).inputValue()).toBe(server.url);
    expect(await dialog.innerText()).not.toContain(secret);
    const listed = await bridge<Environments>(page, 'environments.list');
    expect(listed.environments[0]!.variables).toEqual([
      { name: 'host', value: server.url, enabled: true, secret: false, hasValue: true },
      { name: 'apiKey', value: '', enabled: true, secret: true, hasValue: true },
    ]);
    expect(JSON.stringify(listed)).not.toContain(secret);

    // On disk: the environment is there, the secret only sealed (not as text, not as base64).
    const files = filesUnder(dataFolder).map((path) => ({ path, text: readFileSync(path).toString('latin1') }));
    expect(files.some((file) => file.text.includes('"apiKey"') && file.text.includes(server.url))).toBe(true);
    for (const file of files) {
      expect(file.text, file.path).not.toContain(secret);
      expect(file.text, file.path).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });

  it('replaces a secret value without showing the old one, renames and deletes an environment', async () => {
    const server = await startServer((_req, res) => res.writeHead(204).end());
    const { page } = await openRequestTab(windows);
    await page.getByRole('button', { name: 'Manage environments' }).click();
    const dialog = page.getByRole('dialog', { name: 'Environments' });
    await dialog.getByRole('button', { name: 'New environment' }).click();
    await dialog.getByRole('button', { name: 'Add variable' }).click();
    await dialog.getByRole('textbox', { name: 'Variable 1 name' }).fill('token');
    await dialog.getByRole('checkbox', { name: 'Variable 1 secret' }).check();
    await dialog.getByLabel('Variable 1 new secret value').fill('first-value');
    await dialog.getByRole('button', { name: 'Save environment' }).click();
    await dialog.getByRole('button', { name: 'Replace variable 1 value' }).click();
    expect(await dialog.getByLabel('Variable 1 new secret value').inputValue()).toBe('');
    await dialog.getByLabel('Variable 1 new secret value').fill('second-value');
    await dialog.getByRole('textbox', { name: 'Environment name' }).fill('Production');
    await dialog.getByRole('button', { name: 'Save environment' }).click();
    await expect.poll(() => dialog.getByRole('button', { name: 'Production' }).count(), eventually).toBe(1);
    expect(await pageText(page)).not.toMatch(/first-value|second-value/);
    await dialog.getByRole('button', { name: 'Make active' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), eventually).toBe(0);
    await page.getByRole('combobox', { name: 'URL' }).fill(`${server.url}/replaced`);
    await page
      .getByRole('tab', { name: /^Headers/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Token');
    await page.getByRole('textbox', { name: 'Header 1 value' }).fill('{{token}}');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('204 No Content');
    expect(server.requests[0]!.headers['x-token']).toBe('second-value');
    await page.getByRole('button', { name: 'Manage environments' }).click();

    // A bad variable name is named and blocks Save.
    await dialog.getByRole('button', { name: 'Add variable' }).click();
    await dialog.getByRole('textbox', { name: 'Variable 2 name' }).fill('2 bad');
    await expect.poll(() => dialog.getByText('Use letters, digits, _ . - and start with a letter or _.').count(), eventually).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Save environment' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Remove variable 2' }).click();

    await dialog.getByRole('button', { name: 'Delete environment' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => dialog.getByRole('button', { name: 'Production' }).count(), eventually).toBe(0);
    expect((await bridge<Environments>(page, 'environments.list')).environments).toEqual([]);
  });
});

const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

function shopCollection(baseUrl: string) {
  const jwt = (params: Record<string, string>) => ({ type: 'jwt', jwt: Object.entries(params).map(([key, value]) => ({ key, value })) });
  return {
    info: { name: 'Shop', schema: POSTMAN_SCHEMA },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    variable: [
      { key: 'baseUrl', value: baseUrl },
      { key: 'jwtSecret', value: 'postman-hmac-secret', type: 'secret' },
      { key: 'legacyHost', value: 'old.example.test', disabled: true },
    ],
    item: [
      {
        name: 'Orders',
        item: [
          { name: 'List orders', request: { method: 'GET', url: { raw: '{{baseUrl}}/orders?status=open' } } },
          { name: 'Archive', item: [{ name: 'Old orders', request: { method: 'GET', url: '{{baseUrl}}/orders/archived' } }] },
        ],
      },
      {
        name: 'Signed call',
        auth: jwt({ algorithm: 'HS256', secret: '{{jwtSecret}}', payload: '{"iss":"shop-client","sub":"alice","aud":"shop-api"}' }),
        request: {
          method: 'POST',
          url: '{{baseUrl}}/signed',
          body: { mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } },
        },
      },
      {
        name: 'Certificate call',
        auth: jwt({ algorithm: 'RS256', privateKey: '-----BEGIN PRIVATE KEY-----…', payload: '{"iss":"shop-rsa"}' }),
        request: { method: 'GET', url: '{{baseUrl}}/rsa' },
      },
    ],
  };
}

describe('Postman import', () => {
  it('imports folders, requests, variables and JWT Bearer auth from a file, and says what is left to complete', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('signed ok'));
    const { page } = await openRequestTab(windows);
    await page.getByRole('button', { name: 'Import Postman' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import Postman collection' });
    await dialog.getByLabel('Choose collection file').setInputFiles({
      name: 'shop.postman_collection.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(shopCollection(server.url))),
    });
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Collection JSON' }).inputValue(), eventually).toContain('"Shop"');
    await dialog.getByRole('button', { name: 'Import collection' }).click();

    const summary = dialog.getByRole('region', { name: 'Import summary' });
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toContain('folder “Shop” with 2 subfolders and 4 requests');
    expect(text).toContain('Environment “Shop” with 3 variables');
    expect(text).toContain('Named credentials created: Shop_JWT.');
    expect(text).toContain('Named credential Shop_JWT_2 needs completing');
    expect(text).toContain('choose the JWT Signing Certificate');
    expect(text).toContain('Postman held a private key');

    // The sidebar shows what was imported without leaving the tab.
    const sidebar = page.getByRole('complementary', { name: 'Collections and history' });
    await expect
      .poll(
        () => sidebar.getByRole('group', { name: 'Folder Archive' }).getByRole('button', { name: 'Open Old orders' }).count(),
        eventually,
      )
      .toBe(1);

    const collections = await bridge<Collections>(page, 'collections.list');
    const folderName = (id: string | null) => collections.folders.find((folder) => folder.id === id)?.name ?? null;
    expect(collections.folders.map((folder) => [folder.name, folderName(folder.parentId)])).toEqual([
      ['Shop', null],
      ['Orders', 'Shop'],
      ['Archive', 'Orders'],
    ]);
    expect(collections.requests.map((saved) => [saved.name, folderName(saved.folderId), saved.request.url, saved.request.auth])).toEqual([
      ['List orders', 'Orders', '{{baseUrl}}/orders?status=open', { type: 'bearer', token: '{{token}}' }],
      ['Old orders', 'Archive', '{{baseUrl}}/orders/archived', { type: 'bearer', token: '{{token}}' }],
      ['Signed call', 'Shop', '{{baseUrl}}/signed', { type: 'credential', name: 'Shop_JWT' }],
      ['Certificate call', 'Shop', '{{baseUrl}}/rsa', { type: 'credential', name: 'Shop_JWT_2' }],
    ]);
    const environments = await bridge<Environments>(page, 'environments.list');
    expect(environments.environments.map((environment) => [environment.name, environment.variables])).toEqual([
      [
        'Shop',
        [
          { name: 'baseUrl', value: server.url, enabled: true, secret: false, hasValue: true },
          { name: 'jwtSecret', value: '', enabled: true, secret: true, hasValue: true },
          { name: 'legacyHost', value: 'old.example.test', enabled: false, secret: false, hasValue: true },
        ],
      ],
    ]);
    const credentials = await bridge<NamedCredentialView[]>(page, 'credentials.list');
    expect(
      credentials.map((profile) => [profile.name, profile.url, profile.protocol, profile.jwt.algorithm, profile.secrets.hmacSecret]),
    ).toEqual([['Shop_JWT', server.url, 'jwt', 'HS256', true]]);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const shop = page.getByRole('complementary', { name: 'Collections and history' }).getByRole('group', { name: 'Folder Shop' });
    await expect.poll(() => shop.getByRole('button', { name: 'Open Signed call' }).isVisible(), eventually).toBe(true);
    await page.getByRole('button', { name: 'Import Postman' }).click();
    await dialog.getByRole('textbox', { name: 'Collection JSON' }).fill(JSON.stringify(shopCollection(server.url)));
    await dialog.getByRole('button', { name: 'Import collection' }).click();
    // A second import of the same collection: new names, nothing overwritten.
    await expect.poll(() => summary.textContent(), eventually).toContain('Environment “Shop 2” with 3 variables');
    expect(unnamedControls(await dialog.ariaSnapshot())).toEqual([]);
    expect(await summary.textContent()).toContain('Named credentials created: Shop_JWT_2.');
    expect(await summary.textContent()).toContain('Named credential Shop_JWT_2_2 needs completing');

    // The one that needs a certificate opens as an unsaved draft in Named Credentials.
    await summary.getByRole('button', { name: 'Complete Shop_JWT_2_2 in Named Credentials' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Named Credentials' }).getAttribute('aria-selected'), eventually).toBe('true');
    const editor = page.getByRole('form', { name: 'Named credential editor' });
    await expect.poll(() => editor.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), eventually).toBe('Shop_JWT_2_2');
    expect(await editor.getByRole('textbox', { name: 'URL', exact: true }).inputValue()).toBe(server.url);

    // The created credential signs with the collection's secret ({{jwtSecret}} was filled in).
    await page.getByRole('tab', { name: 'Request', exact: true }).click();
    await page.getByRole('combobox', { name: 'URL' }).fill('callout:Shop_JWT/signed');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
    const [header, payload, signature] = String(server.requests[0]!.headers.authorization)
      .replace(/^Bearer /, '')
      .split('.');
    expect(createHmac('sha256', 'postman-hmac-secret').update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ iss: 'shop-client', sub: 'alice', aud: 'shop-api' });
  });

  it('says why pasted text is not a Postman v2.1 collection, keeps the text, and creates nothing', async () => {
    const { page } = await openRequestTab(windows);
    await page.getByRole('button', { name: 'Import Postman' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import Postman collection' });
    const field = dialog.getByRole('textbox', { name: 'Collection JSON' });
    const cases = [
      ['{"info": {"name": "Half', 'This is not a JSON file'],
      ['{"openapi": "3.0.0", "paths": {}}', 'This is not a Postman collection'],
      ['{"id": "1", "name": "Old", "order": [], "requests": []}', 'This is not a Postman collection'],
    ];
    for (const [text, message] of cases) {
      await field.fill(text!);
      await dialog.getByRole('button', { name: 'Import collection' }).click();
      await expect.poll(() => dialog.getByRole('alert').textContent(), eventually).toContain(message);
      expect(await field.inputValue()).toBe(text);
    }
    expect(await bridge<Collections>(page, 'collections.list')).toEqual({ folders: [], requests: [] });
    expect((await bridge<Environments>(page, 'environments.list')).environments).toEqual([]);
  });
});

describe('Unknown callout: credential', () => {
  it('offers to create an unknown callout: credential, opening it as a new profile with that name', async () => {
    const { page } = await openRequestTab(windows);
    await page.getByRole('combobox', { name: 'URL' }).fill('callout:Billing_API/invoices');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: 'Create named credential Billing_API' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Named Credentials' }).getAttribute('aria-selected'), eventually).toBe('true');
    const editor = page.getByRole('form', { name: 'Named credential editor' });
    await expect.poll(() => editor.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), eventually).toBe('Billing_API');
    expect(await editor.getByRole('textbox', { name: 'Label', exact: true }).inputValue()).toBe('Billing_API');
  });
});
