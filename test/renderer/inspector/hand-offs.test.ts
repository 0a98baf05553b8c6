// Hand-offs between tabs: "Open in Inspector" from a request's auth trace lands in the Inspector with
// the JWT the callout sent (which then verifies against the store), and a crafted token sent "as
// Bearer in a new request" arrives in the Request tab's bearer token.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unwrapResult } from '../../harness/rpc';
import { startServer } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';

const { openUnlocked } = useSignetWindows();

const inspector = (page: Page) => page.getByRole('tabpanel', { name: 'Inspector' });
const request = (page: Page) => page.getByRole('tabpanel', { name: 'Request' });

describe('Inspector hand-offs', () => {
  it('opens the JWT a callout sent (auth trace) in the Inspector, where it verifies with the store certificate', async () => {
    const { page, backend } = await openUnlocked();
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    const signing = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [
        { label: 'Callout signing', name: 'Callout_Signing', keyAlgorithm: 'RSA-2048' },
      ]),
    );
    unwrapResult(
      await backend.dispatch('credentials.create', [
        {
          profile: {
            label: 'Orders API',
            name: 'Orders_API',
            url: server.url,
            protocol: 'jwt',
            namedPrincipalSubject: 'integration-user',
            jwt: { algorithm: 'PS256', signingCertificateId: signing.id, issuer: 'signet-client', audiences: ['orders'] },
          },
          secrets: {},
        },
      ]),
    );

    await page.getByRole('tab', { name: 'Request', exact: true }).click();
    await page.getByRole('combobox', { name: 'URL' }).fill('callout:Orders_API/orders/42');
    await page.getByRole('combobox', { name: 'URL' }).press('Control+Enter');
    await expect.poll(() => page.getByLabel('Status').textContent()).toBe('200 OK');
    const sent = server.requests[0]!.headers.authorization!.replace(/^Bearer /, '');

    await request(page).getByRole('tab', { name: 'Auth', exact: true }).click();
    await request(page).getByRole('button', { name: 'Open in Inspector' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Inspector' }).getAttribute('aria-selected')).toBe('true');
    expect(await inspector(page).getByLabel('Token', { exact: true }).inputValue()).toBe(sent);
    const claims = inspector(page).getByRole('table', { name: 'Claims' });
    expect(await claims.locator('tr[data-claim="sub"]').textContent()).toContain('integration-user');
    expect(await claims.locator('tr[data-claim="aud"]').textContent()).toContain('orders');

    await inspector(page).getByRole('button', { name: 'Verify signature' }).click();
    const result = inspector(page).getByLabel('Verification result');
    await expect.poll(() => result.textContent()).toContain('Signature valid');
    expect(await result.textContent()).toContain('certificate Callout signing (Callout_Signing, RSA-2048)');
  });

  it("opens a named credential's Preview Token in the Inspector", async () => {
    const { page, backend } = await openUnlocked();
    const signing = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [{ label: 'Preview key', name: 'Preview_Key', keyAlgorithm: 'Ed25519' }]),
    );
    unwrapResult(
      await backend.dispatch('credentials.create', [
        {
          profile: {
            label: 'Preview API',
            name: 'Preview_API',
            url: 'https://api.example.com',
            protocol: 'jwt',
            namedPrincipalSubject: 'preview-user',
            jwt: { algorithm: 'EdDSA', signingCertificateId: signing.id, issuer: 'signet-client', audiences: ['preview'] },
          },
          secrets: {},
        },
      ]),
    );
    await page.getByRole('tab', { name: 'Named Credentials' }).click();
    await page.getByRole('table', { name: 'Named credentials' }).getByText('Preview API', { exact: true }).click();
    await page.getByRole('form', { name: 'Named credential editor' }).getByRole('button', { name: 'Preview Token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Preview Token' });
    await expect.poll(() => dialog.getByLabel('Copy Token').isVisible()).toBe(true);
    const token = (await dialog.getByLabel('Token', { exact: true }).textContent())!;
    await dialog.getByRole('button', { name: 'Open in Inspector' }).click();

    await expect.poll(() => inspector(page).getByLabel('Token', { exact: true }).inputValue()).toBe(token);
    expect(await inspector(page).getByRole('table', { name: 'Claims' }).locator('tr[data-claim="sub"]').textContent()).toContain(
      'preview-user',
    );
    await inspector(page).getByRole('button', { name: 'Verify signature' }).click();
    await expect.poll(() => inspector(page).getByLabel('Verification result').textContent()).toContain('Signature valid');
  });

  it('sends a crafted token as Bearer in a new request', async () => {
    const { page } = await openUnlocked();
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await inspector(page)
      .locator('label')
      .filter({ hasText: /^Craft$/ })
      .click();
    await inspector(page)
      .locator('label')
      .filter({ hasText: /^Unsigned \(alg none\)$/ })
      .click();
    await inspector(page).getByRole('button', { name: 'Sign token' }).click();
    const signed = inspector(page).getByLabel('Signed token', { exact: true });
    await expect.poll(() => signed.inputValue()).toMatch(/\.$/);
    const token = await signed.inputValue();

    await inspector(page).getByRole('button', { name: 'Send as Bearer in a new request' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Request', exact: true }).getAttribute('aria-selected')).toBe('true');
    await request(page).getByRole('tab', { name: /^Auth/ }).click();
    await expect.poll(() => request(page).getByRole('textbox', { name: 'Token' }).inputValue()).toBe(token);
  });
});
