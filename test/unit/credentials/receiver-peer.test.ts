// End to end against Signet's receiver as the peer: callout:Name/... through the real callout engine and the
// credential engine — JWT Token Exchange (RFC 7523 grant), direct JWT, client credentials, refresh on 401.
import { describe, expect, it } from 'vitest';
import type { CalloutResponse } from '../../../shared/contract/http';
import { startReceiver } from '../../harness/receiver';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';
import { createProfile, makeCertificate, profileInput, unlockedBackend } from './setup';

async function callout(backend: TestBackend, url: string): Promise<CalloutResponse> {
  return unwrapResult<CalloutResponse>(
    await backend.dispatch('http.send', [{ requestId: `r-${Math.random()}`, request: { method: 'GET', url } }]),
  );
}

describe('against the receiver', () => {
  it('JWT Token Exchange: the receiver verifies the assertion, issues a token, and accepts it on /api', async () => {
    const backend = await unlockedBackend();
    const signing = await makeCertificate(backend, 'EC-P256');
    const peer = await startReceiver(backend, { trustedCertificateIds: [signing.id] });
    await createProfile(
      backend,
      profileInput({
        protocol: 'jwt-exchange',
        url: peer.apiUrl,
        namedPrincipalSubject: 'alice',
        tokenEndpointUrl: peer.tokenEndpoint,
        jwt: { algorithm: 'ES256', signingCertificateId: signing.id, audiences: [peer.tokenEndpoint] },
      }),
    );
    const first = await callout(backend, 'callout:Orders_API/orders?limit=2');
    expect(first.status).toBe(200);
    const second = await callout(backend, 'callout:Orders_API/orders');
    expect(second.status).toBe(200);

    const log = peer.log();
    expect(log.map((entry) => [entry.endpoint, entry.verdict])).toEqual([
      ['token', 'accepted'],
      ['api', 'accepted'],
      ['api', 'accepted'],
    ]);
    expect(log[0]!.token?.payload).toMatchObject({ iss: 'signet-client', sub: 'alice', aud: peer.tokenEndpoint });
    expect(log[1]!.path).toBe('/api/orders');
    expect(first.auth?.steps.map((step) => step.kind)).toEqual(['jwt', 'token-request']);
    expect(second.auth?.steps.map((step) => step.kind)).toEqual(['cached-token']);
  });

  it('drops the cached token on a 401 from the API, fetches a new one and retries once', async () => {
    const backend = await unlockedBackend();
    const signing = await makeCertificate(backend, 'RSA-2048');
    const peer = await startReceiver(backend, { trustedCertificateIds: [signing.id] });
    await createProfile(
      backend,
      profileInput({
        protocol: 'jwt-exchange',
        url: peer.apiUrl,
        namedPrincipalSubject: 'bob',
        tokenEndpointUrl: peer.tokenEndpoint,
        jwt: { algorithm: 'RS256', signingCertificateId: signing.id, audiences: [peer.tokenEndpoint] },
      }),
    );
    await callout(backend, 'callout:Orders_API/a');
    peer.setFaults({ unauthorizedNextCalls: 1 });
    const retried = await callout(backend, 'callout:Orders_API/b');
    expect(retried.status).toBe(200);
    expect(peer.log().map((entry) => `${entry.endpoint}:${entry.status}`)).toEqual([
      'token:200',
      'api:200',
      'api:401',
      'token:200',
      'api:200',
    ]);
    expect(retried.auth?.steps.map((step) => step.kind)).toContain('refresh');
  });

  it('JWT: the minted token is accepted by the receiver’s /api directly', async () => {
    const backend = await unlockedBackend();
    const signing = await makeCertificate(backend, 'Ed25519');
    const peer = await startReceiver(backend, { trustedCertificateIds: [signing.id] });
    await createProfile(
      backend,
      profileInput({
        protocol: 'jwt',
        url: peer.apiUrl,
        jwt: { algorithm: 'EdDSA', signingCertificateId: signing.id, audiences: [peer.apiUrl] },
      }),
    );
    const response = await callout(backend, 'callout:Orders_API/hello');
    expect(response.status).toBe(200);
    expect(peer.log().at(-1)).toMatchObject({ endpoint: 'api', verdict: 'accepted' });
  });

  it('client credentials with private_key_jwt and with client_secret_basic', async () => {
    const backend = await unlockedBackend();
    const signing = await makeCertificate(backend, 'EC-P256');
    const peer = await startReceiver(backend, { trustedCertificateIds: [signing.id] });
    peer.addClient('secret-client', 'secret value');
    await createProfile(
      backend,
      profileInput({
        name: 'Key_Client',
        protocol: 'client-credentials',
        url: peer.apiUrl,
        clientId: 'signet-client',
        tokenEndpointUrl: peer.tokenEndpoint,
        jwt: { algorithm: 'ES256', signingCertificateId: signing.id, audiences: [] },
      }),
    );
    await createProfile(
      backend,
      profileInput({
        name: 'Secret_Client',
        protocol: 'client-credentials',
        url: peer.apiUrl,
        clientId: 'secret-client',
        clientAuth: 'client_secret_basic',
        tokenEndpointUrl: peer.tokenEndpoint,
      }),
      { clientSecret: 'secret value' },
    );
    expect((await callout(backend, 'callout:Key_Client/x')).status).toBe(200);
    expect((await callout(backend, 'callout:Secret_Client/x')).status).toBe(200);
    expect(peer.log().map((entry) => `${entry.endpoint}:${entry.verdict}`)).toEqual([
      'token:accepted',
      'api:accepted',
      'token:accepted',
      'api:accepted',
    ]);
  });
});
