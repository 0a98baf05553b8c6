/**
 * AES-256-GCM authenticated encryption with a versioned text format:
 * `sv1.<iv>.<ciphertext>.<tag>` (base64url). A fresh random 96-bit IV per seal (NIST SP 800-38D);
 * the associated data binds a ciphertext to its purpose, so items cannot be swapped between ids.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 'sv1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * `malformed`: the text is not a sealed box of a known version (damage, whatever the key).
 * `authentication`: the key is wrong or the box was altered — GCM cannot tell which.
 */
export class SealedBoxError extends Error {
  constructor(readonly kind: 'malformed' | 'authentication') {
    super(kind === 'malformed' ? 'not a sealed box of a known version' : 'authentication failed');
  }
}

export function seal(key: Uint8Array, plaintext: Uint8Array, associatedData: string): string {
  if (key.length !== KEY_BYTES) throw new Error('seal: key must be 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [FORMAT, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function open(key: Uint8Array, sealed: string, associatedData: string): Buffer {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== FORMAT) throw new SealedBoxError('malformed');
  const [iv, ciphertext, tag] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedBoxError('malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new SealedBoxError('authentication');
  }
}
