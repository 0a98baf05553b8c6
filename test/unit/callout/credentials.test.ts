// callout:Name/path through the real named-credential service, against the real receiver (and a plain
// server for static schemes): each protocol, the auth trace, the token cache, and token-exchange failures.
import { describe, expect, it } from 'vitest';
import type { NamedCredentialInput, SecretsInput } from '../../../shared/credentials/profile';
import { startReceiver, unlockedTestBackend } from '../../harness/receiver';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';
import { startServer } from '../../harness/servers';
import { send, sendOk } from './helpers';

async function signingCertificate(backend: TestBackend) {
  return unwrapResult(
    await backend.dispatch('certificates.createSelfSigned', [{ label: 'JWT signing', name: 'JWT_Signing', keyAlgorithm: 'EC-P256' }]),
  );
}

function profile(backend: TestBackend, fields: NamedCredentialInput, secrets: SecretsInput = {}) {
  return backend.graph.internal.credentialStore.create(fields, secrets);
}

async function setUp() {
  const backend = await unlockedTestBackend();
  const certificate = await signingCertificate(backend);
  const peer = await startReceiver(backend, { trustedCertificateIds: [certificate.id] });
  const jwt = { algorithm: 'ES256' as const, signingCertificateId: certificate.id, issuer: 'signet-client' };
  return { backend, certificate, peer, jwt };
}

