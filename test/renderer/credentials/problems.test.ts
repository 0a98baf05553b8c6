// Bad input in the Named Credentials tab: a deleted signing certificate, reserved claims, Per User subjects.
import { describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../shared/contract/certificates';
import type { NamedCredentialView, TokenPreview } from '../../../shared/contract/credentials';
import { pickFields } from '../../../electron/services/credentials/portable';
import { unwrapResult } from '../../harness/rpc';
import { useSignetWindows } from '../../harness/signet';
import { choose, editor, expectListed, newProfile, openCredentialsTab, save, storeLegacyJwtProfile } from './helpers';

const { openUnlocked } = useSignetWindows();

describe('Named Credentials: problems shown where they are', () => {
  it('a profile whose signing certificate is gone says so, and Preview refuses to mint', async () => {
    const app = await openUnlocked();
    const { page } = app;
    const cert = unwrapResult<CertificateRecord>(
      await app.backend.dispatch('certificates.createSelfSigned', [{ label: 'Old key', name: 'Old_key', keyAlgorithm: 'EC-P256' }]),
    );
    // As after an import from another machine: the reference points nowhere.
    await storeLegacyJwtProfile(app, cert, 'gone', 'ES256');
    await openCredentialsTab(page);
    await expectListed(page, 'Legacy API');
    expect(await page.getByRole('table', { name: 'Named credentials' }).getByText('needs attention').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Open Legacy API' }).click();
    await expect
      .poll(() => editor(page).getByText('JWT Signing Certificate: the certificate was deleted. Choose another one.').first().isVisible())
      .toBe(true);
    await editor(page).getByRole('button', { name: 'Preview Token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Preview Token' });
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('the certificate was deleted');
  });

  it('a profile whose Token Endpoint CA Certificate is gone says so at the field, and Preview refuses to fetch', async () => {
    const app = await openUnlocked();
    const { page } = app;
    const signing = unwrapResult<CertificateRecord>(
      await app.backend.dispatch('certificates.createSelfSigned', [{ label: 'Signer', name: 'Signer', keyAlgorithm: 'EC-P256' }]),
    );
    const view = unwrapResult<NamedCredentialView>(
      await app.backend.dispatch('credentials.create', [
        {
          profile: {
            label: 'Exchange API',
            name: 'Exchange_API',
            url: 'https://x.example',
            protocol: 'jwt-exchange',
            tokenEndpointUrl: 'https://auth.example/token',
            jwt: { algorithm: 'ES256', signingCertificateId: signing.id, audiences: ['https://auth.example/token'] },
          },
        },
      ]),
    );
    // As after an import from another machine: the CA it trusted is not here.
    const store = app.backend.graph.internal.credentialStore;
    store.replaceFields(view.id, { ...pickFields(store.get(view.id)), tokenEndpointCaCertificateId: 'gone' });
    await openCredentialsTab(page);
    await expectListed(page, 'Exchange API');
    await page.getByRole('button', { name: 'Open Exchange API' }).click();
    const message = 'Token Endpoint CA Certificate: the certificate was deleted. Choose another one.';
    await expect.poll(() => editor(page).getByText(message).first().isVisible()).toBe(true);
    await editor(page).getByRole('button', { name: 'Preview Token' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Preview Token' }).getByRole('alert').textContent()).toContain(message);
  });

  it('Send Scope as is offered where a JWT can carry scope, not with a client secret', async () => {
    const app = await openUnlocked();
    const { page } = app;
    await openCredentialsTab(page);
    await newProfile(page, 'Scope API');
    await choose(page, 'Authentication Protocol', 'OAuth 2.0 Client Credentials');
    const placement = editor(page).getByRole('radiogroup', { name: 'Send Scope as' });
    await expect.poll(() => placement.isVisible()).toBe(true);
    await choose(page, 'Client Authentication', 'client_secret_post');
    await expect.poll(() => placement.count()).toBe(0);
    expect(await editor(page).getByRole('textbox', { name: 'Scope', exact: true }).isVisible()).toBe(true);
    await choose(page, 'Authentication Protocol', 'JWT Token Exchange');
    await expect.poll(() => placement.isVisible()).toBe(true);
  });

  it('warns when Custom Claims override a registered claim, but saves', async () => {
    const app = await openUnlocked();
    const { page } = app;
    unwrapResult(await app.backend.dispatch('certificates.createSelfSigned', [{ label: 'Key', name: 'Key', keyAlgorithm: 'RSA-2048' }]));
    await openCredentialsTab(page);
    await newProfile(page, 'Claims API');
    await choose(page, 'Authentication Protocol', 'JWT');
    await choose(page, 'JWT Signing Certificate', /Key/);
    await editor(page).getByRole('textbox', { name: 'Custom Claims' }).fill('{"exp": 1, "iss": "me"}');
    await expect.poll(() => editor(page).getByLabel('Warnings').textContent()).toContain('Custom Claims override exp, iss');
    await save(page);
    await expectListed(page, 'Claims API');
  });

  it('Per User: a table of users and subjects; the active user’s subject is sent', async () => {
    const app = await openUnlocked();
    const { page } = app;
    unwrapResult(await app.backend.dispatch('certificates.createSelfSigned', [{ label: 'Key', name: 'Key', keyAlgorithm: 'EC-P256' }]));
    await openCredentialsTab(page);
    await newProfile(page, 'Per user API');
    await choose(page, 'Identity Type', 'Per User');
    await choose(page, 'Authentication Protocol', 'JWT');
    await choose(page, 'JWT Signing Certificate', /Key/);
    await save(page);
    await expect.poll(() => editor(page).getByRole('alert').first().textContent()).toContain('Per User: add at least one user');
    for (const [index, user, subject] of [
      [1, 'alice', 'alice@example.com'],
      [2, 'bob', 'bob@example.com'],
    ] as const) {
      await editor(page).getByRole('button', { name: 'Add user' }).click();
      await editor(page)
        .getByRole('textbox', { name: `User ${index}`, exact: true })
        .fill(user);
      await editor(page)
        .getByRole('textbox', { name: `Subject for user ${index}` })
        .fill(subject);
    }
    await editor(page).getByRole('radio', { name: 'Active user 2' }).check();
    await save(page);
    await expectListed(page, 'Per user API');
    const [profile] = unwrapResult<NamedCredentialView[]>(await app.backend.dispatch('credentials.list', []));
    expect(profile).toMatchObject({ identityType: 'per-user', activeUser: 'bob', perUserSubjects: [{ user: 'alice' }, { user: 'bob' }] });
    const preview = unwrapResult<TokenPreview>(await app.backend.dispatch('credentials.previewToken', [{ id: profile!.id }]));
    expect(preview.decoded?.claims.sub).toBe('bob@example.com');
  });
});
