// Takes the README screenshot from the Chromium host: `npx tsx scripts/screenshot.ts [out.png] [tab] [theme]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowserHost } from '../electron/host/browser-host';

const [out = 'docs/screenshot.png', tab = 'Certificates', theme = 'Light'] = process.argv.slice(2);
const dataFolder = mkdtempSync(join(tmpdir(), 'signet-shot-'));
const host = await launchBrowserHost({ dataFolder, kdfCost: { N: 2 ** 12, r: 8, p: 1 }, viewport: { width: 1280, height: 760 } });
try {
  const { page } = host;
  await page.locator('[data-app-state="ready"]').waitFor();
  await page.getByLabel('Master passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByLabel('Confirm passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('radiogroup', { name: 'Theme' }).getByText(theme).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  console.log(`Saved ${out}`);
} finally {
  await host.close();
  rmSync(dataFolder, { recursive: true, force: true });
}
