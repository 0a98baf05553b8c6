// JWT Token Exchange against a real token endpoint on 127.0.0.1: form body, assertion claims, caching,
// refresh, mutual TLS on the token request, and every way the endpoint can fail.
import { X509Certificate, createPublicKey, verify } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CredentialEngine } from '../../../electron/services/credentials/credential-engine';
import { closedPort, localhostCertificate } from '../../harness/servers';
import type { TestBackend } from '../../harness/services';
import { createProfile, errorOf, makeCertificate, profileInput, unlockedBackend } from './setup';
import { startTokenServer } from './token-endpoint-server';

async function exchangeSetup(options: { expiresIn?: number; profile?: Parameters<typeof profileInput>[0] } = {}) {
  const backend = await unlockedBackend();
  const certificate = await makeCertificate(backend, 'EC-P256');
  const server = await startTokenServer({ publicKeyPem: certificate.publicKeyPem, expiresIn: options.expiresIn });
  const view = await createProfile(
    backend,
    profileInput({
      protocol: 'jwt-exchange',
      namedPrincipalSubject: 'integration-user',
      tokenEndpointUrl: server.tokenUrl,
      scope: 'orders.read orders.write',
      extraParams: [{ name: 'resource', value: 'https://api.example.com/{{tenant}}' }],
      refreshOnStatus: [403],
      ...options.profile,
      jwt: { algorithm: 'ES256', signingCertificateId: certificate.id, audiences: [server.tokenUrl], ...options.profile?.jwt },
    }),
  );
  const resolve = (extra: { forceRefresh?: boolean; user?: string } = {}) =>
    backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: { tenant: 'acme' }, ...extra });
  return { backend, certificate, server, view, resolve };
}

