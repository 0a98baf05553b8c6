// Named credentials through a real http.send: which bearer tokens the response carries (and where), refresh on the
// profile's extra status codes, JWT caching against a frozen clock, and {!$Credential.*} merge fields on and off.
import { describe, expect, it } from 'vitest';
import type { CalloutResponse, RequestSpecInput } from '../../../shared/contract/http';
import { CredentialEngine } from '../../../electron/services/credentials/credential-engine';
import { unwrapResult } from '../../harness/rpc';
import { startServer, type TestServer } from '../../harness/servers';
import type { TestBackend } from '../../harness/services';
import { createProfile, makeCertificate, profileInput, unlockedBackend } from './setup';
import { startTokenServer } from './token-endpoint-server';

let sent = 0;
async function send(backend: TestBackend, request: RequestSpecInput): Promise<CalloutResponse> {
  return unwrapResult<CalloutResponse>(await backend.dispatch('http.send', [{ requestId: `r-${++sent}`, request }]));
}

/** An API on 127.0.0.1 that answers `status` to the first `times` calls, then 200. */
async function startApi(status = 200, times = 0): Promise<TestServer> {
  let calls = 0;
  return startServer((_request, response) => {
    calls++;
    response.writeHead(calls <= times ? status : 200, { 'content-type': 'text/plain' });
    response.end('ok');
  });
}

const authorizationOf = (request: TestServer['requests'][number]) => request.headers.authorization;

describe('bearer tokens in an http.send response', () => {
  it('JWT Token Exchange: sent.headers carry the access token in full; the auth trace only shortened', async () => {
    const backend = await unlockedBackend();
    const certificate = await makeCertificate(backend, 'EC-P256');
    const tokens = await startTokenServer({ publicKeyPem: certificate.publicKeyPem });
    const api = await startApi();
    await createProfile(
      backend,
      profileInput({
        protocol: 'jwt-exchange',
        url: api.url,
        namedPrincipalSubject: 'svc',
        tokenEndpointUrl: tokens.tokenUrl,
        jwt: { algorithm: 'ES256', signingCertificateId: certificate.id, audiences: [tokens.tokenUrl] },
      }),
    );
    const response = await send(backend, { method: 'GET', url: 'callout:Orders_API/x' });
    const accessToken = `access-token-1-${'x'.repeat(24)}`;
    expect(authorizationOf(api.requests[0]!)).toBe(`Bearer ${accessToken}`);
    expect(response.sent.headers).toContainEqual(['Authorization', `Bearer ${accessToken}`]);
    expect(JSON.stringify(response.auth)).not.toContain(accessToken);
    const request = response.auth!.steps.find((step) => step.kind === 'token-request');
    expect(request?.kind === 'token-request' && request.response).toMatchObject({ access_token: 'access-token… (39 characters)' });
    // The assertion is in the trace as minted (the token request's copy has its signature redacted).
    const assertion = response.auth!.steps.find((step) => step.kind === 'jwt');
    expect(assertion).toMatchObject({ kind: 'jwt', purpose: 'assertion' });
    expect(assertion?.kind === 'jwt' && assertion.token).toBe(tokens.forms[0]!.get('assertion'));
  });

  it('JWT: the auth trace carries the exact JWT sent', async () => {
    const backend = await unlockedBackend();
    const certificate = await makeCertificate(backend, 'EC-P256');
    const api = await startApi();
    await createProfile(
      backend,
      profileInput({ protocol: 'jwt', url: api.url, jwt: { algorithm: 'ES256', signingCertificateId: certificate.id } }),
    );
    const response = await send(backend, { method: 'GET', url: 'callout:Orders_API/x' });
    const step = response.auth!.steps[0];
    expect(step?.kind).toBe('jwt');
    expect(authorizationOf(api.requests[0]!)).toBe(`Bearer ${step?.kind === 'jwt' ? step.token : '?'}`);
  });
});

