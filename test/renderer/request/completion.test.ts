// Completion in the Request tab: named-credential names in the URL bar (callout:Name/), common
// header names in the Headers table. Chromium through the Chromium host.
import { describe, expect, it } from 'vitest';
import { unwrapResult } from '../../harness/rpc';
import { startServer } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';
import { eventually } from './helpers';

const { openUnlocked } = useSignetWindows();

describe('Request completion', () => {
  it('completes callout: with named-credential names, sends through the chosen one, and flags an unknown name', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page, backend } = await openUnlocked();
    for (const name of ['Orders_API', 'Billing_API']) {
      unwrapResult(
        await backend.dispatch('credentials.create', [
          { profile: { label: name.replace('_', ' '), name, url: `${server.url}/${name.toLowerCase()}`, protocol: 'none' }, secrets: {} },
        ]),
      );
    }
    await page.getByRole('tab', { name: 'Request', exact: true }).click();
    const url = page.getByRole('combobox', { name: 'URL' });
    await url.click();
    await expect
      .poll(() => page.getByRole('option').allTextContents(), eventually)
      .toEqual(['callout:Orders_API/', 'callout:Billing_API/']);
    await url.fill('callout:Or');
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual(['callout:Orders_API/']);
    await page.getByRole('option', { name: 'callout:Orders_API/' }).click();
    expect(await url.inputValue()).toBe('callout:Orders_API/');
    await url.press('End');
    await url.pressSequentially('v1/orders');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
    expect(server.requests[0]!.url).toBe('/orders_api/v1/orders');
    // The Auth tab names the profile and its protocol.
    await page.getByRole('tab', { name: /^Auth/ }).first().click();
    const note = page.getByRole('note');
    expect(await note.textContent()).toContain('the named credential Orders API (Orders_API), No Authentication:');

    await url.fill('callout:Shipping_API/x');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'no named credential' }).textContent())
      .toBe('There is no named credential called Shipping_API.');
    expect(await note.textContent()).toContain('Shipping_API (no such named credential yet — create it in Named Credentials)');
  });

  it('offers common header names for a header row', async () => {
    const { page } = await openUnlocked();
    await page.getByRole('tab', { name: 'Request', exact: true }).click();
    await page.getByRole('tab', { name: /^Headers/ }).click();
    await page.getByRole('button', { name: 'Add header' }).click();
    const name = page.getByRole('combobox', { name: 'Header 1 name' });
    // The browser's own suggestion list (a <datalist>) is drawn outside the page; its options are read here.
    const offered = await name.evaluate((input) => [...((input as HTMLInputElement).list?.options ?? [])].map((option) => option.value));
    expect(offered).toEqual(expect.arrayContaining(['Accept', 'Authorization', 'Content-Type', 'If-None-Match', 'Sforce-Call-Options']));
  });
});