describe('JWT Token Exchange', () => {
  it('posts the jwt-bearer grant with the signed assertion and sends the returned access token', async () => {
    const { server, resolve, certificate } = await exchangeSetup();
    const resolved = await resolve();

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/oauth2/token' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = server.forms[0]!;
    expect([...form.keys()].sort()).toEqual(['assertion', 'grant_type', 'resource', 'scope']);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(form.get('scope')).toBe('orders.read orders.write');
    expect(form.get('resource')).toBe('https://api.example.com/acme');
    // The assertion verified at the server (fast-jwt) and carries the profile's claims; scope stays out (form placement).
    expect(server.assertions[0]).toMatchObject({ iss: 'signet-client', sub: 'integration-user', aud: server.tokenUrl });
    expect(server.assertions[0]).not.toHaveProperty('scope');
    // Signed by the profile's certificate as configured: ES256, kid = its JWK thumbprint, an IEEE P1363 signature (RFC 7518 §3.4).
    const [header, payload, signature] = form.get('assertion')!.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'ES256', typ: 'JWT', kid: certificate.jwkThumbprint });
    const signed = Buffer.from(`${header}.${payload}`);
    const publicKey = createPublicKey(certificate.publicKeyPem);
    expect(verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))).toBe(true);

    expect(resolved.headers).toEqual([{ name: 'Authorization', value: `Bearer access-token-1-${'x'.repeat(24)}` }]);
    expect(resolved.refreshOn).toEqual([403]);
    const [jwtStep, requestStep] = resolved.trace.steps;
    expect(jwtStep).toMatchObject({ kind: 'jwt', purpose: 'assertion', fromCache: false });
    expect(requestStep).toMatchObject({ kind: 'token-request', status: 200, url: server.tokenUrl });
    if (requestStep?.kind !== 'token-request') throw new Error('no token request step');
    expect(requestStep.requestParams.assertion).toMatch(/^[\w-]+\.[\w-]+\.\[signature redacted\]$/);
    expect(requestStep.response).toMatchObject({ access_token: expect.stringMatching(/… \(\d+ characters\)$/), expires_in: 3600 });
  });

  it('puts scope in the assertion as a claim, or in both places, as configured', async () => {
    const claim = await exchangeSetup({ profile: { scopePlacement: 'claim' } });
    await claim.resolve();
    expect(claim.server.forms[0]!.has('scope')).toBe(false);
    expect(claim.server.assertions[0]).toMatchObject({ scope: 'orders.read orders.write' });

    const both = await exchangeSetup({ profile: { scopePlacement: 'both' } });
    await both.resolve();
    expect(both.server.forms[0]!.get('scope')).toBe('orders.read orders.write');
    expect(both.server.assertions[0]).toMatchObject({ scope: 'orders.read orders.write' });
  });

  it('caches the access token: 1 000 callouts within its lifetime make exactly one token request', async () => {
    const { server, resolve } = await exchangeSetup();
    const burst = await Promise.all(Array.from({ length: 50 }, () => resolve()));
    for (let i = 0; i < 950; i++) burst.push(await resolve());
    expect(server.requests).toHaveLength(1);
    expect(new Set(burst.map((resolved) => resolved.headers[0]!.value)).size).toBe(1);
    expect(burst.at(-1)!.trace.steps).toEqual([
      { kind: 'cached-token', tokenType: 'Bearer', expiresAt: expect.any(String), timesUsed: 1000 },
    ]);
  });

  it('fetches again after a refresh status (forceRefresh), after invalidate, and when the token is within the skew of expiry', async () => {
    const { server, resolve, backend } = await exchangeSetup();
    await resolve();
    const refreshed = await resolve({ forceRefresh: true });
    expect(server.requests).toHaveLength(2);
    expect(refreshed.headers[0]!.value).toContain('access-token-2');
    backend.graph.internal.credentials.invalidate('ORDERS_API');
    await resolve();
    expect(server.requests).toHaveLength(3);

    // expires_in 30 with a 30 s clock skew: already due, so every callout fetches.
    const due = await exchangeSetup({ expiresIn: 30 });
    await due.resolve();
    await due.resolve();
    expect(due.server.requests).toHaveLength(2);
  });

  it('forgets cached tokens and keys when the vault locks; resolving then asks to unlock', async () => {
    const { server, resolve, backend } = await exchangeSetup();
    await resolve();
    backend.graph.internal.vault.lock();
    await expect(resolve()).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await backend.graph.internal.vault.unlock('a good passphrase');
    await resolve();
    expect(server.requests).toHaveLength(2);
  });

  it('keeps one cache entry and subject per user for Per User', async () => {
    const { server, resolve } = await exchangeSetup({
      profile: {
        identityType: 'per-user',
        perUserSubjects: [
          { user: 'alice', subject: 'alice@example.com' },
          { user: 'bob', subject: 'bob@example.com' },
        ],
        activeUser: 'alice',
      },
    });
    await resolve();
    await resolve({ user: 'bob' });
    await resolve();
    expect(server.assertions.map((claims) => claims.sub)).toEqual(['alice@example.com', 'bob@example.com']);
  });

  it('presents the profile certificate for mutual TLS on the token request', async () => {
    const backend = await unlockedBackend();
    const signing = await makeCertificate(backend, 'RSA-2048');
    const client = await makeCertificate(backend, 'EC-P256');
    const serverTls = await localhostCertificate();
    const ca = await backend.graph.internal.certificates.add({
      name: 'Token_Server_CA',
      label: 'Token server',
      kind: 'imported',
      exportable: false,
      publicKey: serverTls.keys.publicKey,
      chain: [new X509Certificate(serverTls.cert).raw],
    });
    const server = await startTokenServer({
      publicKeyPem: signing.publicKeyPem,
      tls: { cert: serverTls.cert, key: serverTls.key, ca: [client.chainPem], requestCert: true, rejectUnauthorized: true },
    });
    let presented = '';
    server.server.prependListener('request', (request) => {
      presented = (request.socket as TLSSocket).getPeerCertificate().fingerprint256;
    });
    await createProfile(
      backend,
      profileInput({
        protocol: 'jwt-exchange',
        clientCertificateId: client.id,
        tokenEndpointCaCertificateId: ca.id,
        tokenEndpointUrl: server.tokenUrl,
        jwt: { algorithm: 'RS256', signingCertificateId: signing.id, audiences: [server.tokenUrl] },
      }),
    );
    const resolved = await backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: {} });
    expect(presented).toBe(client.fingerprints.sha256);
    expect(resolved.headers[0]!.value).toMatch(/^Bearer access-token-1/);
    expect(resolved.clientTls?.cert).toBe(client.chainPem);
    expect(resolved.clientTls?.key).toMatch(/BEGIN PRIVATE KEY/);

    // Without the CA the server's certificate is refused: a TLS error naming the problem.
    const untrusted = await createProfile(
      backend,
      profileInput({
        name: 'No_CA',
        protocol: 'jwt-exchange',
        tokenEndpointUrl: server.tokenUrl,
        jwt: { algorithm: 'RS256', signingCertificateId: signing.id, audiences: [server.tokenUrl] },
      }),
    );
    const failure = errorOf(await backend.dispatch('credentials.previewToken', [{ id: untrusted.id }]));
    expect(failure.code).toBe('TLS');
    expect(failure.message).toMatch(/self-signed|not signed by a CA/);
  });
});

