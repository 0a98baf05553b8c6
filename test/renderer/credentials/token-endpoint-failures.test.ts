// Preview Token against token endpoints that fail: closed port, self-signed TLS, no answer, 200 without access_token, not JSON.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../shared/contract/certificates';
import type { NamedCredentialView } from '../../../shared/contract/credentials';
import { CredentialEngine } from '../../../electron/services/credentials/credential-engine';
import { unwrapResult } from '../../harness/rpc';
import { closedPort, localhostCertificate, startServer } from '../../harness/servers';
import { useSignetWindows, type OpenSignet } from '../../harness/signet';
import { choose, editor, expectListed, openCredentialsTab } from './helpers';

const { openUnlocked } = useSignetWindows();

/** A saved JWT Token Exchange profile "Orders API", opened in the editor. */
async function openExchangeProfile(app: OpenSignet) {
  const signing = unwrapResult<CertificateRecord>(
    await app.backend.dispatch('certificates.createSelfSigned', [{ label: 'Signing key', name: 'Signing_key', keyAlgorithm: 'EC-P256' }]),
  );
  unwrapResult<NamedCredentialView>(
    await app.backend.dispatch('credentials.create', [
      {
        profile: {
          label: 'Orders API',
          name: 'Orders_API',
          url: 'https://orders.example',
          protocol: 'jwt-exchange',
          tokenEndpointUrl: 'https://auth.example/token',
          jwt: { algorithm: 'ES256', signingCertificateId: signing.id, issuer: 'signet', audiences: ['https://auth.example/token'] },
        },
      },
    ]),
  );
  await openCredentialsTab(app.page);
  await expectListed(app.page, 'Orders API');
  await app.page.getByRole('button', { name: 'Open Orders API' }).click();
}

/** Imports a PEM certificate (no key) as the Certificates tab would. */
async function importPem(app: OpenSignet, pem: string, label: string, name: string) {
  const files = [{ name: `${name}.crt`, base64: Buffer.from(pem).toString('base64') }];
  const analysis = unwrapResult<{ candidates: { ref: string }[] }>(await app.backend.dispatch('certificates.analyzeImport', [{ files }]));
  unwrapResult(
    await app.backend.dispatch('certificates.importEntries', [{ files, entries: [{ ref: analysis.candidates[0]!.ref, label, name }] }]),
  );
}

const tokenEndpointUrl = (page: Page) => editor(page).getByRole('textbox', { name: 'Token Endpoint URL', exact: true });

/** Types `url` as Token Endpoint URL (not saved), presses Preview Token, returns the dialog's alert text. */
async function previewAgainst(page: Page, url: string, title: string) {
  await tokenEndpointUrl(page).fill(url);
  await editor(page).getByRole('button', { name: 'Preview Token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Preview Token' });
  const alert = dialog.getByRole('alert');
  await expect.poll(() => alert.isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await alert.getByText(title, { exact: true }).isVisible()).toBe(true);
  return (await alert.textContent())!.slice(title.length);
}

/** After closing the preview, the form still holds the typed URL as an unsaved change. */
async function expectTypedUrlKept(page: Page, url: string) {
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('dialog', { name: 'Preview Token' }).isVisible()).toBe(false);
  expect(await tokenEndpointUrl(page).inputValue()).toBe(url);
  expect(await editor(page).getByText('Unsaved changes').isVisible()).toBe(true);
}

