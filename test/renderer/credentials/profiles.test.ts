// Named Credentials in Chromium, by role and label: create each protocol, Preview Token (JWT and token exchange),
// the token cache, bad input messages and the unsaved-changes guard.
import { createVerifier } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import type { CertificateRecord, NewKeyAlgorithm } from '../../../shared/contract/certificates';
import type { NamedCredentialView } from '../../../shared/contract/credentials';
import { unwrapResult } from '../../harness/rpc';
import { useSignetWindows, type OpenSignet } from '../../harness/signet';
import { startTokenServer } from '../../unit/credentials/token-endpoint-server';
import { choose, editor, expectListed, newProfile, openCredentialsTab, save } from './helpers';

const { openUnlocked } = useSignetWindows();

async function start() {
  const signet = await openUnlocked();
  await openCredentialsTab(signet.page);
  return signet;
}

async function certificate(app: OpenSignet, keyAlgorithm: NewKeyAlgorithm, name: string): Promise<CertificateRecord> {
  return unwrapResult(await app.backend.dispatch('certificates.createSelfSigned', [{ label: name, name, keyAlgorithm }]));
}

async function stored(app: OpenSignet): Promise<NamedCredentialView[]> {
  return unwrapResult(await app.backend.dispatch('credentials.list', []));
}

