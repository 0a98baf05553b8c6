// Engine branches: auth choices against callout: and absolute URLs, TLS faults, a connect timeout, a custom method.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrapResult } from '../../harness/rpc';
import { localhostCertificate, startServer } from '../../harness/servers';
import { backend, sendFail, sendOk, stubResolver } from './helpers';

const echo = (req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, url: req.url }));

const silent: { close(): void }[] = [];
afterEach(() => {
  for (const server of silent.splice(0)) server.close();
});

describe('callout engine: auth on absolute and callout: URLs', () => {
  it('"Named credential" auth on an absolute URL sends to that URL with the profile’s Authorization', async () => {
    const api = await startServer(echo);
    const profileHost = await startServer(echo);
    const signet = backend();
    signet.graph.internal.setCredentialResolver(stubResolver({ Orders: { url: profileHost.url, token: () => 'profile-token' } }).resolver);
    const response = await sendOk(signet, { method: 'GET', url: `${api.url}/direct`, auth: { type: 'credential', name: 'Orders' } });
    expect(response.status).toBe(200);
    expect(api.requests[0]).toMatchObject({ url: '/direct', headers: { authorization: 'Bearer profile-token' } });
    expect(profileHost.requests).toHaveLength(0);
    expect(response.auth).toMatchObject({ credential: { name: 'Orders' } });
  });

  it('user:password in an absolute URL is sent as Basic auth (decoded), not in the URL; an explicit Authorization wins', async () => {
    const api = await startServer(echo);
    const signet = backend();
    const withUserinfo = `http://alice:p%40ss%3Aword@127.0.0.1:${api.port}/private?x=1`;
    const response = await sendOk(signet, { method: 'GET', url: withUserinfo });
    expect(api.requests[0]).toMatchObject({
      url: '/private?x=1',
      headers: { authorization: `Basic ${Buffer.from('alice:p@ss:word').toString('base64')}` },
    });
    expect(response.sent.url).toBe(`http://127.0.0.1:${api.port}/private?x=1`);
    await sendOk(signet, { method: 'GET', url: withUserinfo, auth: { type: 'bearer', token: 'pasted' } });
    await sendOk(signet, {
      method: 'GET',
      url: withUserinfo,
      headers: [{ name: 'Authorization', value: 'Custom scheme', enabled: true }],
    });
    expect(api.requests.slice(1).map((request) => request.headers.authorization)).toEqual(['Bearer pasted', 'Custom scheme']);
  });

  it('"No auth" on a callout: URL uses the profile’s URL but sends no Authorization', async () => {
    const server = await startServer(echo);
    const signet = backend();
    signet.graph.internal.setCredentialResolver(stubResolver({ Orders: { url: `${server.url}/base` } }).resolver);
    const response = await sendOk(signet, { method: 'GET', url: 'callout:Orders/items', auth: { type: 'none' } });
    expect(server.requests[0]!.url).toBe('/base/items');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(response.auth).toMatchObject({ credential: { name: 'Orders' }, steps: [{ kind: 'none' }] });
  });

  it('a pasted bearer token on a callout: URL replaces the profile’s Authorization, URL from the profile', async () => {
    const server = await startServer(echo);
    const signet = backend();
    signet.graph.internal.setCredentialResolver(stubResolver({ Orders: { url: `${server.url}/base/` } }).resolver);
    await sendOk(signet, { method: 'GET', url: 'callout:Orders/items', auth: { type: 'bearer', token: 'pasted' } });
    expect(server.requests[0]).toMatchObject({ url: '/base/items', headers: { authorization: 'Bearer pasted' } });
  });
});

describe('callout engine: TLS faults, timeouts, methods', () => {
  it('names an expired server certificate', async () => {
    const expired = await localhostCertificate({ validityDays: 1, now: new Date('2020-01-01T00:00:00Z') });
    const server = await startServer((_req, res) => res.end('never'), { tls: { key: expired.key, cert: expired.cert } });
    const error = await sendFail(backend(), { method: 'GET', url: `${server.url}/` });
    expect(error.code).toBe('TLS');
    expect(error.details).toMatchObject({ tls: 'expired', url: `${server.url}/` });
    expect(error.message).toMatch(/TLS error with 127\.0\.0\.1:\d+/);
  });

  it('names a trusted certificate issued for another host', async () => {
    const signet = backend();
    unwrapResult(await signet.dispatch('vault.setUp', [{ passphrase: 'a good passphrase' }]));
    const record = unwrapResult<{ id: string; chainPem: string }>(
      await signet.dispatch('certificates.createSelfSigned', [
        { label: 'Other host', name: 'Other_Host', keyAlgorithm: 'EC-P256', subjectAltNames: [{ type: 'dns', value: 'other.test' }] },
      ]),
    );
    const key = signet.graph.internal.certificates.privateKey(record.id).export({ type: 'pkcs8', format: 'pem' }).toString();
    const server = await startServer((_req, res) => res.end('never'), { tls: { key, cert: record.chainPem } });
    const error = await sendFail(signet, { method: 'GET', url: server.url, settings: { caCertificateId: record.id } });
    expect(error.code).toBe('TLS');
    expect(error.details).toMatchObject({ tls: 'hostname-mismatch', url: `${server.url}/`, certificateNames: ['other.test'] });
    expect(error.message).toBe(
      `TLS error with 127.0.0.1:${server.port}: the server's certificate is for other.test, not 127.0.0.1. ` +
        'Use a host name it was issued for, or turn off TLS verification for this request.',
    );
  });

  it('times out while connecting when the TLS handshake never completes, and says so', async () => {
    const sockets = new Set<Socket>();
    const tcp = createTcpServer((socket) => void sockets.add(socket)); // accepts, never answers
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    silent.push({ close: () => (sockets.forEach((socket) => socket.destroy()), tcp.close()) });
    const url = `https://127.0.0.1:${(tcp.address() as AddressInfo).port}/`;
    const error = await sendFail(backend(), { method: 'GET', url, settings: { timeoutMs: 300 } });
    expect(error.code).toBe('TIMEOUT');
    expect(error.details).toMatchObject({ phase: 'connecting', timeoutMs: 300, receivedBytes: 0 });
    expect(error.message).toMatch(/^Timed out after 300 ms while connecting \(127\.0\.0\.1:\d+\)\. Raise the timeout in Settings/);
  });

  it('sends a custom method such as PROPFIND as typed (upper-cased)', async () => {
    const server = await startServer(echo);
    const response = await sendOk(backend(), {
      method: 'propfind',
      url: `${server.url}/dav/`,
      headers: [{ name: 'Depth', value: '1', enabled: true }],
      body: { type: 'xml', text: '<propfind xmlns="DAV:"><allprop/></propfind>' },
    });
    expect(JSON.parse(response.body.text!)).toEqual({ method: 'PROPFIND', url: '/dav/' });
    expect(server.requests[0]).toMatchObject({ method: 'PROPFIND', headers: { depth: '1', 'content-type': 'application/xml' } });
    expect(response.timeline[0]!.method).toBe('PROPFIND');
  });
});
