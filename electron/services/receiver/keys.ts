/**
 * The receiver's keys: the public keys it trusts (certificates from the store, a JWKS URL), its own
 * signing key for the access tokens it issues, and its TLS material. Private keys stay in the vault
 * and in this process.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type JsonWebKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { ReceiverConfig } from '../../../shared/contract/receiver';
import type { CertificateStore } from '../certificates/certificate-store';
import { PEM_BLOCK } from '../certificates/import/pem-der';
import { generateKeys } from '../certificates/key-generation';
import { createSelfSignedCertificate, toPem } from '../certificates/x509';
import { AppError } from '../../../shared/errors';
import { smallRequest } from '../http/small-request';
import type { Vault } from '../vault/vault';
import type { TrustedKey } from './verify';

const SIGNING_KEY_ITEM = 'receiver:signing-key';
const TLS_KEY_ITEM = 'receiver:tls-key';

/** The receiver's own ES256 key: signs access tokens, published in its JWKS. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
  jwk: JWK;
}

/** Loads the receiver's signing key from the vault, creating it on first use. */
export async function loadSigningKey(vault: Vault): Promise<SigningKey> {
  let privateKey: KeyObject;
  if (vault.has(SIGNING_KEY_ITEM)) {
    privateKey = createPrivateKey({ key: vault.open(SIGNING_KEY_ITEM), format: 'der', type: 'pkcs8' });
  } else {
    privateKey = (await generateKeys('EC-P256')).privateKey;
    vault.seal(SIGNING_KEY_ITEM, privateKey.export({ type: 'pkcs8', format: 'der' }));
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { privateKey, publicKey, kid, jwk: { ...jwk, kid, use: 'sig', alg: 'ES256' } };
}

/** The store's certificates by id, tolerating ones deleted since they were chosen. */
export function storeKeys(certificates: CertificateStore, ids: string[]): { keys: TrustedKey[]; notes: string[] } {
  const records = new Map(certificates.list().map((record) => [record.id, record]));
  const keys: TrustedKey[] = [];
  const notes: string[] = [];
  for (const id of ids) {
    const record = records.get(id);
    if (!record) {
      notes.push('a trusted certificate was deleted from the store');
      continue;
    }
    keys.push({ label: `certificate ${record.name}`, key: certificates.publicKey(id), kid: record.jwkThumbprint });
  }
  return { keys, notes };
}

/** Public JWKs for the receiver's JWKS document: the trusted certificates that still exist. */
export async function storeJwks(certificates: CertificateStore, ids: string[]): Promise<JWK[]> {
  const present = new Set(certificates.list().map((record) => record.id));
  return Promise.all(ids.filter((id) => present.has(id)).map((id) => certificates.publicJwk(id)));
}

/** Fetches a JWKS URL and keeps it for a while; a kid it does not know triggers one early refresh. */
export class RemoteJwks {
  #url = '';
  #keys: TrustedKey[] = [];
  #fetchedAt = 0;
  #error = '';

  constructor(
    readonly maxAgeMs = 5 * 60_000,
    readonly minRefreshMs = 10_000,
  ) {}

  async keys(url: string, kid: unknown): Promise<{ keys: TrustedKey[]; notes: string[] }> {
    if (!url) return { keys: [], notes: [] };
    const age = Date.now() - this.#fetchedAt;
    const unknownKid = typeof kid === 'string' && !this.#keys.some((key) => key.kid === kid);
    // A failed fetch is tried again as soon as an unknown kid would be, not after maxAgeMs: the user
    // who just fixed the URL's server should not wait minutes for tokens without a kid to pass.
    const retry = unknownKid || this.#error !== '';
    if (url !== this.#url || age > this.maxAgeMs || (retry && age > this.minRefreshMs)) await this.#refresh(url);
    return { keys: this.#keys, notes: this.#error ? [this.#error] : [] };
  }

  async #refresh(url: string) {
    this.#url = url;
    this.#fetchedAt = Date.now();
    try {
      const response = await smallRequest({ url, timeoutMs: 5000, maxBytes: 512 * 1024, action: 'Fetching the JWKS' });
      if (response.status !== 200) throw new Error(`it answered HTTP ${response.status}`);
      const document = JSON.parse(response.body) as { keys?: unknown };
      if (!Array.isArray(document.keys)) throw new Error('it is not a JWKS (no "keys" list)');
      const keys: TrustedKey[] = [];
      for (const [index, jwk] of document.keys.entries()) {
        try {
          const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
          const kid = typeof (jwk as JWK).kid === 'string' ? (jwk as JWK).kid : undefined;
          keys.push({ label: `JWKS key ${kid ?? `#${index + 1}`}`, key, kid });
        } catch {
          // A key node cannot read (symmetric, unknown kty) is skipped, not fatal.
        }
      }
      this.#keys = keys;
      this.#error = '';
    } catch (error) {
      this.#keys = [];
      this.#error = `the JWKS URL ${url} could not be used: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

/**
 * Checks pasted trusted CA text: PEM CERTIFICATE blocks that all parse. (Node skips what it cannot
 * read, so a bad paste would otherwise leave mutual TLS trusting nobody, without a word.)
 */
export function checkTrustedCaPem(text: string): void {
  const refuse = (message: string) =>
    new AppError('BAD_INPUT', message, { field: 'mtlsCaPem', issues: [{ path: ['0', 'mtlsCaPem'], message }] });
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) throw refuse('This is not PEM: paste the CA certificates as -----BEGIN CERTIFICATE----- blocks.');
  blocks.forEach(([block, label], index) => {
    if (label !== 'CERTIFICATE') {
      throw refuse(`Block ${index + 1} is a ${label}, not a certificate: paste the CA certificates that issue your client certificates.`);
    }
    try {
      new X509Certificate(block);
    } catch {
      throw refuse(
        `Certificate ${index + 1} could not be read: it may be truncated or damaged. Copy it again, including the BEGIN and END lines.`,
      );
    }
  });
}

export interface TlsMaterial {
  key: string;
  cert: string;
  /** Trusted CAs for client certificates (mutual TLS). */
  ca: string[];
}

/**
 * The TLS server certificate and key: from the store, or a self-signed one for localhost and
 * 127.0.0.1 that Signet makes once (key in the vault) and reuses until it nears expiry.
 */
export async function loadTlsMaterial(
  config: ReceiverConfig,
  certificates: CertificateStore,
  vault: Vault,
  generated: { read(): string | null; write(pem: string): void },
): Promise<TlsMaterial> {
  const present = new Set(certificates.list().map((record) => record.id));
  const ca = [
    ...config.mtlsTrustedCertificateIds.filter((id) => present.has(id)).flatMap((id) => certificates.chainDer(id).map((der) => toPem(der))),
    ...(config.mtlsCaPem.trim() ? [config.mtlsCaPem] : []),
  ];
  if (config.serverCertificateId) {
    const id = config.serverCertificateId;
    const chain = certificates.chainDer(id).map((der) => toPem(der));
    const key = certificates.privateKey(id).export({ type: 'pkcs8', format: 'pem' }).toString();
    return { key, cert: chain.join(''), ca };
  }
  const pem = generated.read();
  if (pem && vault.has(TLS_KEY_ITEM) && Date.parse(new X509Certificate(pem).validTo) - Date.now() > 7 * 86_400_000) {
    const key = createPrivateKey({ key: vault.open(TLS_KEY_ITEM), format: 'der', type: 'pkcs8' });
    return { key: key.export({ type: 'pkcs8', format: 'pem' }).toString(), cert: pem, ca };
  }
  const keys = await generateKeys('EC-P256');
  const certificate = await createSelfSignedCertificate({
    algorithm: 'EC-P256',
    keys,
    subject: { organization: 'Signet receiver' },
    fallbackCommonName: 'localhost',
    validityDays: 365,
    subjectAltNames: [
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
      { type: 'ip', value: '::1' },
    ],
  });
  const certPem = toPem(new Uint8Array(certificate.rawData));
  vault.seal(TLS_KEY_ITEM, keys.privateKey.export({ type: 'pkcs8', format: 'der' }));
  generated.write(certPem);
  return { key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert: certPem, ca };
}