describe('Named Credentials tab', () => {
  it('creates a profile for each protocol with the form, and stores secrets only in the vault', async () => {
    const app = await start();
    const { page } = app;
    const rsa = await certificate(app, 'RSA-2048', 'Jwt_Signer');

    await newProfile(page, 'No auth API');
    await save(page);
    await expectListed(page, 'No auth API');

    await newProfile(page, 'Basic API');
    await choose(page, 'Authentication Protocol', 'Password Authentication');
    await editor(page).getByRole('textbox', { name: 'Username' }).fill('svc-user');
    await editor(page).getByLabel('Password', { exact: true }).fill('s3cret-pass');
    await save(page);
    await expectListed(page, 'Basic API');

    await newProfile(page, 'Static token API');
    await choose(page, 'Authentication Protocol', 'Bearer Token');
    expect(await editor(page).getByText('A static bearer token is sent as is and never refreshed').isVisible()).toBe(true);
    await editor(page).getByLabel('Token', { exact: true }).fill('static-token-value');
    await save(page);
    await expectListed(page, 'Static token API');

    await newProfile(page, 'JWT API');
    await choose(page, 'Authentication Protocol', 'JWT');
    await editor(page).getByRole('textbox', { name: 'Issuer' }).fill('signet-client');
    await editor(page).getByRole('textbox', { name: 'Audiences' }).fill('https://api.example.com\nurn:second');
    await choose(page, 'JWT Signing Certificate', /Jwt_Signer/);
    await choose(page, 'Signing Algorithm', 'PS256');
    await save(page);
    await expectListed(page, 'JWT API');

    await newProfile(page, 'Exchange API');
    await choose(page, 'Authentication Protocol', 'JWT Token Exchange');
    await editor(page).getByRole('textbox', { name: 'Token Endpoint URL' }).fill('https://auth.example.com/token');
    await choose(page, 'JWT Signing Certificate', /Jwt_Signer/);
    await save(page);
    await expectListed(page, 'Exchange API');

    await newProfile(page, 'Client creds API');
    await choose(page, 'Authentication Protocol', 'OAuth 2.0 Client Credentials');
    await editor(page).getByRole('textbox', { name: 'Token Endpoint URL' }).fill('https://auth.example.com/token');
    await editor(page).getByRole('textbox', { name: 'Client ID' }).fill('client-1');
    await choose(page, 'Client Authentication', 'client_secret_basic');
    await editor(page).getByLabel('Client Secret', { exact: true }).fill('client-secret-value');
    await save(page);
    await expectListed(page, 'Client creds API');

    const profiles = await stored(app);
    expect(profiles.map((profile) => [profile.name, profile.protocol])).toEqual([
      ['No_auth_API', 'none'],
      ['Basic_API', 'password'],
      ['Static_token_API', 'bearer'],
      ['JWT_API', 'jwt'],
      ['Exchange_API', 'jwt-exchange'],
      ['Client_creds_API', 'client-credentials'],
    ]);
    const jwt = profiles.find((profile) => profile.name === 'JWT_API')!;
    expect(jwt.jwt).toMatchObject({
      algorithm: 'PS256',
      signingCertificateId: rsa.id,
      issuer: 'signet-client',
      audiences: ['https://api.example.com', 'urn:second'],
    });
    expect(profiles.find((profile) => profile.name === 'Client_creds_API')).toMatchObject({
      clientAuth: 'client_secret_basic',
      secrets: { clientSecret: true },
    });
    const resolved = await app.backend.graph.internal.credentials.resolveAuth('Basic_API', { variables: {} });
    expect(resolved.headers[0]!.value).toBe(`Basic ${Buffer.from('svc-user:s3cret-pass').toString('base64')}`);

    // Search narrows the list.
    await page.getByRole('textbox', { name: 'Search named credentials' }).fill('exchange');
    await expect.poll(() => page.getByRole('table', { name: 'Named credentials' }).getByRole('row').count()).toBe(2);
  });

  it('previews a JWT decoded beside the raw token, and opens it in the Inspector', async () => {
    const app = await start();
    const { page } = app;
    const ec = await certificate(app, 'EC-P256', 'Ec_Signer');
    await newProfile(page, 'Preview API');
    await choose(page, 'Authentication Protocol', 'JWT');
    await choose(page, 'JWT Signing Certificate', /Ec_Signer/);
    // Only what the key fits (and HMAC) is offered.
    await page.getByRole('combobox', { name: 'Signing Algorithm' }).click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['ES256', 'HS256', 'HS384', 'HS512']);
    await page.keyboard.press('Escape');
    await editor(page).getByRole('textbox', { name: 'Named Principal Subject' }).fill('preview-user');
    await editor(page).getByRole('textbox', { name: 'Custom Claims' }).fill('{"tenant": "{{tenant}}"}');
    await save(page);
    await expectListed(page, 'Preview API');

    await editor(page).getByRole('button', { name: 'Preview Token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Preview Token' });
    await expect.poll(() => dialog.getByLabel('Copy Token').isVisible()).toBe(true);
    const token = (await dialog.getByLabel('Token', { exact: true }).textContent())!;
    const claims = createVerifier({ key: ec.publicKeyPem, algorithms: ['ES256'] })(token) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: 'preview-user', tenant: '{{tenant}}' });
    expect(await dialog.getByRole('textbox', { name: 'Decoded claims' }).textContent()).toContain('"sub": "preview-user"');
    expect(await dialog.getByRole('textbox', { name: 'Decoded header' }).textContent()).toContain(`"kid": "${ec.jwkThumbprint}"`);

    await dialog.getByRole('button', { name: 'Open in Inspector' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Inspector' }).getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => page.getByRole('tabpanel', { name: 'Inspector' }).getByRole('textbox', { name: 'Token', exact: true }).inputValue())
      .toBe(token);
  });

  it('previews a token exchange with the token request and response, fills the cache, and clears it', async () => {
    const app = await start();
    const { page } = app;
    const ec = await certificate(app, 'EC-P256', 'Exchange_Key');
    const server = await startTokenServer({ publicKeyPem: ec.publicKeyPem });
    await newProfile(page, 'Exchange API');
    await choose(page, 'Authentication Protocol', 'JWT Token Exchange');
    await editor(page).getByRole('textbox', { name: 'Token Endpoint URL' }).fill(server.tokenUrl);
    await editor(page).getByRole('textbox', { name: 'Audiences' }).fill(server.tokenUrl);
    await choose(page, 'JWT Signing Certificate', /Exchange_Key/);
    await save(page);
    await expectListed(page, 'Exchange API');
    expect(await editor(page).getByLabel('Token cache is empty').isVisible()).toBe(true);

    await editor(page).getByRole('button', { name: 'Preview Token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Preview Token' });
    await expect.poll(() => dialog.getByLabel('Token', { exact: true }).textContent()).toMatch(/^access-token-1-/);
    expect(await dialog.getByRole('textbox', { name: 'Token request' }).textContent()).toContain(
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    );
    expect(await dialog.getByRole('textbox', { name: 'Token request' }).textContent()).toContain('[signature redacted]');
    expect(await dialog.getByRole('textbox', { name: 'Token response' }).textContent()).toContain('"expires_in": 3600');
    expect(server.requests).toHaveLength(1);

    // The endpoint refuses: the message names the problem and the trace stays visible.
    server.respond(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'audience is invalid' } }));
    await dialog.getByRole('button', { name: 'Preview again' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('invalid_grant: audience is invalid — the token endpoint expects aud =');
    expect(await dialog.getByRole('textbox', { name: 'Token response' }).textContent()).toContain('invalid_grant');
    await page.keyboard.press('Escape');

    const cache = editor(page).getByRole('table', { name: 'Cached tokens' });
    await expect.poll(() => cache.textContent()).toContain('access-token');
    expect(await cache.textContent()).toMatch(/\d+ min \d+ s/);
    await editor(page).getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => editor(page).getByLabel('Token cache is empty').isVisible()).toBe(true);
    expect(
      app.backend.graph.internal.credentials.cache.entries(
        unwrapResult<NamedCredentialView[]>(await app.backend.dispatch('credentials.list', []))[0]!.id,
      ),
    ).toEqual([]);
  });

  it('Token Cache for Per User: one row per user with its uses and expiry, the token shortened, Clear empties it', async () => {
    const app = await start();
    const { page } = app;
    const ec = await certificate(app, 'EC-P256', 'Cache_Key');
    const server = await startTokenServer({ publicKeyPem: ec.publicKeyPem, expiresIn: 600 });
    unwrapResult(
      await app.backend.dispatch('credentials.create', [
        {
          profile: {
            label: 'Per User API',
            name: 'Per_User_API',
            url: 'https://x.example',
            protocol: 'jwt-exchange',
            identityType: 'per-user',
            perUserSubjects: [
              { user: 'alice', subject: 'alice@example.com' },
              { user: 'bob', subject: 'bob@example.com' },
            ],
            activeUser: 'alice',
            tokenEndpointUrl: server.tokenUrl,
            jwt: { algorithm: 'ES256', signingCertificateId: ec.id, audiences: [server.tokenUrl] },
          },
        },
      ]),
    );
    const credentials = app.backend.graph.internal.credentials;
    for (let i = 0; i < 3; i++) await credentials.resolveAuth('Per_User_API', { variables: {} });
    const bob = await credentials.resolveAuth('Per_User_API', { variables: {}, user: 'bob' });
    expect(server.assertions.map((claims) => claims.sub)).toEqual(['alice@example.com', 'bob@example.com']);
    const bobToken = bob.headers[0]!.value.replace(/^Bearer /, '');

    await page.getByRole('button', { name: 'Open Per User API' }).click();
    const cache = editor(page).getByRole('table', { name: 'Cached tokens' });
    await expect.poll(() => cache.getByRole('row').count()).toBe(3);
    const cells = async (user: string) =>
      (await cache.getByRole('row').filter({ hasText: user }).getByRole('cell').allTextContents()).map((text) => text.trim());
    const [aliceUser, aliceToken, aliceExpires, aliceUses] = await cells('alice');
    expect([aliceUser, aliceUses]).toEqual(['alice', '3']);
    expect(aliceToken).toMatch(/^Bearer access-token… \(\d+ characters\)$/);
    // 600 s from when it was fetched: generous for a loaded machine.
    expect(aliceExpires).toMatch(/^([5-9]|10) min \d+ s$/);
    const [, bobShown, , bobUses] = await cells('bob');
    expect(bobUses).toBe('1');
    expect(bobShown).not.toContain(bobToken);

    await editor(page).getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => editor(page).getByLabel('Token cache is empty').isVisible()).toBe(true);
    await credentials.resolveAuth('Per_User_API', { variables: {} });
    expect(server.requests).toHaveLength(3);
  });

  it('says what is missing before saving, and a refused save keeps the form as typed', async () => {
    const app = await start();
    const { page } = app;
    await newProfile(page, 'Broken API', 'ftp://nowhere');
    await choose(page, 'Authentication Protocol', 'JWT Token Exchange');
    await editor(page).getByRole('textbox', { name: 'Custom Claims' }).fill('{"a": ');
    await save(page);
    const summary = editor(page).getByRole('alert').first();
    await expect.poll(() => summary.textContent()).toContain('before saving');
    const text = (await summary.textContent())!;
    expect(text).toContain('Enter a URL that starts with https:// or http://.');
    expect(text).toContain('JWT Token Exchange: enter the Token Endpoint URL.');
    expect(text).toContain('JWT Token Exchange: choose the JWT Signing Certificate.');
    expect(text).toContain('Custom Claims is not valid JSON');
    expect(await stored(app)).toEqual([]);

    // A name taken by another profile: the server refuses, the form keeps everything typed.
    unwrapResult(
      await app.backend.dispatch('credentials.create', [{ profile: { label: 'Taken', name: 'Taken_Name', url: 'https://x.example' } }]),
    );
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await editor(page).getByRole('textbox', { name: 'Label', exact: true }).fill('Second');
    await editor(page).getByRole('textbox', { name: 'Name', exact: true }).fill('Taken_Name');
    await editor(page).getByRole('textbox', { name: 'Named Principal Subject' }).fill('keep-me');
    await save(page);
    await expect.poll(() => editor(page).getByRole('alert').textContent()).toContain('A named credential called Taken_Name already exists');
    expect(await editor(page).getByRole('textbox', { name: 'Named Principal Subject' }).inputValue()).toBe('keep-me');
    expect(await editor(page).getByRole('textbox', { name: 'Label' }).inputValue()).toBe('Second');
  });

  it('asks before discarding unsaved changes, and keeps them across tabs', async () => {
    const app = await start();
    const { page } = app;
    for (const label of ['First API', 'Second API']) {
      unwrapResult(
        await app.backend.dispatch('credentials.create', [{ profile: { label, name: label.replace(' ', '_'), url: 'https://x.example' } }]),
      );
    }
    await page.getByRole('button', { name: 'Open First API' }).click();
    await editor(page).getByRole('textbox', { name: 'URL', exact: true }).fill('https://changed.example');
    expect(await editor(page).getByText('Unsaved changes').isVisible()).toBe(true);

    await page.getByRole('tab', { name: 'Certificates' }).click();
    await openCredentialsTab(page);
    expect(await editor(page).getByRole('textbox', { name: 'URL', exact: true }).inputValue()).toBe('https://changed.example');

    await page.getByRole('button', { name: 'Open Second API' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    expect(await editor(page).getByRole('textbox', { name: 'URL', exact: true }).inputValue()).toBe('https://changed.example');

    await page.getByRole('button', { name: 'Open Second API' }).click();
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => editor(page).getByRole('heading', { name: 'Second API' }).isVisible()).toBe(true);
    expect((await stored(app)).find((profile) => profile.name === 'First_API')!.url).toBe('https://x.example');
  });

  it('duplicates and deletes with confirmation', async () => {
    const app = await start();
    const { page } = app;
    unwrapResult(
      await app.backend.dispatch('credentials.create', [{ profile: { label: 'Orders', name: 'Orders', url: 'https://x.example' } }]),
    );
    await page.getByRole('button', { name: 'Open Orders' }).click();
    await editor(page).getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => editor(page).getByRole('heading', { name: 'Orders (copy)' }).isVisible()).toBe(true);
    await editor(page).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Orders (copy)?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(async () => (await stored(app)).map((profile) => profile.name)).toEqual(['Orders']);
  });

  it('Duplicate with unsaved changes asks first: Keep editing keeps the form, Discard duplicates the saved profile', async () => {
    const app = await start();
    const { page } = app;
    unwrapResult(
      await app.backend.dispatch('credentials.create', [{ profile: { label: 'Orders', name: 'Orders', url: 'https://x.example' } }]),
    );
    await page.getByRole('button', { name: 'Open Orders' }).click();
    const url = editor(page).getByRole('textbox', { name: 'URL', exact: true });
    await url.fill('https://half-written.example');
    await editor(page).getByRole('button', { name: 'Duplicate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await editor(page).getByRole('heading', { name: 'Orders', exact: true }).isVisible()).toBe(true);
    expect(await url.inputValue()).toBe('https://half-written.example');
    expect((await stored(app)).map((profile) => profile.name)).toEqual(['Orders']);

    await editor(page).getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => editor(page).getByRole('heading', { name: 'Orders (copy)' }).isVisible()).toBe(true);
    expect(await url.inputValue()).toBe('https://x.example');
    expect((await stored(app)).map((profile) => [profile.name, profile.url])).toEqual([
      ['Orders', 'https://x.example'],
      ['Orders_copy', 'https://x.example'],
    ]);
  });
});
