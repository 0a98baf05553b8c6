// The Request tab's sidebar — Collections and History — in Chromium through the Chromium host,
// against real servers on 127.0.0.1:0 and real files in the test's data folder.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';
import { openRequestTab } from './helpers';

const windows = useSignetWindows();

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Collections and history' });
const strip = (page: Page) => page.getByRole('tablist', { name: 'Open requests' });
const activeTabLabel = (page: Page) => strip(page).getByRole('tab', { selected: true }).getAttribute('aria-label');
const readDataFile = (folder: string, name: string) => (existsSync(join(folder, name)) ? readFileSync(join(folder, name), 'utf8') : '');
/** A Signet data file's content (`{ schemaVersion, data }` on disk). */
const readData = (folder: string, name: string): unknown => (JSON.parse(readDataFile(folder, name) || '{}') as { data?: unknown }).data;

/** Opens a row's menu in the Collections tree and picks an action. */
async function rowAction(page: Page, item: string, action: string) {
  await sidebar(page)
    .getByRole('button', { name: `Actions for ${item}`, exact: true })
    .click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
}

describe('Request tab — collections', () => {
  it('saves with Ctrl+S into a new folder, updates in place, renames, moves, deletes and reopens from the sidebar', async () => {
    const { page, dataFolder } = await openRequestTab(windows);
    await page.getByRole('button', { name: 'Hide sidebar' }).click();
    await expect.poll(() => sidebar(page).count()).toBe(0);
    await page.getByRole('button', { name: 'Show sidebar' }).click();
    await sidebar(page).waitFor();
    await page.getByRole('combobox', { name: 'Method' }).fill('PUT');
    await page.getByRole('combobox', { name: 'URL' }).fill('https://api.example.test/v1/accounts/7');
    await page.getByRole('tab', { name: /^Headers/ }).click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name', { exact: true }).fill('X-Tenant');
    await page.getByLabel('Header 1 value', { exact: true }).fill('acme');
    await expect.poll(() => activeTabLabel(page)).toBe('PUT Untitled (unsaved)');

    await page.getByRole('combobox', { name: 'URL' }).press('Control+s');
    const saveDialog = page.getByRole('dialog', { name: 'Save request' });
    await saveDialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Update account');
    await saveDialog.getByRole('textbox', { name: 'New folder' }).fill('Accounts');
    await saveDialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => activeTabLabel(page)).toBe('PUT Update account');
    const accounts = sidebar(page).getByRole('group', { name: 'Folder Accounts' });
    await expect.poll(() => accounts.getByRole('button', { name: 'Open Update account' }).isVisible()).toBe(true);

    // A saved request saves in place: no dialog, same entry, marker cleared.
    await page.getByRole('combobox', { name: 'URL' }).fill('https://api.example.test/v1/accounts/7?v=2');
    await expect.poll(() => activeTabLabel(page)).toBe('PUT Update account (unsaved)');
    await page.getByRole('button', { name: 'Save request' }).click();
    await expect.poll(() => activeTabLabel(page)).toBe('PUT Update account');
    expect(await saveDialog.count()).toBe(0);
    const file = readData(dataFolder, 'collections.json') as { requests: { name: string; request: { url: string } }[] };
    expect(file.requests.map((saved) => [saved.name, saved.request.url])).toEqual([
      ['Update account', 'https://api.example.test/v1/accounts/7?v=2'],
    ]);

    await rowAction(page, 'Update account', 'Rename');
    const renameDialog = page.getByRole('dialog', { name: 'Rename Update account' });
    await renameDialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Put account');
    await renameDialog.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect.poll(() => accounts.getByRole('button', { name: 'Open Put account' }).isVisible()).toBe(true);
    await expect.poll(() => activeTabLabel(page)).toBe('PUT Put account');

    await rowAction(page, 'Accounts', 'Rename');
    await page.getByRole('dialog', { name: 'Rename Accounts' }).getByRole('textbox', { name: 'Name', exact: true }).fill('Customers');
    await page.getByRole('dialog', { name: 'Rename Accounts' }).getByRole('button', { name: 'Rename', exact: true }).click();
    const customers = sidebar(page).getByRole('group', { name: 'Folder Customers' });
    await expect.poll(() => customers.getByRole('button', { name: 'Open Put account' }).isVisible()).toBe(true);

    await sidebar(page).getByRole('button', { name: 'New folder' }).click();
    await page.getByRole('dialog', { name: 'New folder' }).getByRole('textbox', { name: 'Name', exact: true }).fill('Archive');
    await page.getByRole('dialog', { name: 'New folder' }).getByRole('button', { name: 'Create' }).click();
    const archive = sidebar(page).getByRole('group', { name: 'Folder Archive' });
    await archive.waitFor();

    await rowAction(page, 'Put account', 'Move');
    const moveDialog = page.getByRole('dialog', { name: 'Move Put account' });
    await moveDialog.getByRole('combobox', { name: 'Move to' }).selectOption({ label: 'Archive' });
    await moveDialog.getByRole('button', { name: 'Move', exact: true }).click();
    await expect.poll(() => archive.getByRole('button', { name: 'Open Put account' }).isVisible()).toBe(true);
    expect(await customers.getByRole('button', { name: 'Open Put account' }).count()).toBe(0);

    // Reopen from the sidebar after closing: same method, URL and headers; a second click focuses it.
    await page.getByRole('button', { name: 'Close Put account' }).click();
    await expect.poll(() => activeTabLabel(page)).toBe('GET Untitled');
    await archive.getByRole('button', { name: 'Open Put account' }).click();
    await expect.poll(() => activeTabLabel(page)).toBe('PUT Put account');
    expect(await page.getByRole('combobox', { name: 'Method' }).inputValue()).toBe('PUT');
    expect(await page.getByRole('combobox', { name: 'URL' }).inputValue()).toBe('https://api.example.test/v1/accounts/7?v=2');
    await page.getByRole('tab', { name: /^Headers/ }).click();
    expect(await page.getByLabel('Header 1 name', { exact: true }).inputValue()).toBe('X-Tenant');
    expect(await page.getByLabel('Header 1 value', { exact: true }).inputValue()).toBe('acme');
    await strip(page).getByRole('tab', { name: 'Untitled' }).click();
    await archive.getByRole('button', { name: 'Open Put account' }).click();
    await expect.poll(() => activeTabLabel(page)).toBe('PUT Put account');
    expect(await strip(page).getByRole('tab').count()).toBe(2);

    // Deleting a folder says it takes what it holds, and does.
    await rowAction(page, 'Archive', 'Delete');
    const deleteDialog = page.getByRole('dialog', { name: 'Delete Archive?' });
    expect(await deleteDialog.textContent()).toContain('also deletes everything in it (1 request)');
    await deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => archive.count()).toBe(0);
    expect(await sidebar(page).getByRole('button', { name: 'Open Put account' }).count()).toBe(0);
    expect(readData(dataFolder, 'collections.json')).toMatchObject({ folders: [{ name: 'Customers' }], requests: [] });

    // The open tab's saved request is gone: it is unsaved, and saving again asks where to put it.
    await expect.poll(() => activeTabLabel(page)).toBe('PUT Put account (unsaved)');
    await page.getByRole('button', { name: 'Save request' }).click();
    await page.getByRole('dialog', { name: 'Save request' }).getByRole('combobox', { name: 'Folder' }).selectOption({ label: 'Customers' });
    await page.getByRole('dialog', { name: 'Save request' }).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => customers.getByRole('button', { name: 'Open Put account' }).isVisible()).toBe(true);
  });
});

