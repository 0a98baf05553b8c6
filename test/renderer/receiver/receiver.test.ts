// The Receiver tab in Chromium through the Chromium host: configure trusted keys, start and stop,
// endpoints, and a live log whose verdicts and reasons match what the client was told.
import { randomUUID } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { JWT_BEARER_GRANT } from '../../harness/receiver';
import { unwrapResult } from '../../harness/rpc';
import { useSignetWindows } from '../../harness/signet';

const { openUnlocked } = useSignetWindows();

async function openReceiverTab() {
  const { page, backend } = await openUnlocked();
  const record = unwrapResult(
    await backend.dispatch('certificates.createSelfSigned', [{ label: 'Salesforce signing', name: 'SF_Signing', keyAlgorithm: 'EC-P256' }]),
  );
  const key = backend.graph.internal.certificates.privateKey(record.id).export({ type: 'pkcs8', format: 'pem' }).toString();
  await page.getByRole('tab', { name: 'Receiver', exact: true }).click();
  await expect.poll(() => page.getByLabel('Receiver status').textContent()).toBe('Stopped');
  return { page, backend, record, key };
}

const now = () => Math.floor(Date.now() / 1000);
const assertion = (key: string, claims: Record<string, unknown>) =>
  createSigner({ key, algorithm: 'ES256' })({ iss: 'sf', sub: 'alice', exp: now() + 120, jti: randomUUID(), ...claims });
const post = (url: string, form: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });

