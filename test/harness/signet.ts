// Opens Signet in headless Chromium through the Chromium host, on a fresh data folder.
import type { Browser, Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { launchBrowserHost, type BrowserHost } from '../../electron/host/browser-host';
import { useSharedBrowser } from './browser';
import { TEST_KDF_COST } from './kdf';
import { tempFolder } from './temp';

export const TEST_PASSPHRASE = 'correct horse battery staple';

export interface OpenSignet extends BrowserHost {
  dataFolder: string;
}

/** Launches the app and waits until the bridge answered (`data-app-state="ready"`). */
export async function openSignet(options: { dataFolder?: string; browser?: Browser } = {}): Promise<OpenSignet> {
  const dataFolder = options.dataFolder ?? tempFolder();
  const host = await launchBrowserHost({ dataFolder, kdfCost: TEST_KDF_COST, browser: options.browser });
  await host.page.locator('[data-app-state="ready"]').waitFor();
  return Object.assign(host, { dataFolder });
}

/** First-run flow: sets the master passphrase and waits for the tabs. */
export async function setUpPassphrase(page: Page, passphrase = TEST_PASSPHRASE) {
  await page.getByLabel('Master passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect.poll(() => page.getByRole('tab', { name: 'Certificates' }).isVisible()).toBe(true);
}

export interface SignetWindows {
  /** At first run, or on the vault already in `dataFolder`. */
  open(options?: { dataFolder?: string }): Promise<OpenSignet>;
  /** With the vault set up and unlocked: where most feature tests start. */
  openUnlocked(): Promise<OpenSignet>;
}

/** Call at the top of a renderer test file: one Chromium for the file; every window a test opens is closed after it. */
export function useSignetWindows(): SignetWindows {
  const browser = useSharedBrowser();
  const opened: OpenSignet[] = [];
  afterEach(async () => {
    for (const signet of opened.splice(0)) await signet.close();
  });
  async function open(options: { dataFolder?: string } = {}) {
    const signet = await openSignet({ ...options, browser: browser() });
    opened.push(signet);
    return signet;
  }
  async function openUnlocked() {
    const signet = await open();
    await setUpPassphrase(signet.page);
    return signet;
  }
  return { open, openUnlocked };
}
