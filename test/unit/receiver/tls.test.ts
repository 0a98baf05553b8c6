// HTTPS and mutual TLS against undici (a client Signet did not write), and a clean stop.
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { startReceiver, unlockedTestBackend } from '../../harness/receiver';
import { openssl } from '../../harness/openssl';
import { unwrapResult } from '../../harness/rpc';
import { tempFolder } from '../../harness/temp';
import type { TestBackend } from '../../harness/services';
import { createCertificate } from './peer';

const agents: Agent[] = [];
function client(tls: { ca?: string; cert?: string; key?: string }) {
  const agent = new Agent({ connect: { ...tls } });
  agents.push(agent);
  return (url: string, init: Parameters<typeof undiciFetch>[1] = {}) => undiciFetch(url, { ...init, dispatcher: agent });
}

async function serverCertificate(backend: TestBackend) {
  return unwrapResult(
    await backend.dispatch('certificates.createSelfSigned', [
      {
        label: 'Receiver TLS',
        name: 'Receiver_TLS',
        keyAlgorithm: 'EC-P256',
        subjectAltNames: [{ type: 'ip', value: '127.0.0.1' }],
      },
    ]),
  );
}

describe('receiver over HTTPS', () => {
  it('serves HTTPS with a certificate it generates for localhost; a client that does not trust it is refused by TLS', async () => {
    const backend = await unlockedTestBackend();
    const peer = await startReceiver(backend, { protocol: 'https' });
    expect(peer.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(peer.ca).toContain('BEGIN CERTIFICATE');
    const trusting = client({ ca: peer.ca });
    const response = await trusting(peer.jwksUri);
    expect(response.status).toBe(200);
    await expect(client({})(peer.jwksUri)).rejects.toThrow();

    // The generated certificate is kept (its key in the vault) and reused on the next start.
    await peer.stop();
    const again = await startReceiver(backend, { protocol: 'https' });
    expect(again.ca).toBe(peer.ca);
  });

  it('serves HTTPS with a server certificate from the store', async () => {
    const backend = await unlockedTestBackend();
    const record = await serverCertificate(backend);
    const peer = await startReceiver(backend, { protocol: 'https', serverCertificateId: record.id });
    expect(peer.ca).toBe(record.chainPem);
    expect((await client({ ca: record.chainPem })(peer.discoveryUrl)).status).toBe(200);
    // The certificate is in use: deleting it is refused and names the receiver.
    const refused = await backend.dispatch('certificates.delete', [record.id]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!refused.ok) expect(refused.error.message).toContain('the Receiver (TLS server certificate)');
  });
});

describe('receiver mutual TLS', () => {
  it('requires a trusted client certificate: none → 403, untrusted → 403 (401 invalid_client at the token endpoint), trusted → served with its subject logged', async () => {
    const backend = await unlockedTestBackend();
    const trusted = await createCertificate(backend, 'Client_Cert');
    const untrusted = await createCertificate(backend, 'Other_Client');
    const peer = await startReceiver(backend, { protocol: 'https', mtls: 'required', mtlsTrustedCertificateIds: [trusted.record.id] });
    const ca = peer.ca!;

    const anonymous = await client({ ca })(`${peer.apiUrl}/x`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toEqual({
      error: 'access_denied',
      error_description: 'mutual TLS is required: no client certificate was presented',
    });

    const stranger = client({ ca, cert: untrusted.record.chainPem, key: untrusted.privateKeyPem });
    const strangerResponse = await stranger(peer.jwksUri);
    expect(strangerResponse.status).toBe(403);
    expect(((await strangerResponse.json()) as { error_description: string }).error_description).toMatch(
      /^mutual TLS is required: the client certificate CN=Other_Client is not trusted \(/,
    );
    const strangerToken = await stranger(peer.tokenEndpoint, {
      method: 'POST',
      body: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(strangerToken.status).toBe(401);
    expect(((await strangerToken.json()) as { error: string }).error).toBe('invalid_client');

    const friend = client({ ca, cert: trusted.record.chainPem, key: trusted.privateKeyPem });
    expect((await friend(peer.jwksUri)).status).toBe(200);
    expect(peer.log().at(-1)).toMatchObject({ endpoint: 'jwks', verdict: 'served', clientCertificateSubject: 'CN=Client_Cert' });
    expect(peer.log().at(-2)).toMatchObject({ verdict: 'rejected', clientCertificateSubject: 'CN=Other_Client' });
  });

  it('trusts client certificates that chain to CA certificates pasted as PEM', async () => {
    const backend = await unlockedTestBackend();
    const trusted = await createCertificate(backend, 'Pasted_Client');
    const peer = await startReceiver(backend, { protocol: 'https', mtls: 'required', mtlsCaPem: trusted.record.chainPem });
    expect((await client({ ca: peer.ca, cert: trusted.record.chainPem, key: trusted.privateKeyPem })(peer.jwksUri)).status).toBe(200);
    expect((await client({ ca: peer.ca })(peer.jwksUri)).status).toBe(403);
  });

  it('trusts only the client CAs it was given, never the system roots: with none configured, a publicly issued client certificate is refused', async () => {
    // The receiver's server runs in a child process whose system roots include a "public" CA
    // (NODE_EXTRA_CA_CERTS), as a real client certificate from a public CA would chain to one.
    const folder = tempFolder();
    const file = (name: string) => join(folder, name);
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    openssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      file('server.key'),
      '-out',
      file('server.pem'),
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '1',
    ]);
    openssl(['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-subj', '/CN=Public Root', '-days', '1']);
    openssl(['req', '-new', ...ec, '-keyout', file('client.key'), '-out', file('client.csr'), '-subj', '/CN=Public Client']);
    const x509 = ['x509', '-req', '-in', file('client.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-set_serial', '7'];
    openssl([...x509, '-out', file('client.pem'), '-days', '1']);
    const script = `
      import { readFileSync } from 'node:fs';
      const { startServer } = await import(${JSON.stringify(pathToFileURL(resolve('electron/services/receiver/server.ts')).href)});
      const read = (name) => readFileSync(${JSON.stringify(folder)} + '/' + name, 'utf8');
      const server = await startServer({
        host: '127.0.0.1', port: 0,
        tls: { key: read('server.key'), cert: read('server.pem'), ca: [], mtls: 'required' },
        context: () => ({ faults: { latencyMs: 0 } }), jwks: async () => [], onLog: () => {}, onUnexpectedError: () => {},
      });
      console.log(server.port);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: file('ca.pem') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const exited = once(child, 'exit').then(([code]) => {
        throw new Error(`the server process exited (${String(code)}) before listening`);
      });
      exited.catch(() => {}); // the kill below ends it too
      const [line] = (await Promise.race([once(child.stdout, 'data'), exited])) as [Buffer];
      const url = `https://127.0.0.1:${Number(line.toString())}/api/x`;
      const ca = readFileSync(file('server.pem'), 'utf8');
      const response = await client({ ca, cert: readFileSync(file('client.pem'), 'utf8'), key: readFileSync(file('client.key'), 'utf8') })(
        url,
      );
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error_description: string }).error_description).toMatch(
        /^mutual TLS is required: the client certificate CN=Public Client is not trusted \(.+\); no trusted client certificates or CA are configured under Mutual TLS$/,
      );
    } finally {
      child.kill();
    }
  });

  it('refuses pasted trusted CA text that holds no readable certificate, under its field, instead of starting with nobody trusted', async () => {
    const backend = await unlockedTestBackend();
    const ca = await createCertificate(backend, 'Client_CA');
    const publicKey = backend.graph.internal.certificates.publicKey(ca.record.id).export({ type: 'spki', format: 'pem' }).toString();
    const body = ca.record.chainPem.split('\n').slice(1, -2).join('');
    const cases: [string, string][] = [
      ['client CA', 'This is not PEM: paste the CA certificates as -----BEGIN CERTIFICATE----- blocks.'],
      [publicKey, 'Block 1 is a PUBLIC KEY, not a certificate: paste the CA certificates that issue your client certificates.'],
      [
        `${ca.record.chainPem}-----BEGIN CERTIFICATE-----\n${body.slice(0, 40)}\n-----END CERTIFICATE-----\n`,
        'Certificate 2 could not be read: it may be truncated or damaged. Copy it again, including the BEGIN and END lines.',
      ],
    ];
    for (const [mtlsCaPem, message] of cases) {
      const refused = await backend.dispatch('receiver.configure', [{ mtlsCaPem }]);
      expect(refused, message).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message, details: { field: 'mtlsCaPem', issues: [{ path: ['0', 'mtlsCaPem'], message }] } },
      });
    }
    expect(backend.graph.internal.receiver.config().mtlsCaPem).toBe('');
    expect(unwrapResult(await backend.dispatch('receiver.configure', [{ mtlsCaPem: ca.record.chainPem }])).mtlsCaPem).toBe(
      ca.record.chainPem,
    );
  });

  it('with optional mutual TLS, serves clients without a certificate and logs the subject of those with one', async () => {
    const backend = await unlockedTestBackend();
    const trusted = await createCertificate(backend, 'Client_Cert');
    const peer = await startReceiver(backend, { protocol: 'https', mtls: 'optional', mtlsTrustedCertificateIds: [trusted.record.id] });
    expect((await client({ ca: peer.ca })(peer.jwksUri)).status).toBe(200);
    expect(peer.log().at(-1)!.clientCertificateSubject).toBeUndefined();
    expect((await client({ ca: peer.ca, cert: trusted.record.chainPem, key: trusted.privateKeyPem })(peer.jwksUri)).status).toBe(200);
    expect(peer.log().at(-1)!.clientCertificateSubject).toBe('CN=Client_Cert');
  });
});

