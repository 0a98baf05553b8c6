/**
 * Sun's JKS key protector (sun.security.provider.KeyProtector, OID 1.3.6.1.4.1.42.2.17.1.1): how
 * JKS stores private keys. A SHA-1 keystream — digest_i = SHA1(password || digest_{i-1}), digest_0 a
 * random 20-byte salt — XORed over the PKCS#8 key, then SHA1(password || key) as a check; the
 * password as UTF-16BE. Used both to write JKS and to read it (for every key type).
 */
import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export const KEY_PROTECTOR_OID = '1.3.6.1.4.1.42.2.17.1.1';

export function utf16be(text: string): Buffer {
  const buffer = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) buffer.writeUInt16BE(text.charCodeAt(i), i * 2);
  return buffer;
}

function keystream(passwordBytes: Buffer, salt: Buffer, length: number): Buffer {
  const stream = Buffer.alloc(length);
  let digest: Buffer = salt;
  for (let offset = 0; offset < length; offset += 20) {
    digest = createHash('sha1').update(passwordBytes).update(digest).digest();
    digest.copy(stream, offset, 0, Math.min(20, length - offset));
  }
  return stream;
}

const xor = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.map((byte, i) => byte ^ b[i]!));

/** Protects a PKCS#8 key: the DER of an EncryptedPrivateKeyInfo with Sun's OID. */
export function protectKey(pkcs8: Uint8Array, password: string): Buffer {
  const passwordBytes = utf16be(password);
  const salt = randomBytes(20);
  const encrypted = xor(pkcs8, keystream(passwordBytes, salt, pkcs8.length));
  const check = createHash('sha1').update(passwordBytes).update(pkcs8).digest();
  const protectedBytes = Buffer.concat([salt, encrypted, check]);
  const algorithm = derSequence(Buffer.concat([derOid(KEY_PROTECTOR_OID), Buffer.from([0x05, 0x00])]));
  return derSequence(Buffer.concat([algorithm, derTlv(0x04, protectedBytes)]));
}

/**
 * Recovers the PKCS#8 key, or `null` when the password is wrong (the check digest differs).
 * Throws when the key is not protected with Sun's protector.
 */
export function recoverKey(encryptedPrivateKeyInfo: Uint8Array, password: string): Buffer | null {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(encryptedPrivateKeyInfo).toString('binary')));
  const [algorithm, data] = asn1.value as forge.asn1.Asn1[];
  const oid = forge.asn1.derToOid((algorithm!.value as forge.asn1.Asn1[])[0]!.value as string);
  if (oid !== KEY_PROTECTOR_OID) throw new Error(`Unsupported JKS key protection ${oid}`);
  const bytes = Buffer.from(data!.value as string, 'binary');
  const salt = bytes.subarray(0, 20);
  const check = bytes.subarray(bytes.length - 20);
  const passwordBytes = utf16be(password);
  const encrypted = bytes.subarray(20, bytes.length - 20);
  const plain = xor(encrypted, keystream(passwordBytes, salt, encrypted.length));
  const expected = createHash('sha1').update(passwordBytes).update(plain).digest();
  return expected.equals(check) ? plain : null;
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function derTlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

function derSequence(content: Buffer): Buffer {
  return derTlv(0x30, content);
}

function derOid(oid: string): Buffer {
  const parts = oid.split('.').map(Number);
  const bytes = [parts[0]! * 40 + parts[1]!];
  for (const part of parts.slice(2)) {
    const encoded: number[] = [part & 0x7f];
    for (let n = part >> 7; n > 0; n >>= 7) encoded.unshift(0x80 | (n & 0x7f));
    bytes.push(...encoded);
  }
  return derTlv(0x06, Buffer.from(bytes));
}
