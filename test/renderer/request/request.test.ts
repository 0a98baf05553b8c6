// The Request tab in Chromium through the Chromium host, against real servers on 127.0.0.1:0.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unwrapResult } from '../../harness/rpc';
import { localhostCertificate, startServer } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';
import { choose, eventually, openRequestTab } from './helpers';

const windows = useSignetWindows();

const summary = (page: Page) => page.getByLabel('Response summary');

describe('Request tab', () => {
  it('sends a GET with Ctrl+Enter and shows status, time, size, pretty body, headers and timeline', async () => {
    const server = await startServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'x-served-by': 'test' }).end('{"hello":"world","n":[1,2]}'),
    );
    const { page } = await openRequestTab(windows);
    await page.getByRole('combobox', { name: 'URL' }).fill(`${server.url}/things?limit=5`);
    await page.getByRole('tab', { name: /^Params/ }).click();
    expect(await page.getByRole('textbox', { name: 'Param 1 name' }).inputValue()).toBe('limit');
    await page.getByRole('textbox', { name: 'Param 1 value' }).fill('10');
    expect(await page.getByRole('combobox', { name: 'URL' }).inputValue()).toBe(`${server.url}/things?limit=10`);
    await page.getByRole('combobox', { name: 'URL' }).press('Control+Enter');
    await expect.poll(() => page.getByLabel('Status').textContent()).toBe('200 OK');
    expect(server.requests[0]!.url).toBe('/things?limit=10');
    expect(await summary(page).getByLabel('Size').textContent()).toBe('27 B');
    await expect.poll(() => page.getByRole('textbox', { name: 'Response body' }).textContent()).toContain('"hello": "world"');
    await choose(page, 'Raw');
    await expect.poll(() => page.getByRole('textbox', { name: 'Response body' }).textContent()).toContain('{"hello":"world","n":[1,2]}');
    await page.getByRole('tab', { name: /^Headers \(/ }).click();
    expect(await page.getByRole('table', { name: 'Response headers' }).textContent()).toContain('x-served-bytest');
    await page.getByRole('tab', { name: 'Timeline' }).click();
    expect(await page.getByRole('table', { name: 'Timeline' }).textContent()).toContain(`GET ${server.url}/things?limit=10`);
  });

  it('sends a JSON body and shows the pasted JWT in the Auth trace, with Open in Inspector', async () => {
    const server = await startServer((_req, res) => res.writeHead(201).end());
    const { page } = await openRequestTab(windows);
    const token = `${Buffer.from('{"alg":"ES256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"renderer-test"}').toString('base64url')}.c2ln`;
    await page.getByRole('combobox', { name: 'Method' }).fill('POST');
    await page.getByRole('combobox', { name: 'URL' }).fill(server.url);
    await page.getByRole('tab', { name: /^Body/ }).click();
    await choose(page, 'JSON');
    await page.getByRole('textbox', { name: 'Request body' }).fill('{"a": 1}');
    await page.getByRole('tab', { name: 'Auth' }).click();
    await page.getByRole('combobox', { name: 'Auth type' }).click();
    await page.getByRole('option', { name: 'Bearer token' }).click();
    await page.getByRole('textbox', { name: 'Token' }).fill(token);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByLabel('Status').textContent()).toBe('201 Created');
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      body: '{"a": 1}',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    await page.getByRole('tab', { name: 'Auth', exact: true }).last().click();
    await expect.poll(() => page.getByLabel('JWT claims').textContent()).toContain('"sub": "renderer-test"');
    await page.getByRole('button', { name: 'Open in Inspector' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Inspector' }).getAttribute('aria-selected')).toBe('true');
  });

  it('names a TLS failure and sends again with verification off for this request', async () => {
    const tls = await localhostCertificate();
    const server = await startServer((_req, res) => res.end('secure hello'), { tls: { key: tls.key, cert: tls.cert } });
    const { page } = await openRequestTab(windows);
    await page.getByRole('combobox', { name: 'URL' }).fill(server.url);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('self-signed certificate');
    await page.getByRole('button', { name: 'Turn off TLS verification for this request and send' }).click();
    await expect.poll(() => page.getByLabel('Status').textContent()).toBe('200 OK');
  });

  it('shows the elapsed time while waiting and cancels with Esc', async () => {
    const server = await startServer(() => new Promise(() => {}));
    const { page } = await openRequestTab(windows);
    await page.getByRole('combobox', { name: 'URL' }).fill(server.url);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByLabel('Elapsed time').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('cancelled');
  });

  it('opens, renames and closes inner request tabs, and marks unsaved changes', async () => {
    const { page } = await openRequestTab(windows);
    const strip = page.getByRole('tablist', { name: 'Open requests' });
    expect(await strip.getByRole('tab').count()).toBe(1);
    await page.getByRole('button', { name: 'New request' }).click();
    expect(await strip.getByRole('tab').count()).toBe(2);
    await page.getByRole('combobox', { name: 'URL' }).fill('https://example.com/x');
    await expect.poll(() => strip.getByRole('tab', { selected: true }).getAttribute('aria-label')).toBe('GET Untitled (unsaved)');
    await strip.getByRole('tab', { selected: true }).dblclick();
    await page.getByRole('textbox', { name: 'Request name' }).fill('Accounts');
    await page.getByRole('textbox', { name: 'Request name' }).press('Enter');
    await expect.poll(() => strip.getByRole('tab', { selected: true }).getAttribute('aria-label')).toBe('GET Accounts (unsaved)');
    await page.getByRole('button', { name: 'Close Accounts' }).click();
    expect(await strip.getByRole('tab').count()).toBe(1);
  });

  it('imports a pasted cURL command into a new request, sends it with the named credential, and exports it as cURL and Apex', async () => {
    const server = await startServer((_req, res) => res.writeHead(201).end());
    const app = await openRequestTab(windows);
    const { page } = app;
    unwrapResult(
      await app.backend.dispatch('credentials.create', [
        {
          profile: { label: 'Orders API', name: 'Orders_API', url: server.url, protocol: 'bearer' },
          secrets: { bearerToken: 'orders-token' },
        },
      ]),
    );
    await page.getByRole('button', { name: 'Import cURL' }).click();
    await page
      .getByRole('textbox', { name: 'cURL command' })
      .fill(`curl -X POST 'callout:Orders_API/v1/orders' -H 'Content-Type: application/json' --data-raw '{"a":1}'`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'URL' }).inputValue()).toBe('callout:Orders_API/v1/orders');
    expect(await page.getByRole('combobox', { name: 'Method' }).inputValue()).toBe('POST');
    await page.getByRole('button', { name: 'Export' }).click();
    await expect
      .poll(() => page.getByLabel('Exported code', { exact: true }).textContent())
      .toContain('curl -X POST callout:Orders_API/v1/orders');
    await choose(page, 'Apex');
    await expect
      .poll(() => page.getByLabel('Exported code', { exact: true }).textContent())
      .toContain("req.setEndpoint('callout:Orders_API/v1/orders');");
    expect(await page.getByLabel('Exported code', { exact: true }).textContent()).toContain(`req.setBody('{"a":1}');`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Export request' }).count()).toBe(0);
    // Imported without its own auth, the callout: request takes the named credential's Authorization.
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('201 Created');
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/v1/orders',
      body: '{"a":1}',
      headers: { authorization: 'Bearer orders-token' },
    });
    // Export after the send: exactly what went on the wire, the token only when asked for.
    await page.getByRole('button', { name: 'Export' }).click();
    await choose(page, 'cURL');
    const asSent = (token: string) =>
      [
        `curl -X POST ${server.url}/v1/orders`,
        "  -H 'Content-Type: application/json'",
        `  -H 'Authorization: Bearer ${token}'`,
        `  -H 'User-Agent: ${server.requests[0]!.headers['user-agent']}'`,
        "  -H 'Accept: */*'",
        '  --compressed',
        `  --data-raw '{"a":1}'`, // imported without -L, so redirects stay off
      ].join(' \\\n');
    const exported = page.getByLabel('Exported code', { exact: true });
    await expect.poll(() => exported.textContent()).toBe(asSent('$TOKEN'));
    await page.getByRole('checkbox', { name: 'Include the token as sent' }).check();
    await expect.poll(() => exported.textContent()).toBe(asSent('orders-token'));
    // Edited since the send: the export is the edited request, and the checkbox says why.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Export request' }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'URL' }).fill('callout:Orders_API/v1/orders?x=1');
    await page.getByRole('button', { name: 'Export' }).click();
    await expect
      .poll(() => exported.textContent())
      .toBe(
        [`curl -X POST 'callout:Orders_API/v1/orders?x=1'`, "  -H 'Content-Type: application/json'", `  --data-raw '{"a":1}'`].join(
          ' \\\n',
        ),
      );
    expect(await page.getByRole('checkbox', { name: /the request changed since it was sent/ }).isVisible()).toBe(true);
  });
});

describe('Request tab: cURL import notes', () => {
  it('shows what the command asked for that Signet did not apply, then opens the request', async () => {
    const { page } = await openRequestTab(windows);
    await page.getByRole('button', { name: 'Import cURL' }).click();
    await page.getByRole('textbox', { name: 'cURL command' }).fill('curl https://x.test --cert c.pem --key k.pem -k');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const notes = page.getByRole('dialog', { name: 'Import cURL' }).getByRole('alert', { name: 'Imported, with notes' });
    await expect
      .poll(() => notes.getByRole('listitem').allTextContents())
      .toEqual([
        'Client certificate c.pem: import it in Certificates and set it on a named credential (mutual TLS).',
        'Private key k.pem: import it with its certificate in Certificates.',
      ]);
    await page.getByRole('button', { name: 'Open request' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Import cURL' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'URL' }).inputValue()).toBe('https://x.test');
  });
});
