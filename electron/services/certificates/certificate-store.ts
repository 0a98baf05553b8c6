/**
 * The certificate store: records (public data) in `certificates.json`, private keys in the vault
 * under `certificate-key:<id>`. The internal API other services use to sign, verify, serve TLS and
 * publish JWKS — keys are imported once into KeyObjects and cached until the vault locks.
 */
import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import { z } from 'zod';
import type { CertificateKind, CertificateRecord, CertificateStatus, KeyAlgorithm } from '../../../shared/contract/certificates';
import { AppError } from '../../../shared/errors';
import type { Document } from '../store/document';
import type { Vault } from '../vault/vault';
import { describeKey, type KeyPair } from './key-generation';
import { describeCertificate, jwkThumbprint, toPem } from './x509';

const vaultId = (id: string) => `certificate-key:${id}`;

const CertificateRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  label: z.string(),
  kind: z.enum(['self-signed', 'ca-signed', 'imported']),
  status: z.enum(['active', 'awaiting-signed-cert']),
  keyAlgorithm: z.custom<KeyAlgorithm>((value) => typeof value === 'string' && /^(RSA-\d+|EC-P(256|384|521)|Ed25519)$/.test(value)),
  hasPrivateKey: z.boolean(),
  hasCertificate: z.boolean(),
  exportable: z.boolean(),
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprints: z.object({ sha1: z.string(), sha256: z.string() }),
  x5t: z.string(),
  'x5t#S256': z.string(),
  jwkThumbprint: z.string(),
  publicKeyPem: z.string(),
  chainPem: z.string(),
  csrPem: z.string().optional(),
  createdAt: z.string(),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<CertificateRecord, unknown>;

export const CertificatesFile = z.object({ certificates: z.array(CertificateRecordSchema) });
export type CertificatesFile = z.infer<typeof CertificatesFile>;
export const CERTIFICATES_DOCUMENT = { name: 'certificates', schema: CertificatesFile, version: 1, initial: () => ({ certificates: [] }) };

/** What a new record is made from. */
export interface NewRecord {
  name: string;
  label: string;
  kind: CertificateKind;
  status?: CertificateStatus;
  exportable: boolean;
  /** The public key (always) and the private key (when there is one; it goes to the vault). */
  publicKey: KeyObject;
  privateKey?: KeyObject;
  /** DER of the certificate chain, leaf first (empty for a bare key or a pending CSR). */
  chain?: Uint8Array[];
  csrPem?: string;
  warnings?: string[];
}

/** Answers "who uses this certificate?" (named credentials, the receiver) for the delete guard. */
export type UsageProvider = (certificateId: string) => string[];

export class CertificateStore {
  readonly #document: Document<CertificatesFile>;
  readonly #vault: Vault;
  readonly #privateKeys = new Map<string, KeyObject>();
  readonly #publicKeys = new Map<string, KeyObject>();
  readonly #usage = new Set<UsageProvider>();
  readonly #listeners = new Set<() => void>();

  constructor(document: Document<CertificatesFile>, vault: Vault) {
    this.#document = document;
    this.#vault = vault;
    vault.onChange((status) => {
      if (status.state !== 'unlocked') this.#privateKeys.clear();
    });
  }

  list(): CertificateRecord[] {
    return this.#document.read().certificates;
  }

  get(id: string): CertificateRecord {
    const record = this.list().find((entry) => entry.id === id);
    if (!record) throw new AppError('NOT_FOUND', 'That certificate no longer exists. It may have been deleted.', { certificateId: id });
    return record;
  }

  findByName(name: string): CertificateRecord | undefined {
    return this.list().find((entry) => entry.name.toLowerCase() === name.toLowerCase());
  }

  /** Checks the unique name before any expensive work. */
  assertNameFree(name: string, exceptId?: string) {
    const existing = this.findByName(name);
    if (existing && existing.id !== exceptId) {
      throw new AppError('CONFLICT', `A certificate named ${existing.name} already exists. Choose another Unique Name.`, { field: 'name' });
    }
  }

  /** Builds the record from keys and chain, seals the private key in the vault, and saves. */
  async add(input: NewRecord): Promise<CertificateRecord> {
    this.assertNameFree(input.name);
    const record = await buildRecord(randomUUID(), input);
    if (input.privateKey) {
      this.#vault.seal(vaultId(record.id), input.privateKey.export({ type: 'pkcs8', format: 'der' }));
    }
    try {
      this.#document.update((file) => ({ certificates: [...file.certificates, record] }));
    } catch (error) {
      this.#vault.delete(vaultId(record.id));
      throw error;
    }
    this.#emit();
    return record;
  }

