// The connector behind every callout: a host name with several addresses (as `localhost` → ::1 then
// 127.0.0.1) is tried address by address, as curl does, and the timeline reports the DNS phase.
// A real server on 127.0.0.1:0; only name resolution is stood in for.
import { afterEach, describe, expect, it } from 'vitest';
import { RequestSpec } from '../../../shared/contract/http';
import { BodyStore } from '../../../electron/services/callout/body-store';
import { CalloutEngine } from '../../../electron/services/callout/callout-engine';
import { createTransport, type Resolve, type Transport } from '../../../electron/services/callout/transport';
import { AppError } from '../../../shared/errors';
import { closedPort, startServer } from '../../harness/servers';

const open: { transport: Transport; bodies: BodyStore }[] = [];
afterEach(async () => {
  for (const { transport, bodies } of open.splice(0)) {
    await transport.close();
    bodies.dispose();
  }
});

function engineResolving(addresses: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve: Resolve = (hostname, callback) => {
    asked.push(hostname);
    setTimeout(() => callback(null, addresses[hostname] ?? []), 5);
  };
  const transport = createTransport({}, resolve);
  const bodies = new BodyStore();
  open.push({ transport, bodies });
  const engine = new CalloutEngine({ transport, bodies });
  let sends = 0;
  const send = (url: string) =>
    engine.send({
      requestId: `t-${++sends}`,
      request: RequestSpec.parse({ method: 'GET', url, settings: { proxy: { mode: 'none' } } }),
      variables: {},
    });
  return { send, asked };
}

describe('callout transport: addresses and DNS', () => {
  it('tries the next address of a host when the first refuses, and times the DNS phase', async () => {
    const server = await startServer((req, res) => res.end(`hello ${req.headers.host}`));
    // 127.0.0.2 is loopback too, but nothing listens there on this port: refused, then 127.0.0.1 answers.
    const { send, asked } = engineResolving({ 'api.signet.test': ['127.0.0.2', '127.0.0.1'] });
    const response = await send(`http://api.signet.test:${server.port}/x`);
    expect(response.status).toBe(200);
    expect(response.body.text).toBe(`hello api.signet.test:${server.port}`);
    expect(asked).toEqual(['api.signet.test']);
    const phases = response.timeline[0]!.phases;
    expect(phases.reusedConnection).toBe(false);
    expect(phases.dnsMs).toBeGreaterThanOrEqual(4);
    expect(phases.connectMs).toBeGreaterThanOrEqual(0);
  });

  it('reports the refusal when every address refuses, and an unknown host as DNS', async () => {
    const port = await closedPort();
    const { send } = engineResolving({ 'down.signet.test': ['127.0.0.2', '127.0.0.1'] });
    const refused = await send(`http://down.signet.test:${port}/`).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toContain(`down.signet.test:${port} refused the connection`);
    const unknown = await send(`http://nowhere.signet.test:${port}/`).catch((error: unknown) => error);
    expect((unknown as AppError).message).toContain(`the host nowhere.signet.test:${port} could not be found (DNS)`);
  });
});
