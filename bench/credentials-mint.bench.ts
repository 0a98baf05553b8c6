// Issue 4: minting through the credential service vs raw jose SignJWT with a pre-imported key (throughput ratio ≥ 0.9).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { NewKeyAlgorithm } from '../shared/contract/certificates';
import type { JwtAlgorithm } from '../shared/credentials/algorithms';
import { createServices } from '../electron/services';
import { median, type Benchmark, type BenchResult } from './harness';

const ROUNDS = 15;
const CALLS_PER_ROUND = 200;

async function measure(alg: JwtAlgorithm, keyAlgorithm: NewKeyAlgorithm): Promise<BenchResult> {
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
  try {
    await graph.services.vault.setUp({ passphrase: 'bench passphrase' });
    const certificate = await graph.services.certificates.createSelfSigned({
      label: 'Bench',
      name: 'Bench',
      keyAlgorithm,
      subject: {},
      exportable: true,
      subjectAltNames: [],
    });
    const profile = graph.internal.credentialStore.create({
      label: 'Bench',
      name: 'Bench',
      url: 'https://api.example.com',
      protocol: 'jwt',
      namedPrincipalSubject: 'bench-user',
      jwt: { algorithm: alg, signingCertificateId: certificate.id, issuer: 'bench-client', audiences: ['https://api.example.com'] },
    });
    const engine = graph.internal.credentials;
    const key = graph.internal.certificates.privateKey(certificate.id);
    const header = { alg, typ: 'JWT', kid: certificate.jwkThumbprint };
    const raw = () => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iat: now - 30,
        nbf: now - 30,
        exp: now + 300,
        jti: randomUUID(),
        iss: 'bench-client',
        sub: 'bench-user',
        aud: 'https://api.example.com',
      })
        .setProtectedHeader(header)
        .sign(key);
    };
    const service = () => engine.mint(profile.id);
    // Each round interleaves the two one call at a time (order alternating), so load from other
    // processes on a shared machine falls on both sides alike; the figure is the median over rounds.
    const round = async (calls: number) => {
      let rawTime = 0;
      let serviceTime = 0;
      for (let i = 0; i < calls; i++) {
        const first = i % 2 ? raw : service;
        const second = i % 2 ? service : raw;
        const t0 = performance.now();
        await first();
        const t1 = performance.now();
        await second();
        const t2 = performance.now();
        if (i % 2) {
          rawTime += t1 - t0;
          serviceTime += t2 - t1;
        } else {
          serviceTime += t1 - t0;
          rawTime += t2 - t1;
        }
      }
      return { rawTime, serviceTime };
    };
    await round(CALLS_PER_ROUND);
    const ratios: number[] = [];
    const rawRates: number[] = [];
    const serviceRates: number[] = [];
    for (let index = 0; index < ROUNDS; index++) {
      const { rawTime, serviceTime } = await round(CALLS_PER_ROUND);
      rawRates.push((CALLS_PER_ROUND / rawTime) * 1000);
      serviceRates.push((CALLS_PER_ROUND / serviceTime) * 1000);
      ratios.push(rawTime / serviceTime);
    }
    return {
      name: `${alg} mint through the credential service vs raw jose SignJWT (throughput)`,
      value: median(ratios),
      unit: 'ratio',
      target: { value: 0.9, better: 'higher' },
      detail: `service ${Math.round(median(serviceRates))}/s, raw ${Math.round(median(rawRates))}/s, ${ROUNDS} rounds of ${CALLS_PER_ROUND} interleaved calls`,
    };
  } finally {
    await graph.dispose();
    rmSync(dataFolder, { recursive: true, force: true });
  }
}

const benchmark: Benchmark = {
  name: 'Named credentials: JWT minting',
  async run() {
    return [await measure('RS256', 'RSA-2048'), await measure('ES256', 'EC-P256')];
  },
};
export default benchmark;
