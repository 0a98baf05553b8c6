/** What the import readers find in files, before it becomes a candidate or a record. */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { ImportFormat } from '../../../../shared/contract/certificate-files';
import { AppError } from '../../../../shared/errors';
import { orderChain, parseCertificate } from '../chain';

export interface FoundEntry {
  alias?: string;
  privateKey?: KeyObject;
  publicKey: KeyObject;
  /** Leaf first; empty for a bare key. */
  chain: Uint8Array[];
}

export type ReadResult =
  | { status: 'ready'; format: ImportFormat; entries: FoundEntry[] }
  | { status: 'needs-password'; format: ImportFormat; prompt: 'password' | 'passphrase' | 'store-password' };

export function spki(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

export function certificatePublicKey(der: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(parseCertificate(der).publicKey.rawData), format: 'der', type: 'spki' });
}

/**
 * Pairs a private key with its certificate among `certificates` (by public key) and orders the
 * chain. Certificates present but none for this key → KEY_MISMATCH.
 */
export function entryForKey(privateKey: KeyObject, certificates: Uint8Array[], alias?: string): FoundEntry {
  const publicKey = createPublicKey(privateKey);
  const wanted = spki(publicKey);
  const leaf = certificates.find((der) => spki(certificatePublicKey(der)).equals(wanted));
  if (!leaf && certificates.length > 0) {
    throw new AppError(
      'KEY_MISMATCH',
      'The private key does not belong to the certificate: their public keys differ. Choose the key that was made with this certificate.',
    );
  }
  return { alias, privateKey, publicKey, chain: leaf ? orderChain(leaf, certificates) : [] };
}
