// Profiles through the bridge: create, validate per protocol, secrets only in the vault, duplicate, delete,
// JSON export/import with conflict choices, merge fields and custom headers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport, NamedCredentialView } from '../../../shared/contract/credentials';
import { unwrapResult } from '../../harness/rpc';
import { createProfile, errorOf, makeCertificate, profileInput, unlockedBackend } from './setup';

describe('named credential profiles', () => {
  it('keeps secrets in the vault only: not in the profile, not in its file, not over the bridge', async () => {
    const backend = await unlockedBackend();
    const view = await createProfile(backend, profileInput({ protocol: 'password', username: 'api-user' }), {
      password: 'p4ss-w0rd-secret',
    });
    expect(view.secrets).toEqual({ password: true, bearerToken: false, clientSecret: false, hmacSecret: false });
    const file = readFileSync(join(backend.dataFolder, 'named-credentials.json'), 'utf8');
    expect(file).toContain('api-user');
    expect(file).not.toContain('p4ss-w0rd-secret');
    expect(JSON.stringify(unwrapResult(await backend.dispatch('credentials.list', [])))).not.toContain('p4ss-w0rd-secret');

    const resolved = await backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: {} });
    expect(resolved.headers).toEqual([
      { name: 'Authorization', value: `Basic ${Buffer.from('api-user:p4ss-w0rd-secret').toString('base64')}` },
    ]);
    // Preview does not reveal Basic credentials.
    const preview = unwrapResult(await backend.dispatch('credentials.previewToken', [{ id: view.id }]));
    expect(preview).toMatchObject({ kind: 'none', token: null });
    expect(JSON.stringify(preview)).not.toContain('p4ss');

    // Saving without secrets keeps them; null clears them (and then the profile is incomplete).
    const kept = unwrapResult<NamedCredentialView>(
      await backend.dispatch('credentials.update', [
        { id: view.id, profile: { ...profileInput({ protocol: 'password', username: 'other' }) } },
      ]),
    );
    expect(kept.secrets.password).toBe(true);
    const cleared = errorOf(
      await backend.dispatch('credentials.update', [
        { id: view.id, profile: profileInput({ protocol: 'password', username: 'x' }), secrets: { password: null } },
      ]),
    );
    expect(cleared).toMatchObject({ code: 'BAD_INPUT', message: 'Password Authentication: enter the Password.' });
  });

  it('refuses incomplete profiles per protocol with messages that say what to enter', async () => {
    const backend = await unlockedBackend();
    const rsa = await makeCertificate(backend, 'RSA-2048');
    const cases: [Parameters<typeof profileInput>[0], RegExp][] = [
      [{ protocol: 'password' }, /enter the Username.*enter the Password/],
      [{ protocol: 'bearer' }, /Bearer Token: enter the token/],
      [{ protocol: 'jwt' }, /JWT: choose the JWT Signing Certificate/],
      [{ protocol: 'jwt-exchange', jwt: { signingCertificateId: rsa.id } }, /JWT Token Exchange: enter the Token Endpoint URL/],
      [
        { protocol: 'client-credentials', clientAuth: 'client_secret_post', tokenEndpointUrl: 'https://a.example/token' },
        /enter the Client ID.*client_secret_post: enter the Client Secret/,
      ],
      [
        { protocol: 'jwt', jwt: { signingCertificateId: rsa.id, algorithm: 'ES256' } },
        /ES256 does not fit .*RSA-2048 key\. Choose RS256, RS384/,
      ],
      [{ protocol: 'jwt', jwt: { signingCertificateId: rsa.id, customClaims: '{"a":' } }, /Custom Claims is not valid JSON/],
      [{ protocol: 'jwt', jwt: { signingCertificateId: rsa.id, customClaims: '[1]' } }, /Custom Claims must be a JSON object/],
      [{ protocol: 'jwt', jwt: { algorithm: 'HS256' } }, /HS256: enter the HMAC secret/],
      [{ identityType: 'per-user' }, /Per User: add at least one user/],
      [{ url: 'ftp://example.com' }, /starts with https:\/\/ or http:\/\//],
      [{ url: 'https://example.com/a?b=c' }, /Leave out the query string/],
      [{ name: 'bad name' }, /letters, digits and single underscores/],
    ];
    for (const [overrides, message] of cases) {
      const failure = errorOf(await backend.dispatch('credentials.create', [{ profile: profileInput(overrides) }]));
      expect(failure.code, JSON.stringify(overrides)).toBe('BAD_INPUT');
      expect(failure.message, JSON.stringify(overrides)).toMatch(message);
    }
    // Warnings do not block: a reserved claim overridden, a static token.
    const warned = await createProfile(
      backend,
      profileInput({ protocol: 'jwt', jwt: { signingCertificateId: rsa.id, customClaims: '{"aud":"x"}' } }),
    );
    expect(warned.problems).toEqual([
      expect.objectContaining({ severity: 'warning', field: 'jwt.customClaims', message: expect.stringMatching(/override aud/) }),
    ]);
  });

  it('records when a profile was last used, and persists it in batches', async () => {
    const backend = await unlockedBackend();
    const view = await createProfile(backend, profileInput());
    expect(view.lastUsedAt).toBeNull();
    await backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: {} });
    const listed = unwrapResult<NamedCredentialView[]>(await backend.dispatch('credentials.list', []));
    expect(Date.now() - Date.parse(listed[0]!.lastUsedAt!)).toBeLessThan(5_000);
    expect(readFileSync(join(backend.dataFolder, 'named-credentials.json'), 'utf8')).toContain('"lastUsedAt": null');
    expect(backend.graph.internal.credentialStore.flushLastUsed()).toBe(true);
    expect(readFileSync(join(backend.dataFolder, 'named-credentials.json'), 'utf8')).toContain(`"lastUsedAt": "${listed[0]!.lastUsedAt}"`);
    expect(backend.graph.internal.credentialStore.flushLastUsed()).toBe(false);
  });

  it('enforces unique names, duplicates with secrets, deletes with them', async () => {
    const backend = await unlockedBackend();
    const view = await createProfile(backend, profileInput({ protocol: 'bearer' }), { bearerToken: 'static-token-123' });
    expect(errorOf(await backend.dispatch('credentials.create', [{ profile: profileInput({ name: 'orders_api' }) }]))).toMatchObject({
      code: 'CONFLICT',
    });
    const copy = unwrapResult<NamedCredentialView>(await backend.dispatch('credentials.duplicate', [view.id]));
    expect(copy).toMatchObject({ label: 'Orders API (copy)', name: 'Orders_API_copy', secrets: { bearerToken: true } });
    const resolved = await backend.graph.internal.credentials.resolveAuth('Orders_API_copy', { variables: {} });
    expect(resolved.headers[0]!.value).toBe('Bearer static-token-123');
    unwrapResult(await backend.dispatch('credentials.remove', [view.id]));
    expect(backend.graph.internal.vault.has(`credential:${view.id}:bearerToken`)).toBe(false);
    expect(backend.graph.internal.credentialStore.list().map((profile) => profile.name)).toEqual(['Orders_API_copy']);
    await expect(backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: {} })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(backend.events.some((event) => event.name === 'credentials.changed')).toBe(true);
  });

  it('applies custom headers and merge fields where the profile allows them', async () => {
    const backend = await unlockedBackend();
    await createProfile(
      backend,
      profileInput({
        protocol: 'password',
        username: 'svc',
        generateAuthorizationHeader: false,
        allowMergeFieldsInBody: true,
        customHeaders: [
          { name: 'X-Tenant', value: '{{tenant}}' },
          { name: 'X-Auth', value: '{!$Credential.AuthorizationMethod} {!$Credential.AuthorizationHeaderValue}' },
        ],
      }),
      { password: 'a<b>&"c' },
    );
    const resolved = await backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: { tenant: 'acme' } });
    const basic = Buffer.from('svc:a<b>&"c').toString('base64');
    expect(resolved.headers).toEqual([
      { name: 'X-Tenant', value: 'acme' },
      { name: 'X-Auth', value: `Basic ${basic}` },
    ]);
    expect(resolved.mergeFields).toMatchObject({ inHeaders: false, inBody: true });
    expect(
      resolved.mergeFields.apply('<user>{!$Credential.Username}</user><p>{!HTMLENCODE($Credential.Password)}</p>{!$Credential.Unknown}'),
    ).toBe('<user>svc</user><p>a&lt;b&gt;&amp;&quot;c</p>{!$Credential.Unknown}');
  });

  it('exports to JSON without secrets and imports with skip, rename or overwrite', async () => {
    const backend = await unlockedBackend();
    const certificate = await makeCertificate(backend, 'EC-P256', 'Signing_Key');
    const view = await createProfile(
      backend,
      profileInput({
        protocol: 'client-credentials',
        clientAuth: 'client_secret_post',
        clientId: 'c1',
        tokenEndpointUrl: 'https://auth.example.com/token',
        jwt: { signingCertificateId: certificate.id, algorithm: 'ES256' },
      }),
      { clientSecret: 'top-secret-value' },
    );
    const path = join(backend.dataFolder, 'export.json');
    expect(unwrapResult(await backend.dispatch('credentials.exportProfiles', [{ ids: [view.id], destination: { path } }]))).toMatchObject({
      saved: true,
      path,
    });
    const content = readFileSync(path, 'utf8');
    expect(content).not.toContain('top-secret-value');
    expect(content).not.toContain(certificate.id);
    expect(JSON.parse(content).credentials[0].jwt.signingCertificate).toBe('Signing_Key');

    const skip = unwrapResult<ImportReport>(await backend.dispatch('credentials.importProfiles', [{ content, conflict: 'skip' }]));
    expect(skip).toMatchObject({ created: [], skipped: ['Orders_API'] });
    const renamed = unwrapResult<ImportReport>(await backend.dispatch('credentials.importProfiles', [{ content, conflict: 'rename' }]));
    expect(renamed.renamed).toEqual([{ from: 'Orders_API', to: 'Orders_API_2' }]);
    expect(renamed.warnings).toEqual(['Orders API: enter the Client Secret (secrets are never exported).']);
    const imported = backend.graph.internal.credentialStore.findByName('Orders_API_2')!;
    expect(imported.jwt.signingCertificateId).toBe(certificate.id);
    const overwrite = unwrapResult<ImportReport>(
      await backend.dispatch('credentials.importProfiles', [{ content: content.replace('"c1"', '"c2"'), conflict: 'overwrite' }]),
    );
    expect(overwrite.overwritten).toEqual(['Orders_API']);
    expect(backend.graph.internal.credentialStore.get(view.id)).toMatchObject({ clientId: 'c2', secrets: { clientSecret: true } });

    // Into a data folder without the certificate: imported, with a warning, and the profile says what is missing.
    const other = await unlockedBackend();
    const report = unwrapResult<ImportReport>(await other.dispatch('credentials.importProfiles', [{ content, conflict: 'skip' }]));
    expect(report.warnings[0]).toMatch(/JWT Signing Certificate Signing_Key is not in this Certificates tab/);
    expect(errorOf(await other.dispatch('credentials.importProfiles', [{ content: '{"x":1}' }]))).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
    });
    expect(errorOf(await other.dispatch('credentials.importProfiles', [{ content: 'not json' }]))).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
    });
  });
});
