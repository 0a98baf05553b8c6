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

const ROUNDS = 25;
/** Batches last ~30 ms, so a pair of adjacent batches sees the same machine load. */
const BATCH_MS = 30;

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
    let size = 50;
    const batch = async (fn: () => Promise<unknown>, count = size) => {
      const start = performance.now();
      for (let i = 0; i < count; i++) await fn();
      return performance.now() - start;
    };
    const probe = await batch(raw, 50);
    size = Math.max(20, Math.round((50 * BATCH_MS) / probe));
    await batch(service, size);
    const ratios: number[] = [];
    const rawRates: number[] = [];
    const serviceRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first so drift on a shared machine hits both sides alike.
      let rawTime: number;
      let serviceTime: number;
      if (round % 2) {
        rawTime = await batch(raw);
        serviceTime = await batch(service);
      } else {
        serviceTime = await batch(service);
        rawTime = await batch(raw);
      }
      rawRates.push((size / rawTime) * 1000);
      serviceRates.push((size / serviceTime) * 1000);
      ratios.push(rawTime / serviceTime);
    }
    return {
      name: `${alg} mint through the credential service vs raw jose SignJWT (throughput)`,
      value: median(ratios),
      unit: 'ratio',
      target: { value: 0.9, better: 'higher' },
      detail: `service ${Math.round(median(serviceRates))}/s, raw ${Math.round(median(rawRates))}/s, ${ROUNDS} alternating pairs of ${size}`,
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
