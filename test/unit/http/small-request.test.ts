// Small bounded requests (token endpoints, JWKS) against real servers: each failure has its code.
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { smallRequest } from '../../../electron/services/http/small-request';
import { closedPort, localhostCertificate, startServer } from '../../harness/servers';

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('smallRequest', () => {
  it('posts a body and reads the answer', async () => {
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    const response = await smallRequest({
      url: `${server.url}/token`,
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response).toMatchObject({ status: 200, body: '{"ok":true}', headers: { 'content-type': 'application/json' } });
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/token', body: 'a=1' });
  });

  it('reports a refused connection as NETWORK and names the host', async () => {
    const port = await closedPort();
    const error = await failure(smallRequest({ url: `http://127.0.0.1:${port}/`, action: 'Fetching the JWKS' }));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(
      `Fetching the JWKS: 127.0.0.1:${port} refused the connection. Check the port and that the server is running.`,
    );
  });

  it('reports an unknown host as NETWORK (DNS)', async () => {
    const error = await failure(smallRequest({ url: 'http://no-such-host.invalid/' }));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/could not be found \(DNS\)/);
  });

  it('times out a server that never answers, with TIMEOUT', async () => {
    const server = await startServer(() => new Promise(() => {}));
    const error = await failure(smallRequest({ url: server.url, timeoutMs: 300 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/timed out after 300 ms/);
  });

  it('refuses a response larger than the cap with TOO_LARGE', async () => {
    const server = await startServer((_req, res) => res.end('x'.repeat(5000)));
    const error = await failure(smallRequest({ url: server.url, maxBytes: 1000 }));
    expect(error.code).toBe('TOO_LARGE');
  });

  it('says a self-signed server is self-signed, and succeeds once it is trusted or verification is off', async () => {
    const tls = await localhostCertificate();
    const server = await startServer((_req, res) => res.end('secure'), { tls: { key: tls.key, cert: tls.cert } });
    const error = await failure(smallRequest({ url: server.url }));
    expect(error.code).toBe('TLS');
    expect(error.details).toMatchObject({ tls: 'self-signed' });
    expect((await smallRequest({ url: server.url, tls: { ca: [tls.cert] } })).body).toBe('secure');
    expect((await smallRequest({ url: server.url, tls: { verify: false } })).body).toBe('secure');
  });

  it('says when the certificate is for another host', async () => {
    const tls = await localhostCertificate({ altNames: [{ type: 'dns', value: 'api.example.com' }] });
    const server = await startServer((_req, res) => res.end('x'), { tls: { key: tls.key, cert: tls.cert } });
    const error = await failure(smallRequest({ url: server.url, tls: { ca: [tls.cert] } }));
    expect(error.code).toBe('TLS');
    expect(error.details).toMatchObject({ tls: 'hostname-mismatch' });
  });

  it('says when the certificate has expired', async () => {
    const tls = await localhostCertificate({ validityDays: 1, now: new Date(Date.now() - 10 * 86_400_000) });
    const server = await startServer((_req, res) => res.end('x'), { tls: { key: tls.key, cert: tls.cert } });
    const error = await failure(smallRequest({ url: server.url, tls: { ca: [tls.cert] } }));
    expect(error.details).toMatchObject({ tls: 'expired' });
  });

  it('presents a client certificate for mutual TLS, and says so when the server wants one', async () => {
    const serverTls = await localhostCertificate();
    const client = await localhostCertificate({ commonName: 'signet-client' });
    const server = await startServer((req, res) => res.end(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN)), {
      tls: { key: serverTls.key, cert: serverTls.cert, requestCert: true, rejectUnauthorized: true, ca: [client.cert] },
    });
    const withCert = await smallRequest({ url: server.url, tls: { ca: [serverTls.cert], cert: client.cert, key: client.key } });
    expect(withCert.body).toBe('signet-client');
    const error = await failure(smallRequest({ url: `${server.url}/again`, tls: { ca: [serverTls.cert] } }));
    expect(error.code).toBe('TLS');
    expect(error.message).toMatch(/requires a client certificate/);
  });

  it('can be cancelled', async () => {
    const server = await startServer(() => new Promise(() => {}));
    const controller = new AbortController();
    const pending = smallRequest({ url: server.url, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).code).toBe('ABORTED');
  });
});
