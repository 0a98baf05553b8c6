// OAuth 2.0 Client Credentials against oidc-provider (a maintained OAuth server Signet did not write) on
// 127.0.0.1: private_key_jwt (RFC 7523 §2.2), client_secret_basic and client_secret_post.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../shared/contract/certificates';
import type { TokenPreview } from '../../../shared/contract/credentials';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';
import { createProfile, errorOf, makeCertificate, profileInput, unlockedBackend } from './setup';

const SECRET = 'a secret with spaces & symbols: %+/=';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function startProvider(backend: TestBackend, signing: CertificateRecord[]) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jwks = { keys: await Promise.all(signing.map((record) => backend.graph.internal.certificates.publicJwk(record.id))) };
  const common = { grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: 'orders.read' };
  const provider = new Provider(issuer, {
    clients: [
      { client_id: 'pkjwt-client', token_endpoint_auth_method: 'private_key_jwt', jwks, ...common },
      { client_id: 'basic client', client_secret: SECRET, token_endpoint_auth_method: 'client_secret_basic', ...common },
      { client_id: 'post-client', client_secret: SECRET, token_endpoint_auth_method: 'client_secret_post', ...common },
    ],
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    scopes: ['orders.read'],
    cookies: { keys: ['test-only-cookie-key'] },
    ttl: { ClientCredentials: 600 },
  });
  const seen: { params: Record<string, unknown>; authorization?: string }[] = [];
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token') seen.push({ params: { ...(ctx.oidc?.params ?? {}) }, authorization: ctx.headers.authorization });
  });
  server.on('request', provider.callback());
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { tokenUrl: `${issuer}/token`, seen };
}

