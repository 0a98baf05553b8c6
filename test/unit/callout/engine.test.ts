// The callout engine against real servers on 127.0.0.1:0: bodies, decoding, TLS, mTLS, redirects, callout: URLs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RequestBody } from '../../../shared/contract/http';
import { localhostCertificate, startServer } from '../../harness/servers';
import { unwrapResult } from '../../harness/rpc';
import { backend, send, sendFail, sendOk, stubResolver } from './helpers';

const echo = (req: IncomingMessage, res: ServerResponse) =>
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers }));

describe('callout engine', () => {
  it('sends a GET and returns status, headers, JSON body, size and the timeline; a second send reuses the connection', async () => {
    const server = await startServer(echo);
    const signet = backend();
    const first = await sendOk(signet, {
      method: 'GET',
      url: `${server.url}/items?x=1`,
      headers: [
        { name: 'X-Test', value: 'yes', enabled: true },
        { name: 'X-Off', value: 'no', enabled: false },
      ],
    });
    expect(first).toMatchObject({
      status: 200,
      statusText: 'OK',
      url: `${server.url}/items?x=1`,
      body: { kind: 'json', contentType: 'application/json' },
    });
    const echoed = JSON.parse(first.body.text!);
    expect(echoed).toMatchObject({
      method: 'GET',
      url: '/items?x=1',
      headers: { 'x-test': 'yes', 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(echoed.headers['x-off']).toBeUndefined();
    expect(first.body.size).toBe(Buffer.byteLength(first.body.text!));
    expect(first.timeline).toHaveLength(1);
    expect(first.timeline[0]!.phases).toMatchObject({ reusedConnection: false });
    expect(first.timeline[0]!.phases.connectMs).toBeGreaterThanOrEqual(0);
    expect(first.timeline[0]!.phases.dnsMs).toBeUndefined(); // an IP literal needs no DNS
    // undici may open a second connection when the next request comes before the first socket is released.
    const later = [];
    for (let i = 0; i < 4; i++) later.push((await sendOk(signet, { method: 'GET', url: `${server.url}/again` })).timeline[0]!.phases);
    const reused = later.filter((phases) => phases.reusedConnection);
    expect(reused.length).toBeGreaterThan(0);
    for (const phases of reused) expect(phases.connectMs).toBeUndefined();
  });

  it('builds each body type with its Content-Type', async () => {
    const server = await startServer((_req, res) => res.end('ok'));
    const signet = backend();
    const file = { fileName: 'a "b".bin', contentType: 'application/x-test', base64: Buffer.from([0, 1, 2, 255]).toString('base64') };
    const bodies = [
      { body: { type: 'json', text: '{"a":1}' }, contentType: 'application/json', text: '{"a":1}' },
      { body: { type: 'text', text: 'hello' }, contentType: 'text/plain; charset=utf-8', text: 'hello' },
      { body: { type: 'xml', text: '<a/>' }, contentType: 'application/xml', text: '<a/>' },
      {
        body: {
          type: 'form',
          fields: [
            { name: 'a b', value: 'c&d', enabled: true },
            { name: 'off', value: 'x', enabled: false },
          ],
        },
        contentType: 'application/x-www-form-urlencoded',
        text: 'a+b=c%26d',
      },
      { body: { type: 'file', file }, contentType: 'application/x-test', text: Buffer.from([0, 1, 2, 255]).toString('utf8') },
    ] as const;
    for (const { body, contentType, text } of bodies as unknown as { body: RequestBody; contentType: string; text: string }[]) {
      await sendOk(signet, { method: 'POST', url: server.url, body });
      const seen = server.requests.at(-1)!;
      expect(seen.headers['content-type']).toBe(contentType);
      expect(seen.body).toBe(text);
    }
    const multipart = await send(signet, {
      method: 'POST',
      url: server.url,
      body: {
        type: 'multipart',
        parts: [
          { name: 'field', kind: 'text', value: 'v1', enabled: true },
          {
            name: 'upload',
            kind: 'file',
            value: '',
            enabled: true,
            file: { fileName: 'n.txt', contentType: 'text/plain', base64: Buffer.from('file body').toString('base64') },
          },
        ],
      },
    });
    expect(multipart.ok).toBe(true);
    const seen = server.requests.at(-1)!;
    const boundary = /boundary=(.+)$/.exec(seen.headers['content-type']!)![1]!;
    expect(seen.body).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nv1\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="n.txt"\r\nContent-Type: text/plain\r\n\r\nfile body\r\n--${boundary}--\r\n`,
    );
  });

  it('warns about an invalid JSON body but still sends it', async () => {
    const server = await startServer((_req, res) => res.end('ok'));
    const response = await sendOk(backend(), { method: 'POST', url: server.url, body: { type: 'json', text: '{"a":' } });
    expect(response.warnings[0]).toMatch(/JSON body is not valid/);
    expect(server.requests[0]!.body).toBe('{"a":');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const)('decodes a %s body', async (encoding, compress) => {
    const text = JSON.stringify({ hello: 'world', list: Array.from({ length: 200 }, (_, i) => i) });
    const server = await startServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding }).end(compress(text)),
    );
    const response = await sendOk(backend(), { method: 'GET', url: server.url });
    expect(response.body).toMatchObject({ text, size: text.length, contentEncoding: encoding, encodedSize: compress(text).length });
  });

  it('says a corrupt gzip body could not be decompressed', async () => {
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('not gzip at all')));
    const error = await sendFail(backend(), { method: 'GET', url: server.url });
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/could not be decompressed \(gzip\)/);
  });

  it('over HTTPS: names a self-signed server, then works with verification off or with the certificate trusted from the store', async () => {
    const signet = backend();
    unwrapResult(await signet.dispatch('vault.setUp', [{ passphrase: 'a good passphrase' }]));
    const record = unwrapResult(
      await signet.dispatch('certificates.createSelfSigned', [
        { label: 'Local server', name: 'Local_Server', keyAlgorithm: 'EC-P256', subjectAltNames: [{ type: 'ip', value: '127.0.0.1' }] },
      ]),
    );
    const key = signet.graph.internal.certificates.privateKey(record.id).export({ type: 'pkcs8', format: 'pem' }).toString();
    const server = await startServer((_req, res) => res.end('secure'), { tls: { key, cert: record.chainPem } });
    const error = await sendFail(signet, { method: 'GET', url: server.url });
    expect(error.code).toBe('TLS');
    expect(error.details).toMatchObject({ tls: 'self-signed' });
    expect(error.message).toMatch(/turn off TLS verification for this request/);
    const insecure = await sendOk(signet, { method: 'GET', url: server.url, settings: { verifyTls: false } });
    expect(insecure.body.text).toBe('secure');
    expect(insecure.timeline[0]!.phases.tlsMs).toBeGreaterThan(0);
    const trusted = await sendOk(signet, { method: 'GET', url: server.url, settings: { caCertificateId: record.id } });
    expect(trusted.body.text).toBe('secure');
  });

  it('presents the named credential’s client certificate to a server that requires mutual TLS', async () => {
    const serverTls = await localhostCertificate();
    const client = await localhostCertificate({ commonName: 'signet-client' });
    const server = await startServer((req, res) => res.end(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN)), {
      tls: { key: serverTls.key, cert: serverTls.cert, requestCert: true, rejectUnauthorized: true, ca: [client.cert] },
    });
    const signet = backend();
    const { resolver } = stubResolver({
      Mtls_API: { url: server.url, clientTls: { cert: client.cert, key: client.key } },
      No_Cert: { url: server.url },
    });
    signet.graph.internal.setCredentialResolver(resolver);
    const ok = await sendOk(signet, { method: 'GET', url: 'callout:Mtls_API/who', settings: { verifyTls: false } });
    expect(ok.body.text).toBe('signet-client');
    const refused = await sendFail(signet, { method: 'GET', url: 'callout:No_Cert/who', settings: { verifyTls: false } });
    expect(refused.code).toBe('TLS');
    expect(refused.details).toMatchObject({ tls: 'client-certificate' });
  });

  it('follows redirects, records each hop, switches to GET after a 303, and drops Authorization when the origin changes', async () => {
    const other = await startServer(echo);
    const otherUrl = other.url.replace('127.0.0.1', 'localhost');
    const server = await startServer((req, res) => {
      if (req.url === '/start') return res.writeHead(303, { location: '/same' }).end();
      if (req.url === '/same') return res.writeHead(307, { location: `${otherUrl}/elsewhere` }).end();
      return res.end('?');
    });
    const response = await sendOk(backend(), {
      method: 'POST',
      url: `${server.url}/start`,
      body: { type: 'text', text: 'x' },
      auth: { type: 'bearer', token: 'secret-token' },
    });
    expect(response.timeline.map((hop) => [hop.method, new URL(hop.url).pathname, hop.status])).toEqual([
      ['POST', '/start', 303],
      ['GET', '/same', 307],
      ['GET', '/elsewhere', 200],
    ]);
    expect(server.requests[1]!.headers.authorization).toBe('Bearer secret-token');
    expect(response.timeline[1]).toMatchObject({ authorizationDropped: true, location: `${otherUrl}/elsewhere` });
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
    expect(response.url).toBe(`${otherUrl}/elsewhere`);
  });

  it('stops a redirect loop at the maximum and says so; with redirects off it returns the 3xx', async () => {
    const server = await startServer((_req, res) => res.writeHead(302, { location: '/loop' }).end());
    const error = await sendFail(backend(), { method: 'GET', url: `${server.url}/loop`, settings: { maxRedirects: 3 } });
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/Stopped after 3 redirects \(a redirect loop\)/);
    const response = await sendOk(backend(), { method: 'GET', url: `${server.url}/loop`, settings: { followRedirects: false } });
    expect(response.status).toBe(302);
  });

  it('resolves callout:Name/path through the credential service: URL joined, auth header and trace applied', async () => {
    const server = await startServer(echo);
    const signet = backend();
    const { resolver, calls } = stubResolver({ My_API: { url: `${server.url}/base/` } });
    signet.graph.internal.setCredentialResolver(resolver);
    const response = await sendOk(signet, { method: 'GET', url: 'callout:My_API/items?q=1' });
    expect(server.requests[0]).toMatchObject({ url: '/base/items?q=1', headers: { authorization: 'Bearer static-token' } });
    expect(response.auth).toMatchObject({ credential: { name: 'My_API' }, steps: [{ kind: 'static' }] });
    expect(calls.resolve).toEqual([{ name: 'My_API', forceRefresh: false }]);
  });

  it('refreshes the token once on 401 and retries', async () => {
    let issued = 0;
    const server = await startServer((req, res) => res.writeHead(req.headers.authorization === 'Bearer t2' ? 200 : 401).end());
    const signet = backend();
    const { resolver, calls } = stubResolver({ Api: { url: server.url, token: () => `t${++issued}` } });
    signet.graph.internal.setCredentialResolver(resolver);
    const response = await sendOk(signet, { method: 'GET', url: 'callout:Api/x' });
    expect(response.status).toBe(200);
    expect(calls.invalidate).toEqual(['Api']);
    expect(calls.resolve.map((call) => call.forceRefresh)).toEqual([false, true]);
    expect(response.timeline.map((hop) => hop.status)).toEqual([401, 200]);
    expect(response.auth!.steps.map((step) => step.kind)).toContain('refresh');
  });

  it('names an unknown callout: credential so the UI can offer to create it', async () => {
    const signet = backend();
    signet.graph.internal.setCredentialResolver(stubResolver({}).resolver);
    const error = await sendFail(signet, { method: 'GET', url: 'callout:Missing/x' });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toMatchObject({ credentialName: 'Missing' });
    expect(error.message).toMatch(/no named credential called "Missing"/);
  });

  it('decodes a pasted JWT bearer token into the auth trace', async () => {
    const server = await startServer((_req, res) => res.end());
    const token = `${Buffer.from('{"alg":"ES256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"me","exp":2000000000}').toString('base64url')}.c2ln`;
    const response = await sendOk(backend(), { method: 'GET', url: server.url, auth: { type: 'bearer', token } });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect(response.auth!.steps[1]).toMatchObject({
      kind: 'jwt',
      token,
      claims: { sub: 'me' },
      header: { alg: 'ES256' },
      expiresAt: '2033-05-18T03:33:20.000Z',
    });
  });
});
