/**
 * PKCS#12 / PFX with node-forge: OpenSSL 3 defaults (PBES2, AES-256, HMAC-SHA-256), legacy
 * (RC2-40 / 3DES, SHA-1 MAC) and keytool's. For EC and Ed25519 forge leaves keys and
 * certificates as raw ASN.1, which node:crypto imports.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../../../../shared/errors';
import { leavesOf, orderChain } from '../chain';
import { certificatePublicKey, entryForKey, type FoundEntry, type ReadResult } from './found';

const toBytes = (binary: string) => new Uint8Array(Buffer.from(binary, 'binary'));

/** True when the DER is a PFX: SEQUENCE { INTEGER 3, ContentInfo, ... }. */
export function looksLikePkcs12(bytes: Uint8Array): boolean {
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
    const items = asn1.value as forge.asn1.Asn1[];
    const version = items[0];
    return (
      Array.isArray(items) &&
      version?.type === forge.asn1.Type.INTEGER &&
      forge.util.bytesToHex(version.value as string) === '03' &&
      items[1]?.type === forge.asn1.Type.SEQUENCE
    );
  } catch {
    return false;
  }
}

export function readPkcs12(bytes: Uint8Array, password: string | undefined): ReadResult {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password ?? '');
  } catch (error) {
    const message = (error as Error).message ?? '';
    if (/MAC could not be verified|password|decrypt/i.test(message)) {
      if (password === undefined) return { status: 'needs-password', format: 'PKCS#12', prompt: 'password' };
      throw new AppError('BAD_PASSPHRASE', 'That password does not open the PKCS#12 file. Check it (it is case-sensitive) and try again.');
    }
    if (/Unsupported|not supported|unknown/i.test(message)) {
      throw new AppError('UNSUPPORTED_FORMAT', `This PKCS#12 file uses something Signet cannot read (${message.slice(0, 120)}).`);
    }
    throw new AppError('UNSUPPORTED_FORMAT', 'The PKCS#12 file is damaged or truncated. Export it again from its source.');
  }
  const keys: { key: KeyObject; alias?: string }[] = [];
  const certificates: { der: Uint8Array; alias?: string }[] = [];
  for (const contents of p12.safeContents) {
    for (const bag of contents.safeBags) {
      const alias = bag.attributes?.friendlyName?.[0] as string | undefined;
      if (bag.type === forge.pki.oids.keyBag || bag.type === forge.pki.oids.pkcs8ShroudedKeyBag) {
        const info = bag.asn1 ?? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey));
        const der = Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary');
        keys.push({ key: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), alias });
      } else if (bag.type === forge.pki.oids.certBag) {
        const certificateAsn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1!;
        certificates.push({ der: toBytes(forge.asn1.toDer(certificateAsn1).getBytes()), alias });
      }
    }
  }
  const all = certificates.map((entry) => entry.der);
  const entries: FoundEntry[] = keys.map(({ key, alias }) => entryForKey(key, all, alias));
  if (entries.length === 0) {
    for (const leaf of leavesOf(all)) {
      const alias = certificates.find((entry) => entry.der === leaf)?.alias;
      entries.push({ alias, publicKey: certificatePublicKey(leaf), chain: orderChain(leaf, all) });
    }
  }
  if (entries.length === 0) throw new AppError('UNSUPPORTED_FORMAT', 'The PKCS#12 file holds no key and no certificate.');
  return { status: 'ready', format: 'PKCS#12', entries };
}
