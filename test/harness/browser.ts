// One headless Chromium per test file; each test gets its own context and data folder.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchHeadlessChromium } from '../../electron/host/browser-host';

/** Call at the top of a renderer test file; `browser()` is valid inside tests. */
export function useSharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchHeadlessChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('useSharedBrowser: the browser is not running (call it at file level)');
    return browser;
  };
}
