// Redirects and mutual TLS: the named credential's client certificate stays with the credential's origin.
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { localhostCertificate, startServer } from '../../harness/servers';
import { backend, sendOk, stubResolver } from './helpers';

describe('callout engine: redirects with a client certificate', () => {
  it('presents the client certificate to the credential’s origin and not to a redirect target on another origin', async () => {
    const serverTls = await localhostCertificate();
    const client = await localhostCertificate({ commonName: 'signet-client' });
    const peerOf = (socket: TLSSocket) => String(socket.getPeerCertificate().subject?.CN ?? 'none');
    const seen: { where: string; peer: string }[] = [];
    const other = await startServer(
      (req, res) => {
        seen.push({ where: 'other', peer: peerOf(req.socket as TLSSocket) });
        res.end('elsewhere');
      },
      { tls: { key: serverTls.key, cert: serverTls.cert, requestCert: true, rejectUnauthorized: false } },
    );
    const otherUrl = other.url.replace('127.0.0.1', 'localhost');
    const server = await startServer(
      (req, res) => {
        seen.push({ where: 'api', peer: peerOf(req.socket as TLSSocket) });
        if (req.url === '/start') return res.writeHead(302, { location: '/same' }).end();
        return res.writeHead(307, { location: `${otherUrl}/landing` }).end();
      },
      { tls: { key: serverTls.key, cert: serverTls.cert, requestCert: true, rejectUnauthorized: false } },
    );
    const signet = backend();
    const { resolver } = stubResolver({ Mtls_API: { url: server.url, clientTls: { cert: client.cert, key: client.key } } });
    signet.graph.internal.setCredentialResolver(resolver);
    const response = await sendOk(signet, { method: 'GET', url: 'callout:Mtls_API/start', settings: { verifyTls: false } });
    expect(response.body.text).toBe('elsewhere');
    expect(seen).toEqual([
      { where: 'api', peer: 'signet-client' },
      { where: 'api', peer: 'signet-client' },
      { where: 'other', peer: 'none' },
    ]);
    expect(response.timeline[1]).toMatchObject({ authorizationDropped: true });
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
  });
});