describe('receiver lifecycle and listening', () => {
  it('stops cleanly: the listening socket and open connections are closed', async () => {
    const backend = await unlockedTestBackend();
    const peer = await startReceiver(backend);
    const port = Number(new URL(peer.baseUrl).port);
    // An idle keep-alive connection, as a client would leave one.
    const idle = connect(port, '127.0.0.1');
    await once(idle, 'connect');
    const closed = once(idle, 'close');
    expect((await client({})(peer.jwksUri)).status).toBe(200);
    await peer.stop();
    await closed;
    expect(peer.receiver.status()).toMatchObject({ state: 'stopped', endpoints: [] });
    const refused = connect(port, '127.0.0.1');
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('stops at once while a latency rule holds a request: the delay timer is cut, not left to run', async () => {
    const backend = await unlockedTestBackend();
    const peer = await startReceiver(backend);
    peer.setFaults({ latencyMs: 5000 });
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const held = fetch(peer.jwksUri).then(
        (response) => response.status,
        () => 'cut',
      );
      // The request is held once the receiver has set its delay timer.
      await expect.poll(() => timers.mock.calls.some(([, ms]) => ms === 5000), { timeout: 10_000 }).toBe(true);
      await peer.stop();
      expect(await held).toBe('cut');
      // The held request ends with the stop (a timer left running would end it, and keep the process
      // alive, 5 s later).
      await expect.poll(() => peer.log().length, { timeout: 2000 }).toBe(1);
      expect(peer.log()[0]).toMatchObject({ endpoint: 'jwks', path: '/.well-known/jwks.json' });
      expect(peer.log()[0]!.durationMs).toBeLessThan(4000);
      expect(backend.logged).toEqual([]);
    } finally {
      timers.mockRestore();
    }
  });

  it('says the port is in use and suggests another; refuses a non-loopback interface until allowed, then warns', async () => {
    const backend = await unlockedTestBackend();
    const first = await startReceiver(backend);
    const port = Number(new URL(first.baseUrl).port);
    const other = await unlockedTestBackend();
    other.graph.internal.receiver.configure({ port });
    const busy = await other.dispatch('receiver.start', []);
    expect(busy).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `Port ${port} is already in use on 127.0.0.1. Choose another port, or 0 to let Signet pick a free one.`,
      },
    });
    expect(other.graph.internal.receiver.status().state).toBe('stopped');

    other.graph.internal.receiver.configure({ host: '0.0.0.0', port: 0 });
    const refused = await other.dispatch('receiver.start', []);
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { field: 'host' } } });
    other.graph.internal.receiver.configure({ allowExternalInterface: true });
    const status = unwrapResult(await other.dispatch('receiver.start', []));
    expect(status.warnings[0]).toBe('Listening on 0.0.0.0: other machines on your network can reach the receiver.');
    await other.graph.internal.receiver.stop();
  });

  it('stops when the vault locks (its keys are no longer available)', async () => {
    const backend = await unlockedTestBackend();
    const peer = await startReceiver(backend);
    backend.graph.internal.vault.lock();
    await expect.poll(() => peer.receiver.status().warnings).toContain('The receiver stopped because the vault was locked.');
    expect(peer.receiver.status().state).toBe('stopped');
    const locked = await backend.dispatch('receiver.start', []);
    expect(locked).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});

afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});
