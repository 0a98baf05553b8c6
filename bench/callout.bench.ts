// Issue 5: a callout through Signet vs a raw undici request to the same loopback server (median of 200,
// interleaved): ≤ 1.15× without auth, ≤ 1.3× with an ES256 JWT minted per callout from a cached key.
// Like for like: the raw request carries the headers Signet sends by default, and for the JWT row
// Signet's token cache is cleared before each callout so both sides sign every time (a cached token
// is reported beside it, without a target).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { Agent, request } from 'undici';
import { contract } from '../shared/contract';
import { createDispatcher } from '../shared/rpc';
import { createServices } from '../electron/services';
import { median, type Benchmark, type BenchResult } from './harness';

const RUNS = 200;
// Pairs run before measuring. Both sides take a few thousand calls to reach V8's optimised code
// (measured: medians fall from ~300 µs to ~75 µs by the fourth thousand); fewer measures the JIT.
const WARMUP = 4000;

async function pairedMedians(reference: () => Promise<unknown>, signet: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) {
    await reference();
    await signet();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate which side goes first so neither always follows the other's socket release.
    const first = i % 2 === 0;
    for (const side of first ? [0, 1] : [1, 0]) {
      const start = performance.now();
      await (side === 0 ? reference() : signet());
      (side === 0 ? a : b).push(performance.now() - start);
    }
  }
  return { reference: median(a), signet: median(b) };
}

/** What Signet adds to a request with no headers of its own (callout-engine buildHeaders). */
const SIGNET_DEFAULT_HEADERS = { 'user-agent': 'Signet', accept: '*/*', 'accept-encoding': 'gzip, deflate, br' };

const benchmark: Benchmark = {
  name: 'Callout overhead vs raw undici (loopback)',
  async run(): Promise<BenchResult[]> {
    const body = JSON.stringify({ ok: true, items: [1, 2, 3] });
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dataFolder = mkdtempSync(join(tmpdir(), 'signet-bench-'));
    const graph = createServices({
      dataFolder,
      info: {
        name: 'Signet',
        version: 'bench',
        host: 'browser',
        versions: { node: process.versions.node },
        nativeDialogs: false,
        defaultSaveFolder: dataFolder,
      },
      events: { emit() {} },
      logger: { error() {}, info() {} },
      kdfCost: { N: 2 ** 12, r: 8, p: 1 },
    });
    const dispatch = createDispatcher(contract, graph.services, { newRef: () => 'x', onUnexpectedError: () => {} });
    const agent = new Agent();
    try {
      await graph.services.vault.setUp({ passphrase: 'bench passphrase' });
      const certificate = await graph.services.certificates.createSelfSigned({
        label: 'Bench',
        name: 'Bench',
        keyAlgorithm: 'EC-P256',
        subject: {},
        exportable: true,
        subjectAltNames: [],
      });
      const profile = graph.internal.credentialStore.create({
        label: 'Bench',
        name: 'Bench',
        url,
        protocol: 'jwt',
        namedPrincipalSubject: 'bench-user',
        jwt: { algorithm: 'ES256', signingCertificateId: certificate.id, issuer: 'bench-client', audiences: [url] },
      });
      const key = graph.internal.certificates.privateKey(certificate.id);

      const raw = async (authorization?: string) => {
        const response = await request(`${url}/items`, {
          dispatcher: agent,
          headers: authorization ? { ...SIGNET_DEFAULT_HEADERS, authorization } : SIGNET_DEFAULT_HEADERS,
        });
        await response.body.text();
      };
      let n = 0;
      const viaSignet = async (target: string) => {
        const result = await dispatch('http.send', [{ requestId: `b${++n}`, request: { method: 'GET', url: target } }]);
        if (!result.ok) throw new Error(result.error.message);
      };
      const rawJwt = async () => {
        const now = Math.floor(Date.now() / 1000);
        const jwt = await new SignJWT({
          iss: 'bench-client',
          sub: 'bench-user',
          aud: url,
          iat: now,
          nbf: now,
          exp: now + 300,
          jti: randomUUID(),
        })
          .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: certificate.jwkThumbprint })
          .sign(key);
        await raw(`Bearer ${jwt}`);
      };

      const plain = await pairedMedians(
        () => raw(),
        () => viaSignet(`${url}/items`),
      );
      const jwt = await pairedMedians(rawJwt, () => {
        graph.internal.credentials.cache.clear(profile.id);
        return viaSignet('callout:Bench/items');
      });
      const cachedToken = await pairedMedians(rawJwt, () => viaSignet('callout:Bench/items'));
      const detail = (m: { reference: number; signet: number }) =>
        `raw ${(m.reference * 1000).toFixed(0)} µs, Signet ${(m.signet * 1000).toFixed(0)} µs (median of ${RUNS})`;
      return [
        {
          name: 'GET, no auth: Signet http.send (validated) / raw undici',
          value: plain.signet / plain.reference,
          unit: 'ratio',
          target: { value: 1.15, better: 'lower' },
          detail: detail(plain),
        },
        {
          name: 'GET, callout: with ES256 JWT minted per callout / raw undici + jose SignJWT (cached key)',
          value: jwt.signet / jwt.reference,
          unit: 'ratio',
          target: { value: 1.3, better: 'lower' },
          detail: detail(jwt),
        },
        {
          name: 'GET, callout: reusing the cached JWT (Signet default) / raw undici + jose SignJWT',
          value: cachedToken.signet / cachedToken.reference,
          unit: 'ratio',
          detail: detail(cachedToken),
        },
      ];
    } finally {
      await agent.close();
      await new Promise((resolve) => server.close(resolve));
      await graph.dispose();
      rmSync(dataFolder, { recursive: true, force: true });
    }
  },
};

export default benchmark;