describe('OAuth 2.0 Client Credentials (oidc-provider)', () => {
  it.each([
    ['ES256', 'EC-P256'],
    ['RS256', 'RSA-2048'],
    ['EdDSA', 'Ed25519'],
  ] as const)('private_key_jwt with %s: the provider verifies the client assertion and issues a token', async (alg, keyAlgorithm) => {
    const backend = await unlockedBackend();
    const signing = await makeCertificate(backend, keyAlgorithm);
    const { tokenUrl, seen } = await startProvider(backend, [signing]);
    await createProfile(
      backend,
      profileInput({
        protocol: 'client-credentials',
        tokenEndpointUrl: tokenUrl,
        clientId: 'pkjwt-client',
        clientAuth: 'private_key_jwt',
        scope: 'orders.read',
        jwt: { algorithm: alg, signingCertificateId: signing.id, audiences: [] },
      }),
    );
    const resolved = await backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: {} });
    expect(resolved.headers[0]!.value).toMatch(/^Bearer [\w-]{20,}$/);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.params).toMatchObject({
      grant_type: 'client_credentials',
      client_id: 'pkjwt-client',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      scope: 'orders.read',
    });
    const assertionStep = resolved.trace.steps[0];
    if (assertionStep?.kind !== 'jwt') throw new Error('expected the client assertion first');
    // RFC 7523 §3: iss = sub = client_id; aud defaults to the token endpoint; a jti (the provider refuses replays).
    expect(assertionStep).toMatchObject({
      purpose: 'client-assertion',
      claims: { iss: 'pkjwt-client', sub: 'pkjwt-client', aud: tokenUrl },
    });
    expect(assertionStep.header).toMatchObject({ alg, kid: signing.jwkThumbprint });
    expect(assertionStep.claims.jti).toEqual(expect.any(String));
    expect(resolved.trace.steps[1]).toMatchObject({
      kind: 'token-request',
      status: 200,
      response: { token_type: 'Bearer', scope: 'orders.read' },
    });
  });

  it('client_secret_basic sends the form-encoded client id and secret in the Authorization header', async () => {
    const backend = await unlockedBackend();
    const { tokenUrl, seen } = await startProvider(backend, []);
    const view = await createProfile(
      backend,
      profileInput({
        protocol: 'client-credentials',
        tokenEndpointUrl: tokenUrl,
        clientId: 'basic client',
        clientAuth: 'client_secret_basic',
        scope: 'orders.read',
      }),
      { clientSecret: SECRET },
    );
    const preview = { value: unwrapResult<TokenPreview>(await backend.dispatch('credentials.previewToken', [{ id: view.id }])) };
    expect(preview.value).toMatchObject({ kind: 'access-token', tokenType: 'Bearer', token: expect.any(String) });
    const expected = `Basic ${Buffer.from(`basic+client:${new URLSearchParams({ s: SECRET }).toString().slice(2)}`).toString('base64')}`;
    expect(seen[0]!.authorization).toBe(expected);
    expect(seen[0]!.params.client_secret).toBeUndefined();
    // The trace never shows the credentials that were sent: not the header's base64, not the secret in any form.
    const shown = JSON.stringify(preview.value);
    expect(shown).not.toContain(expected.slice('Basic '.length));
    expect(shown).not.toContain(new URLSearchParams({ s: SECRET }).toString().slice(2));
    expect(shown).not.toContain(SECRET);
    const request = preview.value.trace.steps.find((step) => step.kind === 'token-request');
    expect(request?.kind === 'token-request' && request.requestHeaders.authorization).toBe('Basic [redacted]');
  });

  it('client_secret_post sends client_id and client_secret in the form, redacted in the trace', async () => {
    const backend = await unlockedBackend();
    const { tokenUrl, seen } = await startProvider(backend, []);
    const view = await createProfile(
      backend,
      profileInput({
        protocol: 'client-credentials',
        tokenEndpointUrl: tokenUrl,
        clientId: 'post-client',
        clientAuth: 'client_secret_post',
      }),
      { clientSecret: SECRET },
    );
    const preview = { value: unwrapResult<TokenPreview>(await backend.dispatch('credentials.previewToken', [{ id: view.id }])) };
    expect(seen[0]!.params).toMatchObject({ client_id: 'post-client', client_secret: SECRET, grant_type: 'client_credentials' });
    expect(JSON.stringify(preview.value)).not.toContain(SECRET);
    const step = preview.value.trace.steps.find((entry) => entry.kind === 'token-request');
    expect(step?.kind === 'token-request' && step.requestParams.client_secret).toBe('[redacted]');
  });

  it('a client secret signs no JWT: Scope goes in the form even when Send Scope as says claim', async () => {
    const backend = await unlockedBackend();
    const { tokenUrl, seen } = await startProvider(backend, []);
    const view = await createProfile(
      backend,
      profileInput({
        protocol: 'client-credentials',
        tokenEndpointUrl: tokenUrl,
        clientId: 'post-client',
        clientAuth: 'client_secret_post',
        scope: 'orders.read',
        scopePlacement: 'claim',
      }),
      { clientSecret: SECRET },
    );
    const preview = unwrapResult<TokenPreview>(await backend.dispatch('credentials.previewToken', [{ id: view.id }]));
    expect(seen[0]!.params).toMatchObject({ grant_type: 'client_credentials', client_id: 'post-client', scope: 'orders.read' });
    // The provider granted the scope asked for.
    expect(preview.trace.steps[0]).toMatchObject({ kind: 'token-request', status: 200, response: { scope: 'orders.read' } });
  });

  it('a wrong secret comes back as invalid_client with advice', async () => {
    const backend = await unlockedBackend();
    const { tokenUrl } = await startProvider(backend, []);
    const view = await createProfile(
      backend,
      profileInput({
        protocol: 'client-credentials',
        tokenEndpointUrl: tokenUrl,
        clientId: 'post-client',
        clientAuth: 'client_secret_post',
      }),
      { clientSecret: 'wrong' },
    );
    const failure = errorOf(await backend.dispatch('credentials.previewToken', [{ id: view.id }]));
    expect(failure.code).toBe('TOKEN_EXCHANGE_FAILED');
    expect(failure.message).toMatch(/^invalid_client: .* — the client was not recognised or did not authenticate/);
  });
});
