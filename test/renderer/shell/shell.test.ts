// The app shell in Chromium through the Chromium host: readiness, tabs, vault flows, theme, settings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/host/backend';
import { setUpPassphrase, TEST_PASSPHRASE, useSignetWindows } from '../../harness/signet';
import { tempFolder } from '../../harness/temp';

const { open } = useSignetWindows();

const TAB_NAMES = ['Certificates', 'Named Credentials', 'Request', 'Inspector', 'Receiver'];

describe('app shell', () => {
  it('loads to ready with the title, and the bridge is the frozen invoke/onEvent pair with no Node in sight', async () => {
    const { page } = await open();
    expect(await page.title()).toBe('Signet');
    // Issue 2: the marker sits on the root element itself, not on something inside it.
    expect(await page.locator('#root').getAttribute('data-app-state')).toBe('ready');
    const facts = await page.evaluate(`({
      keys: Object.keys(window.signet).sort(),
      frozen: Object.isFrozen(window.signet),
      process: typeof window.process,
      require: typeof window.require,
    })`);
    expect(facts).toEqual({ keys: ['invoke', 'onEvent'], frozen: true, process: 'undefined', require: 'undefined' });
    const unknown = await page.evaluate(`window.signet.invoke('vault.constructor', [])`);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('asks for a master passphrase on first run, checks the confirmation, then shows all five tabs', async () => {
    const { page } = await open();
    await expect.poll(() => page.getByRole('heading', { name: 'Set a master passphrase' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Vault not set up').isVisible()).toBe(true);
    expect(await page.getByRole('tab').count()).toBe(0);

    await page.getByLabel('Master passphrase', { exact: true }).fill('short');
    expect(await page.getByTestId('passphrase-strength').textContent()).toBe('Too short');
    await page.getByLabel('Master passphrase', { exact: true }).fill(TEST_PASSPHRASE);
    expect(await page.getByTestId('passphrase-strength').textContent()).toBe('Strong');
    await page.getByLabel('Confirm passphrase', { exact: true }).fill('something else');
    await page.getByRole('button', { name: 'Set passphrase' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');

    await setUpPassphrase(page);
    expect(await page.getByLabel('Vault unlocked').isVisible()).toBe(true);
    expect(await page.getByRole('tab').allTextContents()).toEqual(TAB_NAMES);
    for (const name of TAB_NAMES) {
      await page.getByRole('tab', { name }).click();
      expect(await page.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => page.getByRole('tabpanel').getByRole('heading', { name }).isVisible()).toBe(true);
    }
  });

  it('locks, refuses a wrong passphrase without changing anything, and unlocks with the right one', async () => {
    const { page } = await open();
    await setUpPassphrase(page);
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Unlock Signet' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Vault locked').isVisible()).toBe(true);
    expect(await page.getByRole('tab').count()).toBe(0);

    await page.getByLabel('Master passphrase').fill('not my passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That passphrase is not right');
    expect(await page.getByLabel('Vault locked').isVisible()).toBe(true);

    await page.getByLabel('Master passphrase').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Certificates' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Vault unlocked').isVisible()).toBe(true);
  });

  it('asks to unlock (not to set up) on a later run', async () => {
    const dataFolder = tempFolder();
    const first = await open({ dataFolder });
    await setUpPassphrase(first.page);
    await first.close();
    const { page } = await open({ dataFolder });
    await expect.poll(() => page.getByRole('heading', { name: 'Unlock Signet' }).isVisible()).toBe(true);
  });

  it('says the vault key was altered, not that the passphrase is wrong, when vault-key.json was tampered with', async () => {
    const dataFolder = tempFolder();
    const first = await open({ dataFolder });
    await setUpPassphrase(first.page);
    await first.close();
    const keyFile = join(dataFolder, 'vault-key.json');
    const file = JSON.parse(readFileSync(keyFile, 'utf8'));
    const [format, iv, ct, tag] = file.data.current.wrappedKey.split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0]! ^= 1;
    file.data.current.wrappedKey = [format, iv, flipped.toString('base64url'), tag].join('.');
    writeFileSync(keyFile, JSON.stringify(file));

    const { page } = await open({ dataFolder });
    await page.getByLabel('Master passphrase').fill('not my passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That passphrase is not right');
    await page.getByLabel('Master passphrase').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('failed its integrity check');
    expect(await page.getByRole('alert').textContent()).toContain('Restore the data folder from a backup');
    expect(await page.getByLabel('Vault locked').isVisible()).toBe(true);
  });

  it('explains, instead of asking for a passphrase, that a vault protected by the OS key store cannot be opened in this host', async () => {
    const dataFolder = tempFolder();
    // The desktop app set this folder up with the OS key store (a reversible stand-in here).
    const desktop = createBackend({
      dataFolder,
      logger: { error: () => {}, info: () => {} },
      osKeyStore: {
        availability: () => ({ usable: true }),
        encrypt: (data) => Buffer.from(data).reverse(),
        decrypt: (data) => Buffer.from(data).reverse(),
      },
      info: {
        name: 'Signet',
        version: 'test',
        host: 'electron',
        versions: { node: '' },
        nativeDialogs: true,
        defaultSaveFolder: dataFolder,
      },
    });
    desktop.graph.internal.vault.seal('a-secret', 'kept safe');
    await desktop.close();
    expect(JSON.parse(readFileSync(join(dataFolder, 'vault-key.json'), 'utf8')).data.current.protector).toBe('os-keychain');

    const { page } = await open({ dataFolder });
    const screen = page.getByRole('region', { name: 'Vault cannot be opened here' });
    await screen.getByRole('heading', { name: 'This vault cannot be opened here' }).waitFor();
    const text = await screen.textContent();
    expect(text).toContain('protected by the OS key store, not by a passphrase');
    expect(text).toContain('No OS key store is available here');
    expect(text).toContain('Open Signet in Electron');
    expect(text).toContain('SIGNET_HOME=/path/to/another/folder npm run start:browser');
    expect(await screen.getByLabel('Data folder').textContent()).toBe(dataFolder);
    expect(await page.getByLabel('Vault unavailable').isVisible()).toBe(true);
    expect(await page.getByLabel('Master passphrase').count()).toBe(0);
    expect(await page.getByRole('tab').count()).toBe(0);
  });

  it('switches to dark, remembers it in the settings file, and keeps it across a reload', async () => {
    const { page, dataFolder } = await open();
    const scheme = () => page.evaluate(`document.documentElement.getAttribute('data-mantine-color-scheme')`);
    expect(await scheme()).toBe('light'); // headless Chromium reports a light OS preference
    await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Dark').click();
    await expect.poll(scheme).toBe('dark');
    await expect.poll(() => JSON.parse(readFileSync(join(dataFolder, 'settings.json'), 'utf8')).data.theme).toBe('dark');
    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor();
    expect(await scheme()).toBe('dark');
    await page.getByRole('radiogroup', { name: 'Theme' }).getByText('System').click();
    await expect.poll(scheme).toBe('light');
  });

  it('follows the OS between light and dark while System is selected, also after a reload, until a fixed theme is chosen', async () => {
    const { page } = await open();
    const scheme = () => page.evaluate(`document.documentElement.getAttribute('data-mantine-color-scheme')`);
    const themes = page.getByRole('radiogroup', { name: 'Theme' });
    expect(await themes.getByRole('radio', { name: 'System' }).isChecked()).toBe(true);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(scheme).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(scheme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(scheme).toBe('light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.locator('#root[data-app-state="ready"]').waitFor();
    expect(await scheme()).toBe('dark');
    await themes.getByText('Light').click();
    await expect.poll(scheme).toBe('light');
    await page.reload(); // the OS still prefers dark
    await page.locator('#root[data-app-state="ready"]').waitFor();
    expect(await scheme()).toBe('light');
  });

  it('shows the data folder, protector and versions in Settings, and changes the passphrase', async () => {
    const { page, dataFolder } = await open();
    await setUpPassphrase(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Data folder', { exact: true }).textContent()).toBe(dataFolder);
    expect(await dialog.getByLabel('Key protector').textContent()).toContain('Master passphrase');
    expect(await dialog.getByLabel('Versions').textContent()).toContain(`Node ${process.versions.node}`);

    await dialog.getByLabel('Current passphrase').fill('wrong one');
    await dialog.getByLabel('New passphrase', { exact: true }).fill('a brand new passphrase');
    await dialog.getByLabel('Confirm new passphrase').fill('a brand new passphrase');
    await dialog.getByRole('button', { name: 'Change passphrase' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('current passphrase is not right');

    await dialog.getByLabel('Current passphrase').fill(TEST_PASSPHRASE);
    await dialog.getByRole('button', { name: 'Change passphrase' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Master passphrase').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'That passphrase is not right' }).count()).toBe(1);
    await page.getByLabel('Master passphrase').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByLabel('Vault unlocked').isVisible()).toBe(true);
  });

  it('tells the user when a data file was unreadable and moved aside', async () => {
    const dataFolder = tempFolder();
    writeFileSync(join(dataFolder, 'settings.json'), '{ not json');
    const { page } = await open({ dataFolder });
    const banner = page.getByRole('alert').filter({ hasText: 'A data file could not be read' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/settings\.json.*not valid JSON.*moved aside/s);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => banner.count()).toBe(0);
  });
});
