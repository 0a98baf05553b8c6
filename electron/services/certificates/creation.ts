/**
 * Creating entries: self-signed certificates and CA-signed requests. Key generation runs on
 * libuv's thread pool (node:crypto async), so main stays responsive; a creation started with a job
 * id can be cancelled — the key being generated is then discarded and nothing is stored.
 */
import { CreateCertificateInput, type CertificateRecord, type CreationPhase } from '../../../shared/contract/certificates';
import type { SignetEvents } from '../../../shared/contract';
import type { EventSink } from '../../../shared/rpc';
import { AppError } from '../../../shared/errors';
import type { CertificateStore } from './certificate-store';
import { chainForKey, createCsr } from './csr';
import { generateKeys } from './key-generation';
import { createSelfSignedCertificate, describeCertificate, toPem } from './x509';

/** Salesforce's defaults: one year, two for RSA-4096 keys. */
export function defaultValidityDays(keyAlgorithm: string): number {
  return keyAlgorithm === 'RSA-4096' ? 730 : 365;
}

export class Creations {
  readonly #store: CertificateStore;
  readonly #events?: EventSink<SignetEvents>;
  readonly #running = new Map<string, AbortController>();

  constructor(store: CertificateStore, events?: EventSink<SignetEvents>) {
    this.#store = store;
    this.#events = events;
  }

  cancel(jobId: string): void {
    this.#running.get(jobId)?.abort();
  }

  async selfSigned(raw: CreateCertificateInput): Promise<CertificateRecord> {
    const input = CreateCertificateInput.parse(raw);
    return this.#run(input.jobId, async (step, signal) => {
      this.#store.assertNameFree(input.name);
      step('generating-key');
      const keys = await untilAborted(generateKeys(input.keyAlgorithm), signal);
      step('building-certificate');
      const certificate = await createSelfSignedCertificate({
        algorithm: input.keyAlgorithm,
        keys,
        subject: input.subject,
        fallbackCommonName: input.name,
        validityDays: input.validityDays ?? defaultValidityDays(input.keyAlgorithm),
        subjectAltNames: input.subjectAltNames,
      });
      step('saving');
      return this.#store.add({
        name: input.name,
        label: input.label,
        kind: 'self-signed',
        exportable: input.exportable,
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
        chain: [new Uint8Array(certificate.rawData)],
      });
    });
  }

  async caSigned(raw: CreateCertificateInput): Promise<CertificateRecord> {
    const input = CreateCertificateInput.parse(raw);
    return this.#run(input.jobId, async (step, signal) => {
      this.#store.assertNameFree(input.name);
      step('generating-key');
      const keys = await untilAborted(generateKeys(input.keyAlgorithm), signal);
      step('building-certificate');
      const csr = await createCsr({ algorithm: input.keyAlgorithm, keys, subject: input.subject, fallbackCommonName: input.name });
      step('saving');
      const record = await this.#store.add({
        name: input.name,
        label: input.label,
        kind: 'ca-signed',
        status: 'awaiting-signed-cert',
        exportable: input.exportable,
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
        csrPem: csr.pem,
      });
      return this.#store.update(record.id, (current) => ({ ...current, subject: csr.subject }));
    });
  }

  /** Activates an entry awaiting its signed certificate. */
  uploadSigned(id: string, bytes: Uint8Array): CertificateRecord {
    const record = this.#store.get(id);
    if (record.status !== 'awaiting-signed-cert') {
      throw new AppError(
        'CONFLICT',
        `${record.label} is not awaiting a signed certificate. Upload a signed certificate only for an entry created with Create CA-Signed Certificate.`,
      );
    }
    const chain = chainForKey(bytes, this.#store.publicKey(id));
    const facts = describeCertificate(chain[0]!);
    const warnings = Date.parse(facts.notAfter) < Date.now() ? [`The certificate expired on ${facts.notAfter.slice(0, 10)}.`] : [];
    return this.#store.update(id, (current) => ({
      ...current,
      ...facts,
      status: 'active',
      hasCertificate: true,
      chainPem: chain.map((der) => toPem(der)).join(''),
      warnings: [...current.warnings, ...warnings],
    }));
  }

  async #run<T>(jobId: string | undefined, work: (step: (phase: CreationPhase) => void, signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (jobId) this.#running.set(jobId, controller);
    const step = (phase: CreationPhase) => {
      if (controller.signal.aborted) throw cancelled();
      if (jobId) this.#events?.emit('certificates.progress', { jobId, phase });
    };
    try {
      return await work(step, controller.signal);
    } finally {
      if (jobId) this.#running.delete(jobId);
    }
  }
}

const cancelled = () => new AppError('ABORTED', 'Creation cancelled. Nothing was saved.');

/** Settles with `promise`, or rejects at once when `signal` aborts (the work itself runs on and is dropped). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) reject(cancelled());
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
