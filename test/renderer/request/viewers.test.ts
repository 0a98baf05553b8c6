// The method picker, the response preview (HTML sandboxed with scripts off, images) and Save body to
// file, in Chromium against real servers on 127.0.0.1:0; saved files are read back from disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';
import { tempFolder } from '../../harness/temp';
import { choose, eventually, openRequestTab } from './helpers';

const windows = useSignetWindows();

/** A real PNG (RGB, 8 bits), `width` × `height` of one colour. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), ...Array.from({ length: width }, () => Buffer.from(rgb))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function send(page: Page, url: string) {
  await page.getByRole('combobox', { name: 'URL' }).fill(url);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
}

/** Save body to file, through the Chromium host's path dialog, to `path`. */
async function saveBodyTo(page: Page, path: string) {
  await page.getByRole('button', { name: 'Save body to file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save response body' });
  await dialog.getByLabel('File path').fill(path);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
}

describe('Request tab — method picker', () => {
  it('lists every method while one is chosen, picks another from the list, and still takes a custom one', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page } = await openRequestTab(windows);
    const method = page.getByRole('combobox', { name: 'Method' });
    await method.click();
    await expect
      .poll(() => page.getByRole('option').allTextContents())
      .toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    await page.getByRole('option', { name: 'DELETE' }).click();
    expect(await method.inputValue()).toBe('DELETE');
    await send(page, `${server.url}/items/7`);
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', url: '/items/7' });

    // Typing still filters; a method not in the list is sent as typed.
    await method.fill('pa');
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual(['PATCH']);
    await method.fill('propfind');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => server.requests.length, eventually).toBe(2);
    expect(server.requests[1]!.method).toBe('PROPFIND');
  });
});

describe('Request tab — preview and Save body to file', () => {
  it('folds the pretty JSON body and searches it (Ctrl+F)', async () => {
    const json = JSON.stringify({ account: { id: 'acc-1', owner: { name: 'Ada' } }, after: 'visible-after-fold' });
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(json));
    const { page } = await openRequestTab(windows);
    await send(page, server.url);
    const body = page.getByRole('textbox', { name: 'Response body' });
    await expect.poll(() => body.textContent()).toContain('"name": "Ada"');
    const viewer = page.locator('.cm-editor').filter({ has: body });
    // Line 2 is `"account": {`: fold it, and its contents leave the view while what follows stays.
    await viewer.locator('.cm-foldGutter .cm-gutterElement').nth(2).locator('span').click();
    await expect.poll(() => body.textContent()).not.toContain('"name": "Ada"');
    expect(await body.textContent()).toContain('"after": "visible-after-fold"');
    await viewer.locator('.cm-foldPlaceholder').click();
    await expect.poll(() => body.textContent()).toContain('"name": "Ada"');

    await body.click();
    await page.keyboard.press('Control+f');
    const field = viewer.getByRole('textbox', { name: 'Find' });
    await expect.poll(() => field.count()).toBe(1);
    await field.fill('acc-1');
    await field.press('Enter');
    await expect.poll(() => viewer.locator('.cm-searchMatch').allTextContents()).toEqual(['acc-1']);
  });

  it('previews HTML in a sandboxed frame where scripts do not run', async () => {
    const html =
      '<!doctype html><html><body><h1>Preview heading</h1>' +
      "<script>document.body.setAttribute('data-ran', 'yes'); document.querySelector('h1').textContent = 'script ran';</script>" +
      '</body></html>';
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    const { page } = await openRequestTab(windows);
    await send(page, server.url);
    await choose(page, 'Preview');
    const frame = page.frameLocator('iframe[title="HTML preview"]');
    await expect.poll(() => frame.locator('h1').textContent(), eventually).toBe('Preview heading');
    expect(await frame.locator('body').getAttribute('data-ran')).toBeNull();
    // No allow-scripts, no allow-same-origin: an empty sandbox.
    expect(await page.locator('iframe[title="HTML preview"]').getAttribute('sandbox')).toBe('');
  });

  it('previews an image and saves it byte for byte; a body spilled to a temp file saves whole', async () => {
    const image = png(3, 2, [200, 30, 60]);
    const large = `${'x'.repeat(3 * 1024 * 1024)}-end`;
    const server = await startServer((req, res) =>
      req.url === '/large'
        ? res.writeHead(200, { 'content-type': 'text/plain' }).end(large)
        : res.writeHead(200, { 'content-type': 'image/png' }).end(image),
    );
    const folder = tempFolder();
    const { page } = await openRequestTab(windows);
    await send(page, `${server.url}/logo.png`);
    const img = page.getByRole('img', { name: 'Response image' });
    await expect.poll(() => img.evaluate((element: HTMLImageElement) => [element.naturalWidth, element.naturalHeight])).toEqual([3, 2]);
    await saveBodyTo(page, join(folder, 'logo.png'));
    expect(readFileSync(join(folder, 'logo.png')).equals(image)).toBe(true);

    await send(page, `${server.url}/large`);
    await expect.poll(() => page.getByLabel('Size').textContent(), eventually).toBe('3.0 MB');
    // The paged viewer of a spilled body takes keys too: Ctrl+F opens its search.
    await expect.poll(() => page.getByRole('status', { name: 'Body progress' }).getAttribute('data-complete'), eventually).toBe('true');
    await page.getByRole('textbox', { name: 'Response body' }).click();
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.getByRole('textbox', { name: 'Find' }).count()).toBe(1);
    await saveBodyTo(page, join(folder, 'large.txt'));
    const saved = readFileSync(join(folder, 'large.txt'), 'utf8');
    expect(saved.length).toBe(large.length);
    expect(saved === large).toBe(true);
  });
});
