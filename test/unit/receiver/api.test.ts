// ANY /api/* (RFC 6750 bearer tokens), the JWKS and discovery documents, and the fault rules.
import { describe, expect, it } from 'vitest';
import { JWT_BEARER_GRANT } from '../../harness/receiver';
import { createCertificate, mint, postForm, receiverTrustingOneCertificate } from './peer';

const now = () => Math.floor(Date.now() / 1000);

async function accessToken(peer: { tokenEndpoint: string }, assertion: string) {
  const response = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion });
  expect(response.status).toBe(200);
  return String(response.body.access_token);
}

describe('receiver protected API', () => {
  it('accepts its own access token and echoes method, path, query, headers, body and the decoded token', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate();
    const token = await accessToken(peer, assertion());
    const response = await fetch(`${peer.apiUrl}/orders/42?expand=lines&x=1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-trace': 'abc' },
      body: JSON.stringify({ status: 'shipped' }),
    });
    expect(response.status).toBe(200);
    const echo = (await response.json()) as { headers: Record<string, string> } & Record<string, unknown>;
    expect(echo).toMatchObject({
      verdict: 'accepted',
      verifiedBy: "the receiver's own key",
      method: 'PUT',
      path: '/api/orders/42',
      query: { expand: 'lines', x: '1' },
      body: { status: 'shipped' },
      token: { header: { alg: 'ES256', typ: 'at+jwt' }, payload: { sub: 'alice@example.com', iss: peer.issuer } },
    });
    expect(echo.headers['x-trace']).toBe('abc');
    const logged = peer.log().at(-1)!;
    expect(logged).toMatchObject({ endpoint: 'api', method: 'PUT', path: '/api/orders/42', verdict: 'accepted', status: 200 });
    expect(logged.reason).toBe("token accepted for sub alice@example.com (verified by the receiver's own key)");
    expect(logged.token!.raw).toBe(token);
  });

  it('accepts a JWT signed by a trusted key directly when its audience is the API or a configured one', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate({ audiences: ['https://api.example.com'] });
    const direct = assertion({ aud: 'https://api.example.com' });
    const response = await fetch(`${peer.apiUrl}/x`, { headers: { authorization: `Bearer ${direct}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { verifiedBy: string }).verifiedBy).toBe('certificate JWT_Signing');
  });

  it('accepts the same trusted-key JWT on every call until it expires; replay refusal is for token-endpoint assertions', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate();
    expect(peer.receiver.config().refuseReplayedJti).toBe(true);
    const cached = assertion({ aud: peer.apiUrl, jti: 'reused-bearer' });
    for (const path of ['/first', '/second', '/third']) {
      const response = await fetch(`${peer.apiUrl}${path}`, { headers: { authorization: `Bearer ${cached}` } });
      expect(response.status, path).toBe(200);
    }
    const once = assertion({ jti: 'once-at-the-token-endpoint' });
    expect((await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: once })).status).toBe(200);
    const replayed = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: once });
    expect(replayed.body.error).toBe('invalid_grant');
    expect(replayed.body.error_description).toMatch(/^jti "once-at-the-token-endpoint" was already used at /);
  });

  it('answers 401 with WWW-Authenticate error="invalid_token" and the reason', async () => {
    const { backend, peer, assertion } = await receiverTrustingOneCertificate();
    const wrongAud = assertion({ aud: 'https://other.example' });
    const response = await fetch(`${peer.apiUrl}/x`, { headers: { authorization: `Bearer ${wrongAud}` } });
    expect(response.status).toBe(401);
    const description = `audience is "https://other.example", expected one of "${peer.issuer}", "${peer.apiUrl}"`;
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer realm="Signet receiver", error="invalid_token", error_description="${description.replace(/"/g, '\\"')}"`,
    );
    expect(await response.json()).toEqual({ error: 'invalid_token', error_description: description });
    expect(peer.log().at(-1)).toMatchObject({ verdict: 'rejected', reason: description, status: 401 });

    const stranger = await createCertificate(backend, 'Stranger');
    const forged = mint(stranger.privateKeyPem, 'EC-P256', { sub: 'x', aud: peer.apiUrl, exp: now() + 60 });
    const forgedResponse = await fetch(`${peer.apiUrl}/x`, { headers: { authorization: `Bearer ${forged}` } });
    expect(((await forgedResponse.json()) as { error_description: string }).error_description).toMatch(
      /does not verify with any trusted key/,
    );

    const none = await fetch(`${peer.apiUrl}/x`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="Signet receiver"');
    const basic = await fetch(`${peer.apiUrl}/x`, { headers: { authorization: 'Basic abc' } });
    expect(basic.status).toBe(400);
    expect(basic.headers.get('www-authenticate')).toContain('error="invalid_request"');
    const garbage = await fetch(`${peer.apiUrl}/x`, { headers: { authorization: 'Bearer garbage' } });
    expect(await garbage.json()).toMatchObject({
      error: 'invalid_token',
      error_description: expect.stringMatching(/^the token is not a JWT/),
    });
  });

  it('refuses its own access token once expired', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate({ accessTokenLifetimeSeconds: 1, clockSkewSeconds: 0 });
    const token = await accessToken(peer, assertion());
    const call = async () => {
      const response = await fetch(`${peer.apiUrl}/x`, { headers: { authorization: `Bearer ${token}` } });
      return ((await response.json()) as { error_description?: string }).error_description ?? 'accepted';
    };
    await expect.poll(call, { timeout: 5000, interval: 250 }).toMatch(/^the token expired at .* \(\d+ s ago; clock skew allowed 0 s\)$/);
  });
});