describe('Preview Token: token endpoint failures, said plainly', () => {
  it('a closed port: refused, check the port', async () => {
    const app = await openUnlocked();
    await openExchangeProfile(app);
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/token`;
    const message = await previewAgainst(app.page, url, 'Preview failed');
    expect(message).toBe(
      `Calling the token endpoint: 127.0.0.1:${port} refused the connection. Check the port and that the server is running.`,
    );
    await expectTypedUrlKept(app.page, url);
  });

  it('a self-signed HTTPS token endpoint: names the Token Endpoint CA Certificate, and choosing it works', async () => {
    const app = await openUnlocked();
    const { page } = app;
    const tls = await localhostCertificate({ commonName: 'Auth server' });
    const server = await startServer(
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: 'opaque-token-1', token_type: 'Bearer', expires_in: 300 }));
      },
      { tls: { cert: tls.cert, key: tls.key } },
    );
    await openExchangeProfile(app);
    const url = `${server.url}/token`;
    const message = await previewAgainst(page, url, 'Preview failed');
    expect(message).toBe(
      `Calling the token endpoint: TLS error with 127.0.0.1:${server.port}: the server uses a self-signed certificate. ` +
        'Import it (or the CA that issued it) in the Certificates tab and choose it as Token Endpoint CA Certificate.',
    );
    await expectTypedUrlKept(page, url);
    expect(server.requests).toHaveLength(0);

    // Doing what the message says makes the token request go through.
    await importPem(app, tls.cert, 'Auth server', 'Auth_server');
    await choose(page, 'Token Endpoint CA Certificate', /Auth server/);
    await editor(page).getByRole('button', { name: 'Preview Token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Preview Token' });
    await expect.poll(() => dialog.getByText('Access token', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('a trusted token endpoint certificate for another host, or expired: says which, and what to change', async () => {
    const app = await openUnlocked();
    const { page } = app;
    const otherHost = await localhostCertificate({ commonName: 'auth.internal', altNames: [{ type: 'dns', value: 'auth.internal' }] });
    const expired = await localhostCertificate({ commonName: 'Old auth', now: new Date(Date.now() - 400 * 86_400_000) });
    const neverReached = () => new Promise<never>(() => {});
    const wrongHost = await startServer(neverReached, { tls: { cert: otherHost.cert, key: otherHost.key } });
    const old = await startServer(neverReached, { tls: { cert: expired.cert, key: expired.key } });
    await importPem(app, otherHost.cert, 'auth.internal', 'Auth_internal');
    await importPem(app, expired.cert, 'Old auth', 'Old_auth');
    await openExchangeProfile(app);

    await choose(page, 'Token Endpoint CA Certificate', /auth\.internal/);
    const url = `${wrongHost.url}/token`;
    expect(await previewAgainst(page, url, 'Preview failed')).toBe(
      `Calling the token endpoint: TLS error with 127.0.0.1:${wrongHost.port}: the server's certificate is for another host name. ` +
        'Put the host name it was issued for in Token Endpoint URL.',
    );
    await expectTypedUrlKept(page, url);

    await choose(page, 'Token Endpoint CA Certificate', /Old auth/);
    const oldUrl = `${old.url}/token`;
    expect(await previewAgainst(page, oldUrl, 'Preview failed')).toBe(
      `Calling the token endpoint: TLS error with 127.0.0.1:${old.port}: the server's certificate has expired. ` +
        "Ask the token endpoint's owner to renew it.",
    );
    await expectTypedUrlKept(page, oldUrl);
    expect([...wrongHost.requests, ...old.requests]).toEqual([]);
  });

  it('a token endpoint that never answers: a timeout that says what to check', async () => {
    const app = await openUnlocked();
    // The Chromium host's engine waits 30 s for a token endpoint (EngineOptions.tokenTimeoutMs, not a
    // profile field): hand Preview to an engine over the same stores that waits 500 ms.
    const { credentialStore, certificates, vault, credentials } = app.backend.graph.internal;
    const quick = new CredentialEngine(credentialStore, certificates, vault, { tokenTimeoutMs: 500 });
    credentials.preview = quick.preview.bind(quick);
    const server = await startServer(() => new Promise(() => {}));
    await openExchangeProfile(app);
    const url = `${server.url}/token`;
    const message = await previewAgainst(app.page, url, 'Preview failed');
    expect(message).toBe(
      `Calling the token endpoint: 127.0.0.1:${server.port} did not answer within 500 ms. ` +
        'Check that the Token Endpoint URL is right and that the server is up.',
    );
    expect(server.requests).toHaveLength(1);
    await expectTypedUrlKept(app.page, url);
  });

  it('HTTP 200 without access_token: names the fields it returned', async () => {
    const app = await openUnlocked();
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ token: 'abc', expires_in: 300 }));
    });
    await openExchangeProfile(app);
    const url = `${server.url}/token`;
    const message = await previewAgainst(app.page, url, 'The token endpoint answered, but not with a token');
    expect(message).toBe(
      'The token endpoint answered HTTP 200 without access_token (it returned: token, expires_in). Signet, like Salesforce, reads the access token from access_token; the endpoint must return it under that name.',
    );
    await expectTypedUrlKept(app.page, url);
  });

  it('a body that is not JSON: says what came back and what to check', async () => {
    const app = await openUnlocked();
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Sign in</body></html>');
    });
    await openExchangeProfile(app);
    const url = `${server.url}/login`;
    const message = await previewAgainst(app.page, url, 'The token endpoint answered, but not with a token');
    expect(message).toBe(
      'The token endpoint answered HTTP 200 with a body that is not JSON (text/html, starting “<html><body>Sign in</body></html>”). Check the Token Endpoint URL: it should be the OAuth token endpoint, not a web page or the API itself.',
    );
    await expectTypedUrlKept(app.page, url);
  });
});
