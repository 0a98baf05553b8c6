// The request's Settings panel in Chromium, against real servers on 127.0.0.1:0: an extra trusted CA
// picked from the Certificates tab's store, redirects off, and a custom proxy (a CONNECT proxy).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unwrapResult } from '../../harness/rpc';
import { startServer, startTunnelProxy } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';
import { eventually, openRequestTab } from './helpers';

const windows = useSignetWindows();

const settingsTab = (page: Page) => page.getByRole('tab', { name: 'Settings' }).click();

async function sendFor(page: Page, status: string) {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe(status);
}

describe('Request settings', () => {
  it('trusts an extra CA chosen from the certificate store for this request', async () => {
    const app = await openRequestTab(windows);
    const { page, backend } = app;
    const record = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [
        { label: 'Local server', name: 'Local_Server', keyAlgorithm: 'EC-P256', subjectAltNames: [{ type: 'ip', value: '127.0.0.1' }] },
      ]),
    );
    const key = backend.graph.internal.certificates.privateKey(record.id).export({ type: 'pkcs8', format: 'pem' }).toString();
    const server = await startServer((_req, res) => res.end('trusted hello'), { tls: { key, cert: record.chainPem! } });
    await page.getByRole('combobox', { name: 'URL' }).fill(server.url);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), eventually).toContain('self-signed certificate');

    await settingsTab(page);
    await page.getByRole('combobox', { name: 'Extra trusted CA' }).click();
    await page.getByRole('option', { name: /^Local server \(Local_Server/ }).click();
    expect(await page.getByRole('switch', { name: 'Verify TLS certificates' }).isChecked()).toBe(true);
    await sendFor(page, '200 OK');
    await expect.poll(() => page.getByRole('textbox', { name: 'Response body' }).textContent()).toContain('trusted hello');
  });

  it('returns the redirect itself with Follow redirects off, and goes through a custom proxy', async () => {
    const server = await startServer((req, res) =>
      req.url === '/old' ? res.writeHead(302, { location: '/new' }).end() : res.writeHead(200).end(`at ${req.url}`),
    );
    const proxy = await startTunnelProxy();
    const { page } = await openRequestTab(windows);
    await page.getByRole('combobox', { name: 'URL' }).fill(`${server.url}/old`);
    await settingsTab(page);
    await page.getByRole('switch', { name: 'Follow redirects' }).click();
    expect(await page.getByRole('textbox', { name: 'Max redirects' }).isDisabled()).toBe(true);
    await sendFor(page, '302 Found');
    expect(server.requests.map((seen) => seen.url)).toEqual(['/old']);

    await page.getByRole('switch', { name: 'Follow redirects' }).click();
    await page.getByRole('combobox', { name: 'Proxy' }).click();
    await page.getByRole('option', { name: 'Custom' }).click();
    await page.getByRole('textbox', { name: 'Proxy URL' }).fill(proxy.url);
    await sendFor(page, '200 OK');
    expect(server.requests.map((seen) => seen.url)).toEqual(['/old', '/old', '/new']);
    // Each hop through a tunnel to the server (undici may open one per hop).
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([`127.0.0.1:${server.port}`]));
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = page.getByRole('table', { name: 'Timeline' });
    expect(await timeline.textContent()).toContain(`redirect → ${server.url}/new`);
    expect(await timeline.textContent()).toContain('via proxy');
  });
});