describe('token endpoint failures', () => {
  async function previewFailure(backend: TestBackend, id: string) {
    return errorOf(await backend.dispatch('credentials.previewToken', [{ id }]));
  }

  it('maps an RFC 6749 error to a clear message and keeps the trace', async () => {
    const { server, backend, view } = await exchangeSetup();
    server.respond(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'audience is invalid' } }));
    const failure = await previewFailure(backend, view.id);
    expect(failure.code).toBe('TOKEN_EXCHANGE_FAILED');
    expect(failure.message).toMatch(/^invalid_grant: audience is invalid — the token endpoint expects aud = /);
    expect(failure.message).toContain(JSON.stringify(server.tokenUrl));
    const trace = failure.details?.trace as { steps: { kind: string; status?: number; error?: { error: string } }[] };
    expect(trace.steps.map((step) => step.kind)).toEqual(['jwt', 'token-request']);
    expect(trace.steps[1]).toMatchObject({ status: 400, error: { error: 'invalid_grant' } });
  });

  it('names the fields of a 200 without access_token, and describes a non-JSON body', async () => {
    const { server, backend, view } = await exchangeSetup();
    server.respond(() => ({ status: 200, body: { accessToken: 'abc', expires_in: 60 } }));
    expect((await previewFailure(backend, view.id)).message).toMatch(/without access_token \(it returned: accessToken, expires_in\)/);
    server.respond(() => ({ status: 200, body: '<html><body>Login</body></html>', type: 'text/html' }));
    const html = await previewFailure(backend, view.id);
    expect(html.code).toBe('TOKEN_EXCHANGE_FAILED');
    expect(html.message).toMatch(/not JSON \(text\/html, starting “<html><body>Login/);
  });

  it('reports an unreachable endpoint as NETWORK and a silent one as TIMEOUT', async () => {
    const { backend, view, server } = await exchangeSetup();
    const port = await closedPort();
    const down = await createProfile(
      backend,
      profileInput({ name: 'Down', protocol: 'jwt-exchange', tokenEndpointUrl: `http://127.0.0.1:${port}/token`, jwt: { ...view.jwt } }),
    );
    const refused = await previewFailure(backend, down.id);
    expect(refused.code).toBe('NETWORK');
    expect(refused.message).toMatch(/^Calling the token endpoint: 127\.0\.0\.1:\d+ refused the connection/);

    server.respond(() => 'hang');
    const graph = backend.graph.internal;
    const engine = new CredentialEngine(graph.credentialStore, graph.certificates, graph.vault, { tokenTimeoutMs: 300 });
    await expect(engine.resolveAuth('Orders_API', { variables: {} })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('refuses to mint when the signing certificate is gone, and says so', async () => {
    const { backend, view, certificate } = await exchangeSetup();
    // Certificates in use cannot be deleted...
    expect(() => backend.graph.internal.certificates.remove(certificate.id)).toThrow(/used by named credential Orders API/);
    // ...but one imported from another machine may reference a missing certificate.
    backend.graph.internal.credentialStore.replaceFields(view.id, { ...view, jwt: { ...view.jwt, signingCertificateId: 'missing-id' } });
    const failure = await previewFailure(backend, view.id);
    expect(failure.code).toBe('BAD_INPUT');
    expect(failure.message).toContain('the certificate was deleted');
    const listed = (await backend.dispatch('credentials.get', [view.id])) as { ok: true; value: { problems: { field: string }[] } };
    expect(listed.value.problems.map((problem) => problem.field)).toContain('jwt.signingCertificateId');
  });

  it('a Token Endpoint CA Certificate in use cannot be deleted; a profile whose CA is gone says so and refuses to fetch', async () => {
    const { backend, view, server } = await exchangeSetup();
    const tls = await localhostCertificate();
    const ca = await backend.graph.internal.certificates.add({
      name: 'Token_CA',
      label: 'Token CA',
      kind: 'imported',
      exportable: false,
      publicKey: tls.keys.publicKey,
      chain: [new X509Certificate(tls.cert).raw],
    });
    backend.graph.internal.credentialStore.replaceFields(view.id, { ...view, tokenEndpointCaCertificateId: ca.id });
    expect(() => backend.graph.internal.certificates.remove(ca.id)).toThrow(/Token CA is used by named credential Orders API/);

    // One imported from another machine (or left by an older version) may name a missing CA.
    backend.graph.internal.credentialStore.replaceFields(view.id, { ...view, tokenEndpointCaCertificateId: 'missing-ca' });
    const listed = (await backend.dispatch('credentials.get', [view.id])) as {
      ok: true;
      value: { problems: { field: string; message: string; severity: string }[] };
    };
    expect(listed.value.problems).toContainEqual({
      field: 'tokenEndpointCaCertificateId',
      message: 'Token Endpoint CA Certificate: the certificate was deleted. Choose another one.',
      severity: 'error',
    });
    const failure = await previewFailure(backend, view.id);
    expect(failure.code).toBe('BAD_INPUT');
    expect(failure.message).toContain('Token Endpoint CA Certificate: the certificate was deleted. Choose another one.');
    expect(server.requests).toHaveLength(0);
  });
});