describe('callout: with named credentials', () => {
  it('jwt: signs a JWT per callout and sends it as the bearer token; the receiver verifies it', async () => {
    const { backend, peer, jwt } = await setUp();
    profile(backend, {
      label: 'Orders',
      name: 'Orders_JWT',
      url: peer.apiUrl,
      protocol: 'jwt',
      namedPrincipalSubject: 'alice',
      jwt: { ...jwt, audiences: [peer.apiUrl] },
    });
    const response = await sendOk(backend, { method: 'GET', url: 'callout:Orders_JWT/orders?status=open' });
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${peer.apiUrl}/orders?status=open`);
    expect(peer.log().at(-1)).toMatchObject({ endpoint: 'api', verdict: 'accepted', path: '/api/orders' });
    const step = response.auth!.steps.find((candidate) => candidate.kind === 'jwt');
    expect(step).toMatchObject({
      kind: 'jwt',
      purpose: 'bearer',
      claims: { sub: 'alice', iss: 'signet-client', aud: peer.apiUrl },
      header: { alg: 'ES256' },
    });
    expect(response.sent.headers).toContainEqual(['Authorization', `Bearer ${(step as { token: string }).token}`]);
    expect(response.auth!.credential).toMatchObject({ name: 'Orders_JWT', protocol: 'jwt' });
  });

  it('jwt-exchange: exchanges a signed assertion for an access token (RFC 7523), then reuses it from the cache', async () => {
    const { backend, peer, jwt } = await setUp();
    profile(backend, {
      label: 'Exchange',
      name: 'Orders_Exchange',
      url: peer.apiUrl,
      protocol: 'jwt-exchange',
      namedPrincipalSubject: 'alice',
      tokenEndpointUrl: peer.tokenEndpoint,
      jwt: { ...jwt, audiences: [peer.tokenEndpoint] },
    });
    const first = await sendOk(backend, {
      method: 'POST',
      url: 'callout:Orders_Exchange/orders',
      body: { type: 'json', text: '{"item":1}' },
    });
    expect(first.status).toBe(200);
    expect(peer.log().map((entry) => [entry.endpoint, entry.verdict])).toEqual([
      ['token', 'accepted'],
      ['api', 'accepted'],
    ]);
    expect(first.auth!.steps.map((step) => step.kind)).toEqual(['jwt', 'token-request']);
    expect(first.auth!.steps[0]).toMatchObject({ purpose: 'assertion', claims: { aud: peer.tokenEndpoint } });
    expect(first.auth!.steps[1]).toMatchObject({ kind: 'token-request', url: peer.tokenEndpoint, status: 200 });
    const second = await sendOk(backend, { method: 'GET', url: 'callout:Orders_Exchange/orders' });
    expect(second.auth!.steps.map((step) => step.kind)).toEqual(['cached-token']);
    expect(peer.log().filter((entry) => entry.endpoint === 'token')).toHaveLength(1);
  });

  it('client-credentials with private_key_jwt: the client assertion is traced and the API accepts the token', async () => {
    const { backend, peer, jwt } = await setUp();
    profile(backend, {
      label: 'Client',
      name: 'Orders_Client',
      url: peer.apiUrl,
      protocol: 'client-credentials',
      identityType: 'anonymous',
      clientId: 'signet-client',
      clientAuth: 'private_key_jwt',
      tokenEndpointUrl: peer.tokenEndpoint,
      jwt: { ...jwt, audiences: [peer.tokenEndpoint] },
    });
    const response = await sendOk(backend, { method: 'GET', url: 'callout:Orders_Client/x' });
    expect(response.status).toBe(200);
    expect(response.auth!.steps.map((step) => (step.kind === 'jwt' ? `jwt:${step.purpose}` : step.kind))).toEqual([
      'jwt:client-assertion',
      'token-request',
    ]);
    expect(peer.log().at(-1)).toMatchObject({ endpoint: 'api', verdict: 'accepted' });
  });

  it('bearer, password and none: static credentials and custom headers from the profile', async () => {
    const backend = await unlockedTestBackend();
    const server = await startServer((_req, res) => res.end('ok'));
    profile(
      backend,
      { label: 'Static', name: 'Static_Token', url: server.url, protocol: 'bearer', customHeaders: [{ name: 'X-Tenant', value: 'acme' }] },
      { bearerToken: 'static-secret' },
    );
    profile(
      backend,
      { label: 'Basic', name: 'Basic_Auth', url: server.url, protocol: 'password', username: 'alice' },
      { password: 'pa55' },
    );
    profile(backend, { label: 'Open', name: 'Open_API', url: `${server.url}/v1`, protocol: 'none' });
    await sendOk(backend, { method: 'GET', url: 'callout:Static_Token/a' });
    await sendOk(backend, { method: 'GET', url: 'callout:Basic_Auth/b' });
    await sendOk(backend, { method: 'GET', url: 'callout:Open_API/c' });
    expect(server.requests.map((request) => [request.url, request.headers.authorization, request.headers['x-tenant']])).toEqual([
      ['/a', 'Bearer static-secret', 'acme'],
      ['/b', `Basic ${Buffer.from('alice:pa55').toString('base64')}`, undefined],
      ['/v1/c', undefined, undefined],
    ]);
  });

  it('a refused token exchange (wrong audience) is TOKEN_EXCHANGE_FAILED with the token request in the trace and the reason in the receiver log', async () => {
    const { backend, peer, jwt } = await setUp();
    profile(backend, {
      label: 'Wrong aud',
      name: 'Wrong_Audience',
      url: peer.apiUrl,
      protocol: 'jwt-exchange',
      namedPrincipalSubject: 'alice',
      tokenEndpointUrl: peer.tokenEndpoint,
      jwt: { ...jwt, audiences: ['https://login.example.com'] },
    });
    const result = await send(backend, { method: 'GET', url: 'callout:Wrong_Audience/orders' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('TOKEN_EXCHANGE_FAILED');
    const trace = result.error.details!.trace as {
      credential: { name: string };
      steps: { kind: string; status?: number; error?: { error: string; description?: string } }[];
    };
    expect(trace.credential.name).toBe('Wrong_Audience');
    const request = trace.steps.find((step) => step.kind === 'token-request')!;
    expect(request).toMatchObject({ status: 400, error: { error: 'invalid_grant' } });
    expect(request.error!.description).toMatch(/aud/);
    const logged = peer.log().at(-1)!;
    expect(logged).toMatchObject({ endpoint: 'token', verdict: 'rejected' });
    expect(logged.reason).toMatch(/aud/);
    expect(peer.log().some((entry) => entry.endpoint === 'api')).toBe(false);
  });
});
