// Issue 3: creating certificates through the service vs OpenSSL, EC create time, PKCS#12 import time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../electron/services';
import { median, type Benchmark } from './harness';

const RUNS = 20;

function services(dataFolder: string) {
  return createServices({
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
}

const time = async (fn: () => unknown) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

const benchmark: Benchmark = {
  name: 'Certificates: create and import',
  async run() {
    const dataFolder = mkdtempSync(join(tmpdir(), 'signet-bench-'));
    const work = mkdtempSync(join(tmpdir(), 'signet-bench-openssl-'));
    const graph = services(dataFolder);
    try {
      await graph.services.vault.setUp({ passphrase: 'bench passphrase' });
      const certificates = graph.services.certificates;
      let n = 0;
      const create = (keyAlgorithm: 'RSA-2048' | 'EC-P256') =>
        certificates.createSelfSigned({
          label: `Bench ${++n}`,
          name: `Bench_${n}`,
          keyAlgorithm,
          subject: {},
          exportable: true,
          subjectAltNames: [],
        });
      const openssl = (i: number) =>
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-keyout',
            join(work, `k${i}.pem`),
            '-out',
            join(work, `c${i}.pem`),
            '-subj',
            '/CN=Bench',
            '-days',
            '365',
          ],
          { stdio: 'ignore' },
        );

      // Warm up both, then alternate so both sides see the same machine load.
      await create('RSA-2048');
      openssl(-1);
      const service: number[] = [];
      const reference: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        service.push(await time(() => create('RSA-2048')));
        reference.push(await time(() => openssl(i)));
      }
      const ec: number[] = [];
      await create('EC-P256');
      for (let i = 0; i < RUNS; i++) ec.push(await time(() => create('EC-P256')));

      execFileSync('openssl', [
        'pkcs12',
        '-export',
        '-in',
        join(work, 'c0.pem'),
        '-inkey',
        join(work, 'k0.pem'),
        '-passout',
        'pass:bench-pass',
        '-out',
        join(work, 'b.p12'),
      ]);
      const file = { name: 'b.p12', base64: readFileSync(join(work, 'b.p12')).toString('base64') };
      const importOnce = async () => {
        const analysis = await certificates.analyzeImport({ files: [file], password: 'bench-pass' });
        if (analysis.status !== 'ready') throw new Error('PKCS#12 not read');
        const name = `Imported_${++n}`;
        await certificates.importEntries({
          files: [file],
          password: 'bench-pass',
          entries: [{ ref: '0', label: name, name, exportable: true }],
        });
      };
      await importOnce();
      const imports: number[] = [];
      for (let i = 0; i < RUNS; i++) imports.push(await time(importOnce));

      const serviceMedian = median(service);
      const referenceMedian = median(reference);
      return [
        {
          name: 'self-signed RSA-2048 through the service vs openssl req -x509 -newkey rsa:2048 -nodes',
          value: serviceMedian / referenceMedian,
          unit: 'ratio',
          target: { value: 1.0, better: 'lower' },
          detail: `medians of ${RUNS}: service ${serviceMedian.toFixed(1)} ms, openssl ${referenceMedian.toFixed(1)} ms`,
        },
        {
          name: 'self-signed EC P-256 create through the service',
          value: median(ec),
          unit: 'ms',
          target: { value: 20, better: 'lower' },
          detail: `median of ${RUNS}; min ${Math.min(...ec).toFixed(1)} ms`,
        },
        {
          name: 'PKCS#12 import (analyze + import, OpenSSL 3 default AES-256 file)',
          value: median(imports),
          unit: 'ms',
          target: { value: 200, better: 'lower' },
          detail: `median of ${RUNS}; min ${Math.min(...imports).toFixed(1)} ms`,
        },
      ];
    } finally {
      await graph.dispose();
      rmSync(dataFolder, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    }
  },
};

export default benchmark;