describe('receiver documents', () => {
  it('publishes the trusted certificates (kid = JWK thumbprint, x5c, x5t#S256) and its own key; discovery names the endpoints', async () => {
    const { peer, signer } = await receiverTrustingOneCertificate();
    const jwks = (await (await fetch(peer.jwksUri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      kid: signer.record.jwkThumbprint,
      'x5t#S256': signer.record['x5t#S256'],
      use: 'sig',
    });
    expect((jwks.keys[0]!.x5c as string[])[0]).toBe(signer.record.chainPem.split('\n').slice(1, -2).join(''));
    expect(jwks.keys[1]).toMatchObject({ kty: 'EC', alg: 'ES256', use: 'sig' });
    expect(jwks.keys.some((key) => 'd' in key)).toBe(false);

    const discovery = (await (await fetch(peer.discoveryUrl)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: peer.issuer,
      token_endpoint: peer.tokenEndpoint,
      jwks_uri: peer.jwksUri,
      grant_types_supported: [JWT_BEARER_GRANT, 'client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
    });
    const notFound = await fetch(`${peer.baseUrl}/nothing`);
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error_description: string }).error_description).toMatch(
      /^nothing at \/nothing; the receiver serves/,
    );
  });
});

describe('receiver fault rules', () => {
  it('answers 401 to the next N API calls, then accepts again; the status counts down', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate();
    const token = await accessToken(peer, assertion());
    peer.setFaults({ unauthorizedNextCalls: 2 });
    const call = () => fetch(`${peer.apiUrl}/x`, { headers: { authorization: `Bearer ${token}` } });
    const first = await call();
    expect(first.status).toBe(401);
    expect(first.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(peer.receiver.status().faults.unauthorizedNextCalls).toBe(1);
    expect((await call()).status).toBe(401);
    expect((await call()).status).toBe(200);
    expect(
      peer
        .log()
        .map((entry) => entry.verdict)
        .slice(-3),
    ).toEqual(['fault', 'fault', 'accepted']);
  });

  it('fails the token endpoint with 500 server_error, and adds latency', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate();
    peer.setFaults({ tokenEndpointFails: true });
    const failed = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: assertion() });
    expect(failed.status).toBe(500);
    expect(failed.body.error).toBe('server_error');
    peer.setFaults({ tokenEndpointFails: false, latencyMs: 300 });
    const started = Date.now();
    expect((await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: assertion() })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('receiver lifecycle', () => {
  it('keeps its configuration, does not start by itself, and starts with Signet only when asked', async () => {
    const { createTestBackend } = await import('../../harness/services');
    const { TEST_PASSPHRASE } = await import('../../harness/signet');
    const { peer, backend } = await receiverTrustingOneCertificate({ audiences: ['https://a.example'] });
    await peer.stop();
    await backend.close();

    const again = createTestBackend({ dataFolder: backend.dataFolder });
    await again.graph.internal.vault.unlock(TEST_PASSPHRASE);
    expect(again.graph.internal.receiver.config().audiences).toEqual(['https://a.example']);
    expect(again.graph.internal.receiver.status().state).toBe('stopped');
    again.graph.internal.receiver.configure({ autoStart: true });
    again.graph.internal.vault.lock();
    await again.graph.internal.vault.unlock(TEST_PASSPHRASE);
    await expect.poll(() => again.graph.internal.receiver.status().state).toBe('running');
    await again.close();
    expect(again.graph.internal.receiver.status().state).toBe('stopped');
  });
});
