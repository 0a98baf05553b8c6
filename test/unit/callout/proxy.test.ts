// Proxies: a tiny CONNECT proxy on 127.0.0.1:0; which requests go through it, and an honest timeline.
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { createTransport, type TransportOptions } from '../../../electron/services/callout/transport';
import { startServer, startTunnelProxy } from '../../harness/servers';
import { backend, sendOk } from './helpers';

describe('callouts through a proxy', () => {
  it('a custom proxy carries the request; the first hop reports its tunnel time, marked via proxy, not reuse', async () => {
    const target = await startServer((_req, res) => res.end('through'));
    const proxy = await startTunnelProxy();
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
    const proxy = await startTunnelProxy();
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
