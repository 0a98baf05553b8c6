// Response bodies over 2 MiB in the Request tab: formatted in main as a stream, shown from the first
// page on, the whole body in the viewer at the end; invalid JSON falls back to the body as received.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';
import { choose } from './helpers';

const { openUnlocked } = useSignetWindows();
/** Waits on a 3 MB body formatted in main: longer than the Request tests' usual `eventually`. */
const eventually = { timeout: 30_000 };

const body = (page: Page) => page.getByRole('textbox', { name: 'Response body' });
const status = (page: Page) => page.getByRole('status', { name: 'Body progress' });

/** About 3 MB of compact JSON, ending with a marker to find at the end of the viewer. */
const records = Array.from({ length: 30_000 }, (_, i) => ({ id: i, name: `Record ${i}`, tags: ['a', 'b'], nested: { ok: true } }));
const large = JSON.stringify({ records, end: 'last-marker' });

const mb = (text: string) => `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB`;

async function sendFor(page: Page, url: string) {
  await page.getByRole('tab', { name: 'Request', exact: true }).click();
  await page.getByRole('combobox', { name: 'URL' }).fill(url);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
}

describe('Large response bodies', () => {
  it('shows a 3 MB JSON body formatted, all of it in the viewer, and raw', async () => {
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(large));
    const { page } = await openUnlocked();
    await sendFor(page, server.url);
    expect(await page.getByLabel('Size').textContent()).toBe(mb(large));
    await expect.poll(() => body(page).textContent(), eventually).toContain('"records": [');
    await expect.poll(() => status(page).getAttribute('data-complete'), eventually).toBe('true');
    const formatted = JSON.stringify(JSON.parse(large), null, 2);
    expect(Number(await status(page).getAttribute('data-chars'))).toBe(formatted.length);
    expect(await status(page).textContent()).toBe(`${formatted.split('\n').length.toLocaleString('en')} lines, ${mb(formatted)} formatted`);
    await body(page).click();
    await body(page).press('Control+End');
    await expect.poll(() => body(page).textContent()).toContain('"end": "last-marker"');

    await choose(page, 'Raw');
    await expect.poll(() => body(page).textContent(), eventually).toContain('{"records":[{"id":0,"name":"Record 0"');
    await expect.poll(() => status(page).getAttribute('data-complete'), eventually).toBe('true');
    expect(Number(await status(page).getAttribute('data-chars'))).toBe(large.length);
  });

  it('holds a body over 50 MB behind a size notice until "Show anyway", then shows it from the first page', async () => {
    const line = `${'z'.repeat(1023)}\n`;
    const total = 52 * 1024 * 1024;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(total + 10) });
      res.write('first-page');
      const chunk = line.repeat(1024); // 1 MiB
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const { page } = await openUnlocked();
    await sendFor(page, server.url);
    const notice = page.getByRole('alert').filter({ hasText: 'Large body: 52.0 MB' });
    await expect.poll(() => notice.count(), eventually).toBe(1);
    expect(await body(page).count()).toBe(0);
    await notice.getByRole('button', { name: 'Show anyway' }).click();
    await expect.poll(() => body(page).textContent(), eventually).toContain('first-page');
  });

  it('says a large body is not valid JSON and shows it as received', async () => {
    const broken = `${large.slice(0, -1)},]`;
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(broken));
    const { page } = await openUnlocked();
    await sendFor(page, server.url);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'not valid JSON' }).textContent(), eventually)
      .toContain(`The body is not valid JSON (Unexpected "]" at character ${broken.length - 1})`);
    await expect.poll(() => status(page).getAttribute('data-complete'), eventually).toBe('true');
    expect(Number(await status(page).getAttribute('data-chars'))).toBe(broken.length);
    expect(await body(page).textContent()).toContain('{"records":[{"id":0');
  });
});
