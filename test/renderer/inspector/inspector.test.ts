// The Inspector tab in Chromium through the Chromium host, with real services: paste and decode,
// claims and warnings, verify with each key source, validate, craft + sign + verify, pins, intents.
import { generateKeyPairSync } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import { compactVerify, SignJWT } from 'jose';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unwrapResult } from '../../harness/rpc';
import { startServer } from '../../harness/servers';
import { TEST_PASSPHRASE, useSignetWindows } from '../../harness/signet';
import { RFC7515_A1 } from '../../unit/inspector/vectors';

const { openUnlocked } = useSignetWindows();

async function openInspector() {
  const signet = await openUnlocked();
  await signet.page.getByRole('tab', { name: 'Inspector' }).click();
  return signet;
}

const panel = (page: Page) => page.getByRole('tabpanel', { name: 'Inspector' });
const seconds = () => Math.floor(Date.now() / 1000);
/** Mantine's SegmentedControl hides its radio inputs; a person clicks the label. */
const choose = (page: Page, name: string) =>
  panel(page)
    .locator('label')
    .filter({ hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) })
    .click();
const secret = 'a-test-secret-that-is-32-bytes-long!';

describe('Inspector', () => {
  it('decodes as you type: parts, claims with times, warnings; a broken token gets its message and the text stays', async () => {
    const { page } = await openInspector();
    const token = createSigner({ key: secret, algorithm: 'HS256', clockTimestamp: Date.now() - 60_000 })({
      iss: 'https://issuer.test',
      sub: 'alice',
      exp: seconds() + 240,
      custom: 42,
    });
    await panel(page).getByLabel('Token', { exact: true }).fill(`Authorization: Bearer ${token}`);

    await expect.poll(() => panel(page).getByLabel('Header JSON').textContent()).toContain('"alg": "HS256"');
    expect(await panel(page).getByLabel('Payload JSON').textContent()).toContain('"sub": "alice"');
    // The read-only viewers take focus, so Ctrl+F searches the decoded payload.
    const payload = panel(page).getByLabel('Payload JSON');
    await payload.click();
    await page.keyboard.press('Control+f');
    const payloadViewer = panel(page)
      .locator('.cm-editor')
      .filter({ has: page.getByLabel('Payload JSON') });
    const find = payloadViewer.getByRole('textbox', { name: 'Find' });
    await expect.poll(() => find.count()).toBe(1);
    await find.fill('alice');
    await find.press('Enter');
    await expect.poll(() => payloadViewer.locator('.cm-searchMatch').allTextContents()).toEqual(['alice']);
    const claims = panel(page).getByRole('table', { name: 'Claims' });
    expect(await claims.locator('tr[data-claim="iss"]').textContent()).toContain('Issuer');
    expect(await claims.locator('tr[data-claim="exp"]').textContent()).toMatch(/expires in [34] min/);
    expect(await claims.locator('tr[data-claim="exp"]').textContent()).toContain(
      new Date((seconds() + 240) * 1000).toISOString().slice(0, 16),
    );
    expect(await claims.locator('tr[data-claim="iat"]').textContent()).toContain('issued 1 min ago');
    expect(await claims.locator('tr[data-claim="custom"]').textContent()).toContain('Custom claim');
    expect(await panel(page).getByLabel('Lifetime').textContent()).toBe('Lifetime: 5 min (300 s).');
    // No aud → one warning.
    const warnings = panel(page).getByRole('list', { name: 'Warnings' });
    expect(await warnings.locator('[data-lint]').evaluateAll((items) => items.map((item) => item.getAttribute('data-lint')))).toEqual([
      'AUD_MISSING',
    ]);

    const [h, p] = token.split('.');
    await panel(page).getByLabel('Token', { exact: true }).fill(`${h}.${p}`);
    await expect
      .poll(() => panel(page).getByRole('alert', { name: 'Cannot decode this token' }).textContent())
      .toContain('A JWT has three parts');
    expect(await panel(page).getByLabel('Token', { exact: true }).inputValue()).toBe(`${h}.${p}`);

    await panel(page)
      .getByLabel('Token', { exact: true })
      .fill(`${h}.bm90IGpzb24.${token.split('.')[2]}`);
    await expect.poll(() => panel(page).getByRole('alert', { name: 'Not a JWT' }).isVisible()).toBe(true);
    expect(await panel(page).getByLabel('Payload text').textContent()).toContain('not json');

    const none = `${Buffer.from('{"alg":"none","typ":"JWS","crit":["x"]}').toString('base64url')}.${Buffer.from(`{"exp":${seconds() * 1000}}`).toString('base64url')}.`;
    await panel(page).getByLabel('Token', { exact: true }).fill(none);
    await expect
      .poll(() => warnings.locator('[data-lint]').evaluateAll((items) => items.map((item) => item.getAttribute('data-lint')).sort()))
      .toEqual(['ALG_NONE', 'AUD_MISSING', 'CRIT_PRESENT', 'TIME_IN_MILLISECONDS', 'TYP_UNUSUAL']);

    const jwe = `${Buffer.from('{"alg":"RSA-OAEP","enc":"A256GCM"}').toString('base64url')}.a2V5.aXY.Y2lwaGVy.dGFn`;
    await panel(page).getByLabel('Token', { exact: true }).fill(jwe);
    await expect.poll(() => panel(page).getByRole('alert', { name: 'Encrypted token (JWE)' }).isVisible()).toBe(true);
    expect(await panel(page).getByLabel('Protected header JSON').textContent()).toContain('"enc": "A256GCM"');
  });

  it('shows the message for every kind of bad token, and keeps what was typed', async () => {
    const { page } = await openInspector();
    const [h, p, s] = (await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret))).split(
      '.',
    );
    const cases: [string, string][] = [
      [`${h}.${p}.${s}.x`, 'this has 4'],
      [`.${p}.${s}`, 'The header (first part) is empty'],
      [`${h}..${s}`, 'The payload (second part) is empty'],
      [`${h}.${p}.`, 'The signature (third part) is empty but the header says alg HS256'],
      [`${h}.${p}.${s}*`, 'The signature (third part) is not valid base64url'],
      [`aGVsbG8.${p}.${s}`, 'The header (first part) decodes, but not to JSON'],
      ['\u0000\u0001binary\u00ff garbage', 'This is not a token'],
      ['x'.repeat(1_000_001), 'longer than any real token (the limit is 1 MB)'],
    ];
    const box = panel(page).getByLabel('Token', { exact: true });
    for (const [text, message] of cases) {
      await box.fill(text);
      await expect
        .poll(() => panel(page).getByRole('alert', { name: 'Cannot decode this token' }).textContent(), { message })
        .toContain(message);
      expect((await box.inputValue()).length).toBe(text.length);
    }
    await box.fill(`${h}.WzEsMl0.${s}`);
    await expect.poll(() => panel(page).getByRole('alert', { name: 'Not a JWT' }).textContent()).toContain('JSON but not an object');
  });

  it('copies the pretty header and payload, the token, and a crafted token to the clipboard', async () => {
    const { page } = await openInspector();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    const token = createSigner({ key: secret, algorithm: 'HS256', noTimestamp: true })({ sub: 'copied', aud: 'api' });
    await panel(page).getByLabel('Token', { exact: true }).fill(`Bearer ${token}`);
    await panel(page).getByRole('button', { name: 'Copy payload' }).click();
    await expect.poll(clipboard).toBe(JSON.stringify({ sub: 'copied', aud: 'api' }, null, 2));
    await panel(page).getByRole('button', { name: 'Copy header' }).click();
    await expect.poll(clipboard).toBe(JSON.stringify({ alg: 'HS256', typ: 'JWT' }, null, 2));
    await panel(page).getByRole('button', { name: 'Copy token' }).click();
    await expect.poll(clipboard).toBe(token);

    await choose(page, 'Craft');
    await choose(page, 'Unsigned (alg none)');
    await panel(page).getByRole('button', { name: 'Sign token' }).click();
    const signed = panel(page).getByLabel('Signed token', { exact: true });
    await expect.poll(() => signed.inputValue()).toMatch(/\.$/);
    await panel(page).getByRole('button', { name: 'Copy signed token' }).click();
    await expect.poll(clipboard).toBe(await signed.inputValue());
  });

  it('verifies with a store certificate chosen by kid, says invalid for a tampered token, and validates claims', async () => {
    const { page, backend } = await openInspector();
    const record = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [{ label: 'API signing', name: 'API_Signing', keyAlgorithm: 'EC-P256' }]),
    );
    unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: 'Other', name: 'Other_Key', keyAlgorithm: 'EC-P256' }]));
    const { token } = unwrapResult(
      await backend.dispatch('inspector.sign', [
        {
          header: { typ: 'JWT' },
          payload: { iss: 'https://issuer.test', aud: 'api', sub: 'alice', iat: seconds(), exp: seconds() + 300 },
          signer: { kind: 'store', certificateId: record.id },
        },
      ]),
    );
    await panel(page).getByLabel('Token', { exact: true }).fill(token);
    await panel(page).getByRole('button', { name: 'Verify signature' }).click();
    const result = panel(page).getByLabel('Verification result');
    await expect.poll(() => result.textContent()).toContain('Signature valid');
    expect(await result.textContent()).toContain(
      'Key used: certificate API signing (API_Signing, EC-P256) — the header’s kid is its JWK thumbprint',
    );

    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ iss: 'https://issuer.test', aud: 'api', sub: 'mallory', exp: seconds() + 300 })).toString('base64url')}.${s}`;
    await panel(page).getByLabel('Token', { exact: true }).fill(forged);
    await expect.poll(() => result.count()).toBe(0);
    await panel(page).getByRole('button', { name: 'Verify signature' }).press('Control+Enter');
    await expect.poll(() => result.textContent()).toContain('Signature invalid');
    expect(await result.textContent()).toContain('the signature check failed');

    await panel(page).getByLabel('Expected issuer').fill('https://issuer.test');
    await panel(page).getByLabel('Expected audience').fill('web');
    const checks = panel(page).getByRole('table', { name: 'Claim checks' });
    await expect.poll(() => checks.locator('tr[data-check="aud"]').textContent()).toContain('aud is api, expected it to include web.');
    expect(await checks.locator('tr[data-check="iss"]').textContent()).toContain('pass');
    expect(await panel(page).getByLabel('Validation result').textContent()).toBe('Claims invalid');
    await panel(page).getByLabel('Expected audience').fill('api');
    await expect.poll(() => panel(page).getByLabel('Validation result').textContent()).toBe('Claims valid');
  });

  it('says "No matching key" with the reason when no key could be tried (empty store, a kid the JWKS lacks)', async () => {
    const { page } = await openInspector();
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = createSigner({ key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'ES256', kid: 'k2' })(
      {
        sub: 'a',
      },
    );
    await panel(page).getByLabel('Token', { exact: true }).fill(token);
    await panel(page).getByRole('button', { name: 'Verify signature' }).click();
    const result = panel(page).getByLabel('Verification result');
    await expect.poll(() => result.textContent()).toContain('No matching key');
    expect(await result.textContent()).toContain('The certificate store is empty');

    await panel(page).getByRole('combobox', { name: 'Key source' }).click();
    await page.getByRole('option', { name: 'JWK / JWKS' }).click();
    const other = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'k1' };
    await panel(page)
      .getByLabel('JWK or JWKS')
      .fill(JSON.stringify({ keys: [other] }));
    await panel(page).getByRole('button', { name: 'Verify signature' }).click();
    await expect.poll(() => result.textContent()).toContain('none with kid k2');
    expect(await result.textContent()).toContain('No matching key');
  });

  it('warns that kid is missing when several store certificates could verify the token, then tries each', async () => {
    const { page, backend } = await openInspector();
    const create = async (name: string, keyAlgorithm: 'EC-P256' | 'Ed25519') =>
      unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: name, name, keyAlgorithm }]));
    const signer = await create('First_P256', 'EC-P256');
    await create('Second_P256', 'EC-P256');
    await create('Ed_Key', 'Ed25519');
    const key = backend.graph.internal.certificates.privateKey(signer.id).export({ type: 'pkcs8', format: 'pem' }).toString();
    const token = createSigner({ key, algorithm: 'ES256', aud: 'api', expiresIn: 60_000 })({ sub: 'no-kid' });
    await panel(page).getByLabel('Token', { exact: true }).fill(token);
    const warnings = panel(page).getByRole('list', { name: 'Warnings' });
    await expect
      .poll(() => warnings.locator('[data-lint]').evaluateAll((items) => items.map((item) => item.getAttribute('data-lint'))))
      .toEqual(['KID_MISSING']);
    expect(await warnings.textContent()).toContain('No kid in the header, and 2 known keys could verify it');
    await panel(page).getByRole('button', { name: 'Verify signature' }).click();
    const result = panel(page).getByLabel('Verification result');
    await expect.poll(() => result.textContent()).toContain('Signature valid');
    expect(await result.textContent()).toContain('certificate First_P256');
  });

  it('verifies with a pasted PEM, a JWKS, a JWKS URL on a local server, an OpenID issuer, and an HMAC secret (with its lint)', async () => {
    const { page } = await openInspector();
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'rsa-1' };
    const token = createSigner({
      key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      algorithm: 'PS256',
      kid: 'rsa-1',
      aud: 'api',
      expiresIn: 60_000,
    })({ sub: 'a' });
    const server = await startServer((request, response) => {
      if (request.url === '/.well-known/openid-configuration') {
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ issuer: server.url, jwks_uri: `${server.url}/keys` }));
      }
      if (request.url === '/keys') {
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ keys: [jwk] }));
      }
      response.writeHead(404).end();
    });
    await panel(page).getByLabel('Token', { exact: true }).fill(token);
    const source = panel(page).getByRole('combobox', { name: 'Key source' });
    const result = panel(page).getByLabel('Verification result');
    const verifyWith = async (option: string, fill: () => Promise<void>) => {
      await source.click();
      await page.getByRole('option', { name: option }).click();
      await fill();
      await panel(page).getByRole('button', { name: 'Verify signature' }).click();
      await expect.poll(() => result.textContent(), { message: option }).toContain('Signature valid');
    };
    await verifyWith('PEM (certificate or public key)', () =>
      panel(page)
        .getByLabel('PEM', { exact: true })
        .fill(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    );
    await verifyWith('JWK / JWKS', () =>
      panel(page)
        .getByLabel('JWK or JWKS')
        .fill(JSON.stringify({ keys: [jwk] })),
    );
    await verifyWith('JWKS URL', () => panel(page).getByLabel('JWKS URL').fill(`${server.url}/keys`));
    expect(await result.textContent()).toContain('kid rsa-1');
    await verifyWith('OpenID issuer (discovery)', () => panel(page).getByLabel('OpenID issuer').fill(server.url));

    await panel(page).getByLabel('JWKS URL').waitFor({ state: 'detached' });
    await source.click();
    await page.getByRole('option', { name: 'JWKS URL' }).click();
    await panel(page).getByLabel('JWKS URL').fill(`${server.url}/missing`);
    await panel(page).getByRole('button', { name: 'Verify signature' }).click();
    await expect
      .poll(() => panel(page).getByRole('alert', { name: 'Cannot verify' }).textContent())
      .toContain('answered HTTP 404 (not found). Check the URL.');

    const hs = createSigner({ key: 'short', algorithm: 'HS256' })({ sub: 'a', aud: 'b', exp: seconds() + 60 });
    await panel(page).getByLabel('Token', { exact: true }).fill(hs);
    await source.click();
    await page.getByRole('option', { name: 'HMAC secret' }).click();
    await panel(page).getByRole('textbox', { name: 'HMAC secret' }).fill('short');
    await panel(page).getByRole('button', { name: 'Verify signature' }).click();
    await expect.poll(() => result.textContent()).toContain('Signature valid');
    const warnings = panel(page).getByRole('list', { name: 'Warnings' });
    await expect.poll(() => warnings.textContent()).toContain('The HS256 secret is 5 bytes; RFC 7518 §3.2 requires at least 32 bytes.');
  });

  it('crafts and signs with a store certificate, opens the token in the Inspector (intent), verifies it, and sends it as Bearer', async () => {
    const { page, backend } = await openInspector();
    unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [{ label: 'Craft key', name: 'Craft_Key', keyAlgorithm: 'RSA-2048' }]),
    );
    await choose(page, 'Craft');
    const payload = panel(page).getByRole('textbox', { name: 'Payload (JSON)' });
    await payload.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{"sub": "crafted", "aud": "api"');
    await expect.poll(() => panel(page).getByRole('alert').textContent()).toContain('The payload is not valid JSON');
    expect(await panel(page).getByRole('button', { name: 'Sign token' }).isDisabled()).toBe(true);
    await page.keyboard.insertText('}');
    await panel(page).getByRole('button', { name: 'exp +5 min' }).click();
    await panel(page).getByRole('button', { name: 'New jti' }).click();
    await expect.poll(() => payload.textContent()).toContain('"jti"');

    await panel(page).getByRole('combobox', { name: 'Signing certificate' }).click();
    await page.getByRole('option', { name: /Craft key/ }).click();
    await panel(page).getByRole('combobox', { name: 'Algorithm' }).click();
    await page.getByRole('option', { name: 'PS384' }).click();
    await panel(page).getByRole('button', { name: 'Sign token' }).click();
    const signed = panel(page).getByLabel('Signed token', { exact: true });
    await expect.poll(() => signed.inputValue()).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const token = await signed.inputValue();
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ typ: 'JWT', alg: 'PS384' });

    await panel(page).getByRole('button', { name: 'Open in Inspector' }).click();
    await expect.poll(() => panel(page).getByLabel('Token', { exact: true }).inputValue()).toBe(token);
    expect(await panel(page).getByRole('table', { name: 'Claims' }).locator('tr[data-claim="sub"]').textContent()).toContain('crafted');
    await panel(page).getByRole('button', { name: 'Verify signature' }).click();
    await expect.poll(() => panel(page).getByLabel('Verification result').textContent()).toContain('Signature valid');
    // The token is now in this run's recent list.
    await expect.poll(() => panel(page).getByRole('region', { name: 'Recent tokens' }).textContent()).toContain('crafted');

    await choose(page, 'Craft');
    await panel(page).getByRole('button', { name: 'Send as Bearer in a new request' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Request' }).getAttribute('aria-selected')).toBe('true');
  });

  it('keeps the pasted token, its recent entry and the forms across a visit to another tab; a hand-off is applied once', async () => {
    const { page } = await openInspector();
    const token = createSigner({ key: secret, algorithm: 'HS256' })({ sub: 'kept-across-tabs', exp: seconds() + 300 });
    await panel(page).getByLabel('Token', { exact: true }).fill(token);
    const recent = panel(page).getByRole('region', { name: 'Recent tokens' });
    await expect.poll(() => recent.getByRole('button', { name: 'Open kept-across-tabs' }).isVisible()).toBe(true);
    await panel(page).getByLabel('Expected issuer').fill('https://kept.example');
    await choose(page, 'Craft');
    await choose(page, 'Unsigned (alg none)');
    await panel(page).getByRole('button', { name: 'Sign token' }).click();
    await expect.poll(() => panel(page).getByLabel('Signed token', { exact: true }).inputValue()).toMatch(/\.$/);
    const unsigned = await panel(page).getByLabel('Signed token', { exact: true }).inputValue();
    await choose(page, 'Decode & verify');

    const visitRequestTab = async () => {
      await page.getByRole('tab', { name: 'Request', exact: true }).click();
      await expect.poll(() => page.getByRole('tabpanel', { name: 'Request' }).isVisible()).toBe(true);
      await page.getByRole('tab', { name: 'Inspector', exact: true }).click();
      await expect.poll(() => panel(page).isVisible()).toBe(true);
    };
    await visitRequestTab();
    expect(await panel(page).getByLabel('Token', { exact: true }).inputValue()).toBe(token);
    expect(await recent.getByRole('button', { name: 'Open kept-across-tabs' }).isVisible()).toBe(true);
    expect(await panel(page).getByLabel('Expected issuer').inputValue()).toBe('https://kept.example');
    await choose(page, 'Craft');
    expect(await panel(page).getByLabel('Signed token', { exact: true }).inputValue()).toBe(unsigned);

    // "Open in Inspector" hands the crafted token over; a token pasted afterwards is not replaced by it
    // when the tab is shown again.
    await panel(page).getByRole('button', { name: 'Open in Inspector' }).click();
    await expect.poll(() => panel(page).getByLabel('Token', { exact: true }).inputValue()).toBe(unsigned);
    await panel(page).getByLabel('Token', { exact: true }).fill(token);
    await visitRequestTab();
    expect(await panel(page).getByLabel('Token', { exact: true }).inputValue()).toBe(token);

    // "Until Signet locks or closes": locking forgets them.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Master passphrase').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('tab', { name: 'Inspector', exact: true }).click();
    await expect.poll(() => panel(page).getByLabel('Token', { exact: true }).inputValue()).toBe('');
    expect(await recent.textContent()).toContain('Tokens you open appear here until Signet locks or closes.');
  });

  it('signs in Craft with the base64url HMAC key of RFC 7515 A.1, and verifies it in the Inspector with the same encoding', async () => {
    const { page } = await openInspector();
    const { k } = RFC7515_A1.jwk;
    await choose(page, 'Craft');
    await choose(page, 'HMAC secret');
    await panel(page).getByLabel('Signing secret').fill(k);
    await panel(page).getByRole('combobox', { name: 'Secret encoding' }).click();
    await page.getByRole('option', { name: 'base64url' }).click();
    await panel(page).getByRole('button', { name: 'Sign token' }).click();
    await expect.poll(() => panel(page).getByLabel('Signed token', { exact: true }).inputValue()).toMatch(/^eyJ/);
    const token = await panel(page).getByLabel('Signed token', { exact: true }).inputValue();
    // The key is the 64 bytes the base64url text stands for, not the text itself.
    await expect(compactVerify(token, Buffer.from(k, 'base64url'))).resolves.toMatchObject({ protectedHeader: { alg: 'HS256' } });
    await expect(compactVerify(token, new TextEncoder().encode(k))).rejects.toThrow('signature verification failed');

    await panel(page).getByRole('button', { name: 'Open in Inspector' }).click();
    await expect.poll(() => panel(page).getByLabel('Token', { exact: true }).inputValue()).toBe(token);
    await panel(page).getByRole('combobox', { name: 'Key source' }).click();
    await page.getByRole('option', { name: 'HMAC secret' }).click();
    await panel(page).getByRole('textbox', { name: 'HMAC secret' }).fill(k);
    await panel(page).getByRole('combobox', { name: 'Secret encoding' }).click();
    await page.getByRole('option', { name: 'base64url' }).click();
    await panel(page).getByRole('button', { name: 'Verify signature' }).click();
    await expect.poll(() => panel(page).getByLabel('Verification result').textContent()).toContain('Signature valid');
  });

  it('crafts an unsigned token and an HMAC token; pins a token into the vault and opens it again', async () => {
    const { page, backend } = await openInspector();
    await choose(page, 'Craft');
    await choose(page, 'Unsigned (alg none)');
    await panel(page).getByRole('button', { name: 'Sign token' }).click();
    await expect.poll(() => panel(page).getByLabel('Signed token', { exact: true }).inputValue()).toMatch(/\.$/);
    await choose(page, 'HMAC secret');
    await panel(page).getByLabel('Signing secret').fill(secret);
    await panel(page).getByLabel('Signing secret').press('Control+Enter');
    await expect
      .poll(() => panel(page).getByLabel('Signed token', { exact: true }).inputValue())
      .toMatch(/^eyJhbGciOiJIUzI1NiJ9|^eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9/);
    const hmacToken = await panel(page).getByLabel('Signed token', { exact: true }).inputValue();
    expect(createVerifier({ key: secret, algorithms: ['HS256'] })(hmacToken)).toMatchObject({ sub: 'alice' });

    await panel(page).getByRole('button', { name: 'Open in Inspector' }).click();
    await panel(page).getByRole('button', { name: 'Pin token' }).click();
    const pinned = panel(page).getByRole('region', { name: 'Pinned tokens' });
    await expect.poll(() => pinned.textContent()).toContain('alice');
    const pins = unwrapResult(await backend.dispatch('inspector.pins', []));
    expect(pins).toHaveLength(1);
    await panel(page).getByRole('button', { name: 'Clear' }).click();
    expect(await panel(page).getByLabel('Token', { exact: true }).inputValue()).toBe('');
    await pinned.getByRole('button', { name: 'Open alice' }).click();
    await expect.poll(() => panel(page).getByLabel('Token', { exact: true }).inputValue()).toBe(hmacToken);
    await pinned.getByRole('button', { name: 'Unpin alice' }).click();
    await expect.poll(() => pinned.textContent()).toContain('No pinned tokens');
  });
});
