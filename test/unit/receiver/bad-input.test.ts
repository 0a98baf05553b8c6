// Bad input never crashes the receiver and always gets an answer; trusted keys from a JWKS URL.
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { JWT_BEARER_GRANT } from '../../harness/receiver';
import { closedPort, startServer } from '../../harness/servers';
import { RemoteJwks } from '../../../electron/services/receiver/keys';
import { createCertificate, mint, postForm, receiverTrustingOneCertificate } from './peer';

const now = () => Math.floor(Date.now() / 1000);

/** mulberry32: a small seeded PRNG, so a failing fuzz run can be replayed with RECEIVER_FUZZ_SEED=<seed>. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('receiver bad input', () => {
  it('answers 413 to a body over the cap, on the token endpoint and the API', async () => {
    const { peer, backend } = await receiverTrustingOneCertificate();
    const huge = 'a='.padEnd(2 * 1024 * 1024, 'x');
    for (const url of [peer.tokenEndpoint, `${peer.apiUrl}/upload`]) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: huge });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        error: 'invalid_request',
        error_description: 'the request body is larger than 1048576 bytes',
      });
    }
    expect(peer.log().map((entry) => [entry.endpoint, entry.status])).toEqual([
      ['token', 413],
      ['api', 413],
    ]);
    expect((await fetch(peer.jwksUri)).status).toBe(200);
    expect(backend.logged).toEqual([]);
  });

  it('takes a request target starting with // as a path, not a host (found by the fuzz, seed 84237196)', async () => {
    const { peer, backend } = await receiverTrustingOneCertificate();
    for (const path of ['//a/api/x', '//\u00f0\u00c8E$|\u0015S\u00e7', '//receiver.invalid/api/x']) {
      const response = await fetch(`${peer.baseUrl}${path}`, { method: 'DELETE', headers: { authorization: 'Bearer' } });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect(peer.log().map((entry) => entry.path)).toEqual(['//a/api/x', '//%C3%B0%C3%88E$|%15S%C3%A7', '//receiver.invalid/api/x']);
    expect(backend.logged).toEqual([]);
  });

  it('answers malformed HTTP with 400 and keeps serving', async () => {
    const { peer } = await receiverTrustingOneCertificate();
    const socket = connect(Number(new URL(peer.baseUrl).port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write('THIS IS NOT HTTP\r\n\r\n');
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    expect(chunk.toString()).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    socket.destroy();
    expect((await fetch(peer.discoveryUrl)).status).toBe(200);
  });

  // Fixed seeds keep CI deterministic; RECEIVER_FUZZ_SEED=<n> explores (or replays) another one.
  const seeds = process.env.RECEIVER_FUZZ_SEED ? [Number(process.env.RECEIVER_FUZZ_SEED)] : [84237196, 1999, 4_000_000_007];
  it.each(seeds)(
    'answers 300 random requests (garbage tokens, bodies, headers, methods) without a 5xx or a crash (seed %i)',
    async (seed) => {
      const { peer, backend, assertion } = await receiverTrustingOneCertificate();
      peer.addClient('app', 'secret');
      const random = seededRandom(seed);
      const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
      const bytes = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
      const junk = () => bytes(Math.floor(random() * 64)).toString(pick(['base64', 'base64url', 'hex', 'latin1'] as const));
      const tokens = () =>
        pick([
          junk(),
          `${junk()}.${junk()}.${junk()}`,
          assertion().slice(0, -3),
          `${assertion()}x`,
          '..',
          '.',
          'e30.e30.',
          assertion().replace(/\./g, '..'),
        ]);
      for (let i = 0; i < 300; i++) {
        const path = pick(['/oauth2/token', '/api/x', '/api', '/.well-known/jwks.json', '/%zz', '/api/../oauth2/token', `/${junk()}`]);
        const method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
        const contentType = pick([
          'application/x-www-form-urlencoded',
          'application/json',
          'text/plain',
          '',
          'multipart/form-data; boundary=x',
        ]);
        const body = pick([
          '',
          junk(),
          `grant_type=${encodeURIComponent(JWT_BEARER_GRANT)}&assertion=${tokens()}`,
          `grant_type=client_credentials&client_assertion_type=${junk()}&client_assertion=${tokens()}`,
          'grant_type=client_credentials&client_id=app&client_secret=%E0%A4%A',
          '%%%&&&==',
          '{"grant_type":',
        ]);
        const headers: Record<string, string> = {};
        if (contentType) headers['content-type'] = contentType;
        const auth = pick([
          '',
          `Bearer ${tokens()}`,
          `Basic ${junk()}`,
          `Basic ${Buffer.from('app:%zz').toString('base64')}`,
          'Bearer',
          junk().replace(/[^\x21-\x7e]/g, ''),
        ]);
        if (auth) headers.authorization = auth.replace(/[^\x20-\x7e]/g, '').trim();
        const sent = `seed ${seed} (replay with RECEIVER_FUZZ_SEED=${seed}), request ${i}: ${JSON.stringify({ method, path, headers, body: body.slice(0, 300) })}`;
        const response = await fetch(`${peer.baseUrl}${path}`, { method, headers, body: method === 'GET' ? undefined : body }).catch(
          (error: unknown) => {
            throw new Error(`fetch failed for ${sent}`, { cause: error });
          },
        );
        const text = await response.text();
        expect(response.status, `${sent} → ${text}`).toBeLessThan(500);
        expect(response.headers.get('content-type'), `${sent} → ${text}`).toMatch(/^application\/json/);
        expect(() => JSON.parse(text) as unknown, `${sent} → ${text}`).not.toThrow();
      }
      expect(peer.receiver.status().state).toBe('running');
      expect(backend.logged).toEqual([]);
    },
  );

  it('refuses to delete a trusted certificate, and tolerates one that vanished from the store', async () => {
    const { peer, backend, signer, assertion } = await receiverTrustingOneCertificate();
    const refused = await backend.dispatch('certificates.delete', [signer.record.id]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!refused.ok) expect(refused.error.message).toContain('the Receiver (trusted key)');

    peer.receiver.configure({ trustedCertificateIds: [signer.record.id, 'gone-id'] });
    expect((await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: assertion() })).status).toBe(200);
    peer.receiver.configure({ trustedCertificateIds: ['gone-id'] });
    const response = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: assertion() });
    expect(response.body.error_description).toBe(
      'no trusted keys are configured: add a certificate or a JWKS URL under Trusted keys (a trusted certificate was deleted from the store)',
    );
  });
});

describe('receiver trusted keys from a JWKS URL', () => {
  it('verifies with a key from the JWKS URL and says so when the URL cannot be used', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'remote-1', use: 'sig' };
    const jwksServer = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk, { kty: 'oct', k: 'c2VjcmV0' }] }));
    });
    const { peer, backend } = await receiverTrustingOneCertificate({ jwksUrl: `${jwksServer.url}/jwks` });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const claims = { iss: 'remote', sub: 'bob', aud: peer.tokenEndpoint, exp: now() + 60 };
    const accepted = await postForm(peer.tokenEndpoint, {
      grant_type: JWT_BEARER_GRANT,
      assertion: mint(pem, 'EC-P256', claims, { kid: 'remote-1' }),
    });
    expect(accepted.status).toBe(200);

    const stranger = await createCertificate(backend, 'Stranger');
    const unknownKid = await postForm(peer.tokenEndpoint, {
      grant_type: JWT_BEARER_GRANT,
      assertion: mint(stranger.privateKeyPem, 'EC-P256', claims, { kid: 'nope' }),
    });
    expect(unknownKid.body.error_description).toBe(
      'the signature (ES256) does not verify with any trusted key (tried certificate JWT_Signing, JWKS key remote-1; kid "nope" matches no trusted key)',
    );

    peer.receiver.configure({ jwksUrl: `http://127.0.0.1:${await closedPort()}/jwks`, trustedCertificateIds: [] });
    const unreachable = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: mint(pem, 'EC-P256', claims) });
    expect(unreachable.body.error_description).toMatch(
      /^no trusted keys are configured: .* \(the JWKS URL http:\/\/127\.0\.0\.1:\d+\/jwks could not be used: /,
    );
  });
});

describe('receiver JWKS cache', () => {
  it('tries a JWKS URL that failed again after the short refresh interval, even for tokens without a kid', async () => {
    const jwk = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'k' };
    let up = false;
    const jwksServer = await startServer((_request, response) => {
      if (!up) return response.writeHead(503).end();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    const jwks = new RemoteJwks(60 * 60_000, 100);
    const first = await jwks.keys(jwksServer.url, undefined);
    expect(first).toEqual({ keys: [], notes: [`the JWKS URL ${jwksServer.url} could not be used: it answered HTTP 503`] });
    up = true;
    await expect
      .poll(async () => (await jwks.keys(jwksServer.url, undefined)).keys.map((key) => key.label), { timeout: 5000, interval: 150 })
      .toEqual(['JWKS key k']);
    expect((await jwks.keys(jwksServer.url, undefined)).notes).toEqual([]);
    // A working set is kept: no refetch on every call.
    const fetched = jwksServer.requests.length;
    await jwks.keys(jwksServer.url, undefined);
    expect(jwksServer.requests.length).toBe(fetched);
  });
});

describe('receiver and clients that go away', () => {
  it('shrugs off a client that disconnects mid-body: nothing is logged as an error and it keeps serving', async () => {
    const { peer, backend } = await receiverTrustingOneCertificate();
    const socket = connect(Number(new URL(peer.baseUrl).port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'POST /oauth2/token HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 1000\r\n\r\ngrant_type=',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await expect.poll(async () => (await fetch(peer.jwksUri)).status).toBe(200);
    expect(backend.logged).toEqual([]);
  });
});
