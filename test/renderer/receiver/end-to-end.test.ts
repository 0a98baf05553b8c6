// Both ends of a JWT flow in one app: the Request tab sends through a JWT Token Exchange named
// credential to the receiver; the receiver's log shows the verdicts, and a wrong audience shows the
// same reason in the log and in the response.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unwrapResult } from '../../harness/rpc';
import { useSignetWindows } from '../../harness/signet';

const { openUnlocked } = useSignetWindows();

async function send(page: Page, url: string) {
  await page.getByRole('tab', { name: 'Request', exact: true }).click();
  await page.getByRole('combobox', { name: 'URL' }).fill(url);
  await page.getByRole('combobox', { name: 'URL' }).press('Control+Enter');
}

describe('Request tab → JWT Token Exchange → Receiver', () => {
  it('is accepted end to end, and a wrong audience shows the reason in the log and in the response', async () => {
    const { page, backend } = await openUnlocked();
    const signing = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [
        { label: 'Callout signing', name: 'Callout_Signing', keyAlgorithm: 'EC-P256' },
      ]),
    );

    // Receiver: trust the certificate (through the form), start it.
    await page.getByRole('tab', { name: 'Receiver', exact: true }).click();
    await page.getByRole('combobox', { name: 'Trusted certificates' }).click();
    await page.getByRole('option', { name: /Callout signing/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByLabel('Receiver status').textContent()).toMatch(/^Running at/);
    const baseUrl = backend.graph.internal.receiver.status().baseUrl!;
    const tokenEndpoint = `${baseUrl}/oauth2/token`;

    const profile = (name: string, audience: string) => ({
      profile: {
        label: name.replace('_', ' '),
        name,
        url: `${baseUrl}/api`,
        protocol: 'jwt-exchange',
        namedPrincipalSubject: 'integration-user',
        tokenEndpointUrl: tokenEndpoint,
        jwt: { algorithm: 'ES256', signingCertificateId: signing.id, issuer: 'signet-client', audiences: [audience] },
      },
      secrets: {},
    });
    unwrapResult(await backend.dispatch('credentials.create', [profile('Receiver_API', tokenEndpoint)]));
    unwrapResult(await backend.dispatch('credentials.create', [profile('Wrong_Audience', 'https://elsewhere.example')]));

    await send(page, 'callout:Receiver_API/orders/42');
    await expect.poll(() => page.getByLabel('Status').textContent()).toBe('200 OK');
    await expect.poll(() => page.getByRole('textbox', { name: 'Response body' }).textContent()).toContain('"verdict": "accepted"');

    await page.getByRole('tab', { name: 'Receiver', exact: true }).click();
    await expect.poll(() => page.getByRole('row', { name: 'POST /oauth2/token: accepted' }).count()).toBe(1);
    expect(await page.getByRole('row', { name: 'POST /oauth2/token: accepted' }).textContent()).toContain(
      'jwt-bearer grant for sub integration-user',
    );
    await expect.poll(() => page.getByRole('row', { name: 'GET /api/orders/42: accepted' }).count()).toBe(1);

    await send(page, 'callout:Wrong_Audience/orders/42');
    const reason = `audience is "https://elsewhere.example", expected one of "${tokenEndpoint}", "${baseUrl}"`;
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'elsewhere' }).first().textContent()).toContain(reason);

    await page.getByRole('tab', { name: 'Receiver', exact: true }).click();
    await expect.poll(() => page.getByRole('row', { name: 'POST /oauth2/token: rejected' }).count()).toBe(1);
    expect(await page.getByRole('row', { name: 'POST /oauth2/token: rejected' }).textContent()).toContain(`invalid_grant: ${reason}`);
  });
});