describe('Request tab — history', () => {
  it('lists each send newest first, searches, reopens, clears, and keeps no token on disk', async () => {
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    const { page, dataFolder } = await openRequestTab(windows);
    const token = `${Buffer.from('{"alg":"ES256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"history-test"}').toString('base64url')}.c2lnbmF0dXJl`;
    const basic = Buffer.from('user:hunter2-history').toString('base64');

    await page.getByRole('combobox', { name: 'URL' }).fill(`${server.url}/orders/42`);
    await page.getByRole('tab', { name: 'Auth' }).click();
    await page.getByRole('combobox', { name: 'Auth type' }).click();
    await page.getByRole('option', { name: 'Bearer token' }).click();
    await page.getByRole('textbox', { name: 'Token' }).fill(token);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByLabel('Status').textContent()).toBe('200 OK');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${token}`);

    await sidebar(page).getByRole('tab', { name: 'History' }).click();
    const rows = sidebar(page).getByRole('list', { name: 'History entries' }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(1);
    const first = await rows.first().textContent();
    expect(first).toContain(`GET${server.url}/orders/42`);
    expect(first).toContain('200');
    expect(first).toMatch(/\d{1,2}:\d{2}:\d{2}/);

    await page.getByRole('button', { name: 'New request' }).click();
    await page.getByRole('combobox', { name: 'Method' }).fill('DELETE');
    await page.getByRole('combobox', { name: 'URL' }).fill(`${server.url}/customers?page=2`);
    await page.getByRole('tab', { name: /^Headers/ }).click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name', { exact: true }).fill('Authorization');
    await page.getByLabel('Header 1 value', { exact: true }).fill(`Basic ${basic}`);
    await page.getByRole('combobox', { name: 'URL' }).press('Control+Enter');
    await expect.poll(() => rows.count()).toBe(2);
    expect(server.requests[1]!.headers.authorization).toBe(`Basic ${basic}`);
    const redactedNotice = page.getByRole('status', { name: 'Redacted values' });
    expect(await redactedNotice.count()).toBe(0);
    expect(await rows.first().textContent()).toContain(`DELETE${server.url}/customers?page=2`);

    await sidebar(page).getByRole('textbox', { name: 'Search history' }).fill('orders');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('/orders/42');

    await sidebar(page)
      .getByRole('button', { name: `Reopen GET ${server.url}/orders/42` })
      .click();
    await expect.poll(() => strip(page).getByRole('tab').count()).toBe(3);
    await expect.poll(() => page.getByRole('combobox', { name: 'URL' }).inputValue()).toBe(`${server.url}/orders/42`);
    expect(await page.getByRole('combobox', { name: 'Method' }).inputValue()).toBe('GET');
    // History kept no token: the reopened request says where, and what to enter again.
    await expect.poll(() => redactedNotice.textContent()).toContain('the bearer token (Auth) holds <redacted>');
    await page.getByRole('tab', { name: 'Auth' }).click();
    expect(await page.getByRole('textbox', { name: 'Token' }).inputValue()).toBe('<redacted>');
    await sidebar(page).getByRole('textbox', { name: 'Search history' }).fill('');
    await expect.poll(() => rows.count()).toBe(2);

    // The history file: written after the sends, with the token and the Authorization value redacted.
    await expect.poll(() => readDataFile(dataFolder, 'history.json'), { timeout: 10_000 }).toContain('/customers?page=2');
    const onDisk = readDataFile(dataFolder, 'history.json');
    expect(onDisk).toContain('/orders/42');
    expect(onDisk).not.toContain(token);
    expect(onDisk).not.toContain(token.split('.')[1]!);
    expect(onDisk).not.toContain(basic);
    expect(onDisk).toContain('<redacted>');

    await sidebar(page)
      .getByRole('button', { name: `Remove GET ${server.url}/orders/42 from history` })
      .click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('/customers?page=2');

    await sidebar(page).getByRole('button', { name: 'Clear history' }).click();
    await page.getByRole('dialog', { name: 'Clear history?' }).getByRole('button', { name: 'Clear', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(0);
    expect(await sidebar(page).textContent()).toContain('Sent requests appear here.');
    await expect
      .poll(() => (readData(dataFolder, 'history.json') as { entries?: unknown[] } | undefined)?.entries, { timeout: 10_000 })
      .toEqual([]);
  });
});

describe('Request tab — shortcuts and dialogs', () => {
  it('leaves Ctrl+Enter and Ctrl+S to an open dialog, and acts on the request once it closes', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page } = await openRequestTab(windows);
    await page.getByRole('combobox', { name: 'URL' }).fill(server.url);
    await page.getByRole('button', { name: 'Manage environments' }).click();
    const environments = page.getByRole('dialog', { name: 'Environments' });
    await environments.waitFor();
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Control+s');
    await page.keyboard.press('Escape');
    await expect.poll(() => environments.count()).toBe(0);
    expect(await page.getByRole('dialog', { name: 'Save request' }).count()).toBe(0);
    expect(server.requests).toHaveLength(0);

    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByLabel('Status').textContent()).toBe('200 OK');
    expect(server.requests).toHaveLength(1);
    await page.keyboard.press('Control+s');
    await page.getByRole('dialog', { name: 'Save request' }).waitFor();
  });
});
