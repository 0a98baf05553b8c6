/**
 * Import: detect each file's format, read it, offer the entries found (public facts only), and
 * store the chosen ones — private keys straight into the vault. Passwords are used and dropped.
 */
import { createHash } from 'node:crypto';
import type { ImportAnalysis, ImportCandidate, ImportEntriesInput, ImportInput } from '../../../../shared/contract/certificate-files';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import { AppError } from '../../../../shared/errors';
import { toApiName } from '../../../../shared/names';
import type { CertificateStore } from '../certificate-store';
import { describeKey } from '../key-generation';
import { describeCertificate } from '../x509';
import type { FoundEntry, ReadResult } from './found';
import { JCEKS_MAGIC, JKS_MAGIC, readJks } from './jks';
import { readJwk } from './jwk';
import { readPemAndDer } from './pem-der';
import { looksLikePkcs12, readPkcs12 } from './pkcs12';
import { decodeUpload } from './upload';

/**
 * The last read, so the import that follows an analysis does not decrypt the files again (PBKDF2
 * in JS is most of a PKCS#12 import). Keyed by a hash of files and passwords; dropped once used.
 */
const lastReads = new WeakMap<CertificateStore, { key: string; result: ReadResult; at: number }>();
const CACHE_MS = 2 * 60_000;

function cachedRead(store: CertificateStore, input: ImportInput, consume: boolean): ReadResult {
  const key = createHash('sha256')
    .update(JSON.stringify([input.files, input.password ?? null, input.keyPassword ?? null]))
    .digest('hex');
  const last = lastReads.get(store);
  const result = last?.key === key && Date.now() - last.at < CACHE_MS ? last.result : readImport(input);
  if (consume) lastReads.delete(store);
  else lastReads.set(store, { key, result, at: Date.now() });
  return result;
}

/** Reads the files: one keystore (PKCS#12, JKS) or JWK(S), or any mix of PEM and DER files. */
export function readImport(input: ImportInput): ReadResult {
  const files = input.files.map((file) => ({ name: file.name ?? '', bytes: decodeUpload(file) }));
  for (const file of files) {
    const kind = detect(file.bytes);
    if (kind === 'pem-der') continue;
    if (files.length > 1) {
      throw new AppError(
        'BAD_INPUT',
        `${file.name || 'A keystore'} is a keystore or JWK file: import it on its own, not together with other files.`,
      );
    }
    if (kind === 'jks') return readJks(file.bytes, input.password, input.keyPassword);
    if (kind === 'pkcs12') return readPkcs12(file.bytes, input.password);
    return readJwk(Buffer.from(file.bytes).toString('utf8'));
  }
  return readPemAndDer(files, input.password);
}

function detect(bytes: Uint8Array): 'jks' | 'pkcs12' | 'jwk' | 'pem-der' {
  const magic = bytes.length >= 4 ? Buffer.from(bytes).readUInt32BE(0) : 0;
  if (magic === JKS_MAGIC) return 'jks';
  if (magic === JCEKS_MAGIC) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      'This is a JCEKS keystore, which Signet does not read. Convert it: keytool -importkeystore -srcstoretype JCEKS -deststoretype PKCS12.',
    );
  }
  const start = Buffer.from(bytes.subarray(0, 64)).toString('utf8').trimStart();
  if (start.startsWith('{')) return 'jwk';
  if (bytes[0] === 0x30 && looksLikePkcs12(bytes)) return 'pkcs12';
  return 'pem-der';
}

export function analyzeImport(store: CertificateStore, input: ImportInput): ImportAnalysis {
  const read = cachedRead(store, input, false);
  if (read.status === 'needs-password') return read;
  const taken = new Set(store.list().map((record) => record.name.toLowerCase()));
  const candidates = read.entries.map((entry, index) => toCandidate(entry, index, taken));
  return { status: 'ready', format: read.format, candidates };
}

export async function importEntries(store: CertificateStore, input: ImportEntriesInput): Promise<CertificateRecord[]> {
  const read = cachedRead(store, { files: input.files, password: input.password, keyPassword: input.keyPassword }, true);
  if (read.status === 'needs-password') {
    throw new AppError(
      'BAD_PASSPHRASE',
      `This ${read.format} file is protected. Enter its ${read.prompt === 'passphrase' ? 'passphrase' : 'password'}.`,
    );
  }
  const chosen = (input.entries ?? []).map((choice) => {
    const entry = read.entries[Number(choice.ref)];
    if (!entry) throw new AppError('NOT_FOUND', 'That entry is no longer in the file. Choose the file again.');
    return { choice, entry };
  });
  // Check every name (against the store and each other) before storing anything.
  const names = new Set<string>();
  for (const { choice, entry } of chosen) {
    store.assertNameFree(choice.name);
    if (names.has(choice.name.toLowerCase())) {
      throw new AppError('CONFLICT', `Two entries are named ${choice.name}. Give each a different Unique Name.`, { field: 'name' });
    }
    names.add(choice.name.toLowerCase());
    describeKey(entry.publicKey);
  }
  const records: CertificateRecord[] = [];
  for (const { choice, entry } of chosen) {
    records.push(
      await store.add({
        name: choice.name,
        label: choice.label,
        kind: 'imported',
        exportable: choice.exportable ?? true,
        publicKey: entry.publicKey,
        privateKey: entry.privateKey,
        chain: entry.chain,
        warnings: warningsFor(entry),
      }),
    );
  }
  return records;
}

function toCandidate(entry: FoundEntry, index: number, taken: Set<string>): ImportCandidate {
  const keyAlgorithm = describeKey(entry.publicKey);
  const facts = entry.chain[0] ? describeCertificate(entry.chain[0]) : undefined;
  const commonName = facts?.subject.match(/CN=([^,]+)/)?.[1];
  const suggestedLabel = (entry.alias || commonName || `Imported ${keyAlgorithm}`).slice(0, 80);
  return {
    ref: String(index),
    ...(entry.alias ? { alias: entry.alias } : {}),
    hasPrivateKey: !!entry.privateKey,
    hasCertificate: entry.chain.length > 0,
    keyAlgorithm,
    subject: facts?.subject ?? '',
    issuer: facts?.issuer ?? '',
    notAfter: facts?.notAfter ?? '',
    chainLength: entry.chain.length,
    warnings: warningsFor(entry),
    suggestedLabel,
    suggestedName: freeName(toApiName(suggestedLabel) || 'Imported_Key', taken),
  };
}

/** Allowed but worth knowing: weak RSA keys and expired certificates (issue #3, bad input). */
export function warningsFor(entry: FoundEntry): string[] {
  const warnings: string[] = [];
  const bits = entry.publicKey.asymmetricKeyDetails?.modulusLength;
  if (entry.publicKey.asymmetricKeyType === 'rsa' && bits !== undefined && bits < 2048) {
    warnings.push(`RSA-${bits} is weak: many services refuse keys under 2048 bits (Salesforce needs 2048+). Use it for testing only.`);
  }
  const leaf = entry.chain[0];
  if (leaf) {
    const notAfter = describeCertificate(leaf).notAfter;
    if (Date.parse(notAfter) < Date.now()) warnings.push(`The certificate expired on ${notAfter.slice(0, 10)}.`);
  }
  return warnings;
}

function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}
