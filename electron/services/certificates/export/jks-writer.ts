/**
 * A Java keystore (JKS) writer — no maintained one exists. The format (as Sun's JavaKeyStore
 * writes it): magic 0xFEEDFEED, version 2, entry count; per entry a tag (1 = private key,
 * 2 = trusted certificate), alias (Java modified UTF-8), creation time in ms, then the protected
 * key and its certificate chain (type "X.509" + DER each); last, a SHA-1 over
 * password (UTF-16BE) + "Mighty Aphrodite" + everything before it.
 * Private keys are protected with Sun's JKS key protector (OID 1.3.6.1.4.1.42.2.17.1.1).
 */
import { createHash } from 'node:crypto';
import { protectKey, utf16be } from '../jks-key-protector';

export interface JksKeyEntry {
  alias: string;
  /** PKCS#8 DER of the private key. */
  pkcs8: Uint8Array;
  /** DER certificates, leaf first. */
  chain: Uint8Array[];
  date?: Date;
}

export interface JksCertificateEntry {
  alias: string;
  certificate: Uint8Array;
  date?: Date;
}

const MAGIC = 0xfeedfeed;
const VERSION = 2;

class Out {
  readonly #chunks: Buffer[] = [];
  u32(value: number) {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(value >>> 0);
    this.#chunks.push(buffer);
  }
  u64(value: number) {
    const buffer = Buffer.alloc(8);
    buffer.writeBigUInt64BE(BigInt(value));
    this.#chunks.push(buffer);
  }
  /** java.io.DataOutput.writeUTF: u16 length + modified UTF-8. */
  utf(text: string) {
    const bytes = modifiedUtf8(text);
    if (bytes.length > 0xffff) throw new Error('JKS string too long');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(bytes.length);
    this.#chunks.push(length, bytes);
  }
  bytes(data: Uint8Array) {
    this.#chunks.push(Buffer.from(data));
  }
  concat(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}

/** Builds a JKS file. keytool accepts it with `-storetype JKS`. */
export function writeJks(password: string, keys: JksKeyEntry[], certificates: JksCertificateEntry[] = []): Buffer {
  const out = new Out();
  out.u32(MAGIC);
  out.u32(VERSION);
  out.u32(keys.length + certificates.length);
  for (const entry of keys) {
    out.u32(1);
    out.utf(entry.alias);
    out.u64((entry.date ?? new Date()).getTime());
    const protectedKey = protectKey(entry.pkcs8, password);
    out.u32(protectedKey.length);
    out.bytes(protectedKey);
    out.u32(entry.chain.length);
    for (const der of entry.chain) {
      out.utf('X.509');
      out.u32(der.length);
      out.bytes(der);
    }
  }
  for (const entry of certificates) {
    out.u32(2);
    out.utf(entry.alias);
    out.u64((entry.date ?? new Date()).getTime());
    out.utf('X.509');
    out.u32(entry.certificate.length);
    out.bytes(entry.certificate);
  }
  const body = out.concat();
  const digest = createHash('sha1').update(utf16be(password)).update(Buffer.from('Mighty Aphrodite', 'utf8')).update(body).digest();
  return Buffer.concat([body, digest]);
}

/** Java's modified UTF-8: U+0000 as C0 80, supplementary characters as two 3-byte surrogates. */
function modifiedUtf8(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x01 && c <= 0x7f) bytes.push(c);
    else if (c <= 0x7ff) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Buffer.from(bytes);
}
