// Certificates tab steps in the Chromium host, by role and label as a person would do them.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function createCertificate(
  page: Page,
  options: { label: string; keyType?: string; mode?: 'Self-Signed' | 'CA-Signed'; fields?: Record<string, string>; exportable?: boolean },
) {
  const title = `Create ${options.mode ?? 'Self-Signed'} Certificate`;
  await page.getByRole('button', { name: title }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByLabel('Label', { exact: true }).fill(options.label);
  if (options.keyType) await dialog.getByLabel('Key Type and Size').selectOption({ label: options.keyType });
  for (const [label, value] of Object.entries(options.fields ?? {})) await dialog.getByLabel(label, { exact: true }).fill(value);
  if (options.exportable === false) await dialog.getByLabel('Exportable Private Key').uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  return dialog;
}

/** Waits for the details drawer of `label`. */
export async function detailsOf(page: Page, label: string) {
  const drawer = page.getByRole('dialog', { name: label });
  await drawer.waitFor();
  return drawer;
}

export async function rowNames(page: Page): Promise<string[]> {
  return page.locator('tr[data-certificate]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-certificate') ?? ''));
}

/** Saves through Signet's own save dialog (Chromium host) to `path`. */
export async function saveTo(page: Page, path: string) {
  const dialog = page.getByRole('dialog', { name: /^Export/ }).filter({ has: page.getByLabel('File path') });
  await dialog.getByLabel('File path').fill(path);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
}
