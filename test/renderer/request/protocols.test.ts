// callout: through the protocols the other Request tests leave to unit tests — OAuth 2.0 Client
// Credentials (client_secret_basic) and Password Authentication — in Chromium against a real token
// endpoint and API on 127.0.0.1:0: what reaches the server, and what the Auth trace shows (the token
// request with the client secret redacted, then the cached token) and never shows (a secret).
import { URLSearchParams } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unwrapResult } from '../../harness/rpc';
import { startServer } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';
import { eventually, openRequestTab } from './helpers';

const windows = useSignetWindows();

const request = (page: Page) => page.getByRole('tabpanel', { name: 'Request' });
const trace = (page: Page) => request(page).getByLabel('Auth trace');

async function sendAndOpenTrace(page: Page, url: string) {
  await page.getByRole('combobox', { name: 'URL' }).fill(url);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
  await request(page).getByRole('tab', { name: 'Auth', exact: true }).last().click();
}

describe('callout: with each protocol — Client Credentials and Password', () => {
  it('exchanges the client secret once, shows the token request redacted, then the cached token; Basic for a password', async () => {
    const clientSecret = 'cc-secret-value-77';
    const password = 'pa55-word-88';
    const server = await startServer((req, res) => {
      if (req.url === '/oauth/token') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'cc-access-token-1', token_type: 'Bearer', expires_in: 3600 }));
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const app = await openRequestTab(windows);
    const { page } = app;
    unwrapResult(
      await app.backend.dispatch('credentials.create', [
        {
          profile: {
            label: 'Billing API',
            name: 'Billing_API',
            url: `${server.url}/billing`,
            protocol: 'client-credentials',
            identityType: 'anonymous',
            clientId: 'signet-client',
            clientAuth: 'client_secret_basic',
            tokenEndpointUrl: `${server.url}/oauth/token`,
          },
          secrets: { clientSecret },
        },
      ]),
    );
    unwrapResult(
      await app.backend.dispatch('credentials.create', [
        {
          profile: { label: 'Legacy API', name: 'Legacy_API', url: `${server.url}/legacy`, protocol: 'password', username: 'alice' },
          secrets: { password },
        },
      ]),
    );

    await sendAndOpenTrace(page, 'callout:Billing_API/invoices?open=1');
    const [tokenRequest, apiRequest] = server.requests;
    expect(tokenRequest).toMatchObject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: `Basic ${Buffer.from(`signet-client:${clientSecret}`).toString('base64')}` },
    });
    expect(new URLSearchParams(tokenRequest!.body).get('grant_type')).toBe('client_credentials');
    expect(apiRequest).toMatchObject({ url: '/billing/invoices?open=1', headers: { authorization: 'Bearer cc-access-token-1' } });
    await expect
      .poll(() => trace(page).textContent())
      .toContain('Named credential Billing API (Billing_API), OAuth 2.0 Client Credentials');
    expect(await trace(page).textContent()).toContain(`POST ${server.url}/oauth/token`);
    expect(await trace(page).getByLabel('Token request parameters').textContent()).toContain('"grant_type": "client_credentials"');
    // How the client authenticated, without the secret.
    expect(await trace(page).getByLabel('Token request headers').textContent()).toContain('"authorization": "Basic [redacted]"');
    const base64Secret = Buffer.from(`signet-client:${clientSecret}`).toString('base64');
    for (const secret of [clientSecret, base64Secret]) expect(await page.content()).not.toContain(secret);

    // The second send takes the token from the cache: no second token request.
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => server.requests.length, eventually).toBe(3);
    expect(server.requests[2]).toMatchObject({ url: '/billing/invoices?open=1', headers: { authorization: 'Bearer cc-access-token-1' } });
    await request(page).getByRole('tab', { name: 'Auth', exact: true }).last().click();
    await expect.poll(() => trace(page).textContent()).toContain('Bearer access token taken from the cache (used 2 times');
    expect(await trace(page).getByLabel('Token request parameters').count()).toBe(0);

    await sendAndOpenTrace(page, 'callout:Legacy_API/status');
    expect(server.requests[3]).toMatchObject({
      url: '/legacy/status',
      headers: { authorization: `Basic ${Buffer.from(`alice:${password}`).toString('base64')}` },
    });
    await expect.poll(() => trace(page).textContent()).toContain('Named credential Legacy API (Legacy_API), Password Authentication');
    expect(await trace(page).textContent()).toContain('Basic: Password Authentication as alice');
    expect(await page.content()).not.toContain(password);
  });
});

describe('Auth: a named credential picked for an absolute URL', () => {
  it('applies the chosen profile’s auth to the typed URL, not the profile’s URL; a profile made while the tab shows is offered at once', async () => {
    const api = await startServer((_req, res) => res.writeHead(200).end('direct'));
    const profileHost = await startServer((_req, res) => res.writeHead(200).end('profile'));
    const app = await openRequestTab(windows);
    const { page } = app;
    // Created while the Request tab shows (as a Postman import does): no tab switch to refresh the list.
    unwrapResult(
      await app.backend.dispatch('credentials.create', [
        {
          profile: { label: 'Legacy API', name: 'Legacy_API', url: profileHost.url, protocol: 'password', username: 'bob' },
          secrets: { password: 'hunter-22' },
        },
      ]),
    );
    await page.getByRole('combobox', { name: 'URL' }).fill(`${api.url}/direct`);
    await request(page).getByRole('tab', { name: 'Auth', exact: true }).first().click();
    await page.getByRole('combobox', { name: 'Auth type' }).click();
    await page.getByRole('option', { name: 'Named credential', exact: true }).click();
    await page.getByRole('combobox', { name: 'Named credential' }).click();
    const option = page.getByRole('option', { name: 'Legacy_API — Password Authentication' });
    await expect.poll(() => option.count()).toBe(1);
    // Clicking the entry already chosen keeps it chosen.
    await option.click();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
    expect(api.requests[0]).toMatchObject({
      url: '/direct',
      headers: { authorization: `Basic ${Buffer.from('bob:hunter-22').toString('base64')}` },
    });
    expect(profileHost.requests).toHaveLength(0);
  });
});