describe('Receiver tab', () => {
  it('configures a trusted certificate, starts, lists endpoints, logs verdicts with reasons, opens a token in the Inspector, clears and stops', async () => {
    const { page, backend, key } = await openReceiverTab();

    await page.getByRole('combobox', { name: 'Trusted certificates' }).click();
    await page.getByRole('option', { name: /Salesforce signing/ }).click();
    await page.keyboard.press('Escape');
    await page
      .getByRole('textbox', { name: 'Expected audiences' })
      .or(page.getByRole('combobox', { name: 'Expected audiences' }))
      .fill('https://login.example.com');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => backend.graph.internal.receiver.config().audiences).toEqual(['https://login.example.com']);
    expect(backend.graph.internal.receiver.config().trustedCertificateIds).toHaveLength(1);

    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByLabel('Receiver status').textContent()).toMatch(/^Running at http:\/\/127\.0\.0\.1:\d+$/);
    const baseUrl = (await page.getByLabel('Receiver status').textContent())!.replace('Running at ', '');
    const tokenEndpoint = `${baseUrl}/oauth2/token`;
    expect(await page.getByLabel('URL of Token endpoint', { exact: true }).textContent()).toBe(tokenEndpoint);
    expect(await page.getByLabel('URL of JWKS', { exact: true }).textContent()).toBe(`${baseUrl}/.well-known/jwks.json`);
    expect(await page.getByRole('button', { name: 'Copy URL of Token endpoint' }).isVisible()).toBe(true);

    const accepted = await post(tokenEndpoint, {
      grant_type: JWT_BEARER_GRANT,
      assertion: assertion(key, { aud: 'https://login.example.com' }),
    });
    expect(accepted.status).toBe(200);
    const wrongAssertion = assertion(key, { aud: 'https://wrong.example' });
    const wrong = await post(tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: wrongAssertion });
    const { error_description: description } = (await wrong.json()) as { error_description: string };
    expect(description).toMatch(/^audience is "https:\/\/wrong\.example", expected one of/);

    const log = page.getByRole('table', { name: 'Receiver log' });
    await expect.poll(() => log.getByRole('row').count()).toBe(3);
    const rejectedRow = page.getByRole('row', { name: 'POST /oauth2/token: rejected' });
    expect(await rejectedRow.textContent()).toContain(`invalid_grant: ${description}`);
    expect(await page.getByRole('row', { name: 'POST /oauth2/token: accepted' }).textContent()).toContain('jwt-bearer grant for sub alice');
    expect(await rejectedRow.getByLabel('Token summary').textContent()).toBe('iss sf · sub alice · aud https://wrong.example');

    await rejectedRow.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('Verdict reason').textContent()).toBe(`invalid_grant: ${description}`);
    await dialog.getByRole('button', { name: 'Open in Inspector' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Inspector' }).getAttribute('aria-selected')).toBe('true');
    const inspector = page.getByRole('tabpanel', { name: 'Inspector' });
    await expect.poll(() => inspector.getByLabel('Token', { exact: true }).inputValue()).toBe(wrongAssertion);

    await page.getByRole('tab', { name: 'Receiver', exact: true }).click();
    await page.getByRole('button', { name: 'Clear log' }).click();
    await expect.poll(() => page.getByText('No requests yet.').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByLabel('Receiver status').textContent()).toBe('Stopped');
    await expect(fetch(tokenEndpoint)).rejects.toThrow();
  });

  it('arms the 401 rule and counts it down as calls arrive; says when the port is taken without losing the settings', async () => {
    const { page, backend } = await openReceiverTab();
    // A refused setting is explained under its field, and what was typed stays.
    await page.getByRole('textbox', { name: 'JWKS URL' }).fill('not a url');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'JWKS URL' }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Enter an http(s) URL.', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'JWKS URL' }).inputValue()).toBe('not a url');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    // Replay refusal is for token-endpoint assertions; the option says so.
    const replay = page.getByRole('checkbox', { name: 'Refuse replayed assertions (jti)' });
    expect(await replay.isChecked()).toBe(true);
    expect(await page.getByText('At /oauth2/token only (RFC 7523 §3)', { exact: false }).textContent()).toBe(
      'At /oauth2/token only (RFC 7523 §3): an assertion or client_assertion whose jti was already accepted is refused. Bearer tokens sent to /api/* may be reused until they expire.',
    );

    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByLabel('Receiver status').textContent()).toMatch(/^Running at/);
    const baseUrl = backend.graph.internal.receiver.status().baseUrl!;

    await page.getByLabel('Answer 401 to the next N API calls').fill('2');
    await page.getByRole('button', { name: 'Arm' }).click();
    await expect.poll(() => page.getByLabel('401 calls left').textContent()).toBe('2 left');
    expect((await fetch(`${baseUrl}/api/x`, { headers: { authorization: 'Bearer a.b.c' } })).status).toBe(401);
    await expect.poll(() => page.getByLabel('401 calls left').textContent()).toBe('1 left');
    expect(await page.getByRole('row', { name: 'GET /api/x: fault' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByLabel('Receiver status').textContent()).toBe('Stopped');
    // Another receiver holds a port; choosing it gives a clear message and keeps what was typed.
    const blocker = await import('node:http').then(({ createServer }) => createServer());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await page.getByRole('textbox', { name: 'Port' }).fill(String(port));
      await page.getByRole('button', { name: 'Start' }).click();
      await expect.poll(() => page.getByText(`Port ${port} is already in use on 127.0.0.1.`, { exact: false }).isVisible()).toBe(true);
      expect(await page.getByLabel('Receiver status').textContent()).toBe('Stopped');
      expect(await page.getByRole('textbox', { name: 'Port' }).inputValue()).toBe(String(port));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
  it('registers a client whose secret goes to the vault; the client then authenticates, and is refused once removed', async () => {
    const { page, backend } = await openReceiverTab();
    await page.getByRole('textbox', { name: 'Client ID' }).fill('orders-app');
    await page.getByLabel('Client secret', { exact: true }).fill('pa55 word');
    await page.getByRole('button', { name: 'Register client' }).click();
    const clients = page.getByRole('table', { name: 'Registered clients' });
    await expect.poll(() => clients.getByText('in the vault').isVisible()).toBe(true);
    expect(JSON.stringify(backend.graph.internal.receiver.config())).not.toContain('pa55');
    expect(backend.graph.internal.vault.openText('receiver:client-secret:orders-app')).toBe('pa55 word');

    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByLabel('Receiver status').textContent()).toMatch(/^Running at/);
    const tokenEndpoint = `${backend.graph.internal.receiver.status().baseUrl!}/oauth2/token`;
    const basic = { authorization: `Basic ${Buffer.from('orders-app:pa55+word').toString('base64')}` };
    const token = () =>
      fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...basic },
        body: 'grant_type=client_credentials',
      });
    expect((await token()).status).toBe(200);
    await expect.poll(() => page.getByRole('row', { name: 'POST /oauth2/token: accepted' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Remove client orders-app' }).click();
    await expect.poll(() => clients.count()).toBe(0);
    expect(backend.graph.internal.vault.has('receiver:client-secret:orders-app')).toBe(false);
    const refused = await token();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error_description: string }).error_description).toBe(
      'client "orders-app" is not registered; add it under Registered clients',
    );
  });
  it('warns before listening beyond this machine, and serves HTTPS with the certificate shown for clients to trust', async () => {
    const { page, backend } = await openReceiverTab();
    await page.getByRole('textbox', { name: 'Host' }).fill('0.0.0.0');
    await expect
      .poll(() => page.getByText('Listening on 0.0.0.0 lets other machines on your network call the receiver.').isVisible())
      .toBe(true);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByText('Tick "Allow other interfaces" to confirm', { exact: false }).first().isVisible()).toBe(true);
    expect(await page.getByLabel('Receiver status').textContent()).toBe('Stopped');
    await page.getByRole('textbox', { name: 'Host' }).fill('127.0.0.1');

    await page.getByRole('radiogroup', { name: 'Protocol' }).getByText('HTTPS').click();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByLabel('Receiver status').textContent()).toMatch(/^Running at https:\/\/127\.0\.0\.1:\d+$/);
    const pem = await page.getByLabel('Server certificate PEM', { exact: true }).textContent();
    expect(pem).toContain('-----BEGIN CERTIFICATE-----');
    expect(pem).toBe(backend.graph.internal.receiver.status().serverCertificatePem);
  });
});