  /** Replaces a record's public data (rename, signed certificate uploaded, ...). */
  update(id: string, change: (record: CertificateRecord) => CertificateRecord): CertificateRecord {
    const current = this.get(id);
    const next = { ...change(current), id };
    if (next.name !== current.name) this.assertNameFree(next.name, id);
    this.#document.update((file) => ({ certificates: file.certificates.map((entry) => (entry.id === id ? next : entry)) }));
    this.#publicKeys.delete(id);
    this.#emit();
    return next;
  }

  /** Deletes a record and its key; refused while something uses it (the message names what). */
  remove(id: string): void {
    const record = this.get(id);
    const users = [...this.#usage].flatMap((provider) => provider(id));
    if (users.length > 0) {
      throw new AppError(
        'CONFLICT',
        `${record.label} is used by ${users.join(', ')}. Change ${users.length > 1 ? 'them' : 'it'} to use another certificate first.`,
        {
          usedBy: users,
        },
      );
    }
    this.#document.update((file) => ({ certificates: file.certificates.filter((entry) => entry.id !== id) }));
    this.#vault.delete(vaultId(id));
    this.#privateKeys.delete(id);
    this.#publicKeys.delete(id);
    this.#emit();
  }

  registerUsage(provider: UsageProvider): () => void {
    this.#usage.add(provider);
    return () => this.#usage.delete(provider);
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The private key, imported once and cached. Never let it (or its export) cross the bridge. */
  privateKey(id: string): KeyObject {
    const cached = this.#privateKeys.get(id);
    if (cached) return cached;
    const record = this.get(id);
    if (!record.hasPrivateKey) {
      throw new AppError(
        'NOT_FOUND',
        `${record.label} is a certificate without a private key, so it cannot sign. Choose a certificate with a key.`,
        {
          certificateId: id,
        },
      );
    }
    const key = createPrivateKey({ key: this.#vault.open(vaultId(id)), format: 'der', type: 'pkcs8' });
    this.#privateKeys.set(id, key);
    return key;
  }

  publicKey(id: string): KeyObject {
    let key = this.#publicKeys.get(id);
    if (!key) this.#publicKeys.set(id, (key = createPublicKey(this.get(id).publicKeyPem)));
    return key;
  }

  /** The certificate chain as DER, leaf first (empty without a certificate). */
  chainDer(id: string): Buffer[] {
    return pemBlocks(this.get(id).chainPem).map((block) => Buffer.from(block, 'base64'));
  }

  /** The public JWK as published in a JWKS: `kid` = JWK thumbprint, with `x5c` and `x5t#S256` when there is a certificate. */
  async publicJwk(id: string): Promise<JWK> {
    const record = this.get(id);
    const jwk: JWK = { ...(await exportJWK(this.publicKey(id))), kid: record.jwkThumbprint, use: 'sig' };
    if (record.hasCertificate) {
      jwk.x5c = this.chainDer(id).map((der) => der.toString('base64'));
      jwk['x5t#S256'] = record['x5t#S256'];
    }
    return jwk;
  }

  #emit() {
    for (const listener of this.#listeners) listener();
  }
}

async function buildRecord(id: string, input: NewRecord): Promise<CertificateRecord> {
  const chain = input.chain ?? [];
  const leaf = chain[0];
  const certificateFacts = leaf
    ? describeCertificate(leaf)
    : { subject: '', issuer: '', serial: '', notBefore: '', notAfter: '', fingerprints: { sha1: '', sha256: '' }, x5t: '', 'x5t#S256': '' };
  return {
    id,
    name: input.name,
    label: input.label,
    kind: input.kind,
    status: input.status ?? 'active',
    keyAlgorithm: describeKey(input.publicKey),
    hasPrivateKey: !!input.privateKey,
    hasCertificate: !!leaf,
    exportable: input.exportable && !!input.privateKey,
    ...certificateFacts,
    jwkThumbprint: jwkThumbprint(input.publicKey),
    publicKeyPem: input.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    chainPem: chain.map((der) => toPem(der)).join(''),
    ...(input.csrPem ? { csrPem: input.csrPem } : {}),
    createdAt: new Date().toISOString(),
    warnings: input.warnings ?? [],
  };
}

/** The base64 bodies of every PEM block in a text. */
export function pemBlocks(pem: string, label = 'CERTIFICATE'): string[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...pem.matchAll(pattern)].map((match) => match[1]!.replace(/\s+/g, ''));
}

export type { KeyPair };
