// Proxies: a tiny CONNECT proxy on 127.0.0.1:0; which requests go through it, and an honest timeline.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { createTransport, type TransportOptions } from '../../../electron/services/callout/transport';
import { startServer } from '../../harness/servers';
import { backend, sendOk } from './helpers';

interface TestProxy {
  url: string;
  /** CONNECT targets, in order. */
  tunnels: string[];
}

const proxies: { server: Server; sockets: Set<Socket> }[] = [];
afterEach(async () => {
  for (const { server, sockets } of proxies.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An HTTP proxy that only tunnels (CONNECT host:port), as corporate proxies do for HTTPS. */
async function startProxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connection', track);
  server.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxies.push({ server, sockets });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels };
}

describe('callouts through a proxy', () => {
  it('a custom proxy carries the request; the first hop reports its tunnel time, marked via proxy, not reuse', async () => {
    const target = await startServer((_req, res) => res.end('through'));
    const proxy = await startProxy();
    const signet = backend();
    const settings = { proxy: { mode: 'custom' as const, url: proxy.url } };
    const first = await sendOk(signet, { method: 'GET', url: `${target.url}/a`, settings });
    expect(first.body.text).toBe('through');
    expect(proxy.tunnels).toEqual([`127.0.0.1:${target.port}`]);
    const phases = first.timeline[0]!.phases;
    expect(phases).toMatchObject({ reusedConnection: false, viaProxy: true });
    expect(phases.connectMs).toBeGreaterThan(0);
    // The tunnel is kept alive: a later send through it is a reuse, with no connect time.
    const later = [];
    for (let i = 0; i < 4; i++) later.push((await sendOk(signet, { method: 'GET', url: `${target.url}/b`, settings })).timeline[0]!.phases);
    const reused = later.filter((hop) => hop.reusedConnection);
    expect(reused.length).toBeGreaterThan(0);
    for (const hop of reused) expect(hop).not.toHaveProperty('connectMs');
    // "No proxy" goes direct.
    await sendOk(signet, { method: 'GET', url: `${target.url}/c`, settings: { proxy: { mode: 'none' } } });
    expect(proxy.tunnels).toHaveLength(later.length - reused.length + 1);
    expect(target.requests.map((seen) => seen.url)).toEqual(['/a', '/b', '/b', '/b', '/b', '/c']);
  });

  it('the system proxy (HTTP_PROXY) is used, except for hosts NO_PROXY names', async () => {
    const target = await startServer((_req, res) => res.end('ok'));
    const proxy = await startProxy();
    const transport = createTransport({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,.internal.test' });
    const options: TransportOptions = { verifyTls: true, proxy: { mode: 'system' } };
    try {
      for (const host of ['127.0.0.1', 'localhost']) {
        const url = new URL(`http://${host}:${target.port}/${host}`);
        const response = await request(url, { dispatcher: transport.dispatcherFor(url, options) });
        expect(await response.body.text()).toBe('ok');
      }
    } finally {
      await transport.close();
    }
    expect(proxy.tunnels).toEqual([`127.0.0.1:${target.port}`]);
    expect(target.requests.map((seen) => seen.url)).toEqual(['/127.0.0.1', '/localhost']);
  });
});