describe('refresh and caching through the credential engine', () => {
  async function exchangeProfile(backend: TestBackend, apiUrl: string, refreshOnStatus: number[]) {
    const certificate = await makeCertificate(backend, 'EC-P256');
    const tokens = await startTokenServer({ publicKeyPem: certificate.publicKeyPem });
    await createProfile(
      backend,
      profileInput({
        protocol: 'jwt-exchange',
        url: apiUrl,
        namedPrincipalSubject: 'svc',
        tokenEndpointUrl: tokens.tokenUrl,
        refreshOnStatus,
        jwt: { algorithm: 'ES256', signingCertificateId: certificate.id, audiences: [tokens.tokenUrl] },
      }),
    );
    return tokens;
  }

  it('a status listed in the profile (403) drops the token, fetches one fresh token and retries once', async () => {
    const backend = await unlockedBackend();
    const api = await startApi(403, 1);
    const tokens = await exchangeProfile(backend, api.url, [403]);
    const response = await send(backend, { method: 'GET', url: 'callout:Orders_API/x' });
    expect(response.status).toBe(200);
    expect(tokens.requests).toHaveLength(2);
    expect(api.requests.map(authorizationOf)).toEqual([
      `Bearer access-token-1-${'x'.repeat(24)}`,
      `Bearer access-token-2-${'x'.repeat(24)}`,
    ]);
    expect(response.auth!.steps.map((step) => step.kind)).toEqual(['jwt', 'token-request', 'refresh', 'jwt', 'token-request']);
    expect(response.auth!.steps[2]).toMatchObject({ kind: 'refresh', status: 403 });
  });

  it('a 403 the profile does not list is returned as is, without a retry', async () => {
    const backend = await unlockedBackend();
    const api = await startApi(403, 1);
    const tokens = await exchangeProfile(backend, api.url, []);
    const response = await send(backend, { method: 'GET', url: 'callout:Orders_API/x' });
    expect(response.status).toBe(403);
    expect(tokens.requests).toHaveLength(1);
    expect(api.requests).toHaveLength(1);
  });

  it('JWT: reuses the minted token until exp − skew, then mints a new one (frozen clock)', async () => {
    const backend = await unlockedBackend();
    const certificate = await makeCertificate(backend, 'EC-P256');
    const api = await startApi();
    await createProfile(
      backend,
      profileInput({
        protocol: 'jwt',
        url: api.url,
        jwt: { algorithm: 'ES256', signingCertificateId: certificate.id, tokenValidForSeconds: 120, clockSkewSeconds: 30 },
      }),
    );
    let now = Date.UTC(2026, 0, 15, 12, 0, 0);
    const graph = backend.graph.internal;
    graph.setCredentialResolver(new CredentialEngine(graph.credentialStore, graph.certificates, graph.vault, { now: () => now }));
    const call = () => send(backend, { method: 'GET', url: 'callout:Orders_API/x' });

    const first = await call();
    now += 89_999; // exp is at +120 s; still more than the 30 s skew before it
    const second = await call();
    now += 1; // now = exp − skew
    const third = await call();
    const sentTokens = api.requests.map(authorizationOf);
    expect(sentTokens[1]).toBe(sentTokens[0]);
    expect(sentTokens[2]).not.toBe(sentTokens[0]);
    expect(second.auth!.steps).toEqual([expect.objectContaining({ kind: 'jwt', fromCache: true })]);
    expect(third.auth!.steps).toEqual([expect.objectContaining({ kind: 'jwt', fromCache: false })]);
    const claimsOf = (response: CalloutResponse) => (response.auth!.steps[0] as { claims: Record<string, number> }).claims;
    expect(claimsOf(first).exp).toBe(Date.UTC(2026, 0, 15, 12, 2, 0) / 1000);
    expect(claimsOf(third).exp).toBe(Date.UTC(2026, 0, 15, 12, 3, 30) / 1000);
  });
});

describe('{!$Credential.*} merge fields in a real send', () => {
  async function setUp(allow: boolean) {
    const backend = await unlockedBackend();
    const tokens = await startTokenServer();
    const api = await startApi();
    await createProfile(
      backend,
      profileInput({
        protocol: 'client-credentials',
        url: api.url,
        clientId: 'consumer-key-1',
        clientAuth: 'client_secret_post',
        tokenEndpointUrl: tokens.tokenUrl,
        allowMergeFieldsInHeader: allow,
        allowMergeFieldsInBody: allow,
      }),
      { clientSecret: 's3cret' },
    );
    await send(backend, {
      method: 'POST',
      url: 'callout:Orders_API/merge',
      headers: [
        { name: 'X-Token', value: '{!$Credential.OAuthToken}' },
        { name: 'X-Key', value: '{!$Credential.OAuthConsumerKey}' },
      ],
      body: { type: 'text', text: 'token={!$Credential.OAuthToken}&key={!HTMLENCODE($Credential.OAuthConsumerKey)}' },
    });
    return api.requests[0]!;
  }

  it('Allow Merge Fields in HTTP Header and Body on: OAuthToken and OAuthConsumerKey are filled in', async () => {
    const request = await setUp(true);
    const token = `access-token-1-${'x'.repeat(24)}`;
    expect(request.headers['x-token']).toBe(token);
    expect(request.headers['x-key']).toBe('consumer-key-1');
    expect(request.body).toBe(`token=${token}&key=consumer-key-1`);
  });

  it('off: the merge fields are sent as typed', async () => {
    const request = await setUp(false);
    expect(request.headers['x-token']).toBe('{!$Credential.OAuthToken}');
    expect(request.headers['x-key']).toBe('{!$Credential.OAuthConsumerKey}');
    expect(request.body).toBe('token={!$Credential.OAuthToken}&key={!HTMLENCODE($Credential.OAuthConsumerKey)}');
  });
});
