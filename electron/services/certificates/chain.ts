/** Certificates in files: reading PEM, DER or PKCS#7 (.p7b), and ordering a chain leaf → root whatever order it came in. */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { AppError } from '../../../shared/errors';

const PEM_CERTIFICATE = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;
const PEM_PKCS7 = /-----BEGIN (PKCS7|CMS)-----([\s\S]*?)-----END \1-----/g;
const BEGIN_CERTIFICATES = /-----BEGIN (?:(?:X509 |TRUSTED )?CERTIFICATE|PKCS7|CMS)-----/g;

/**
 * Every certificate in a PEM text (CERTIFICATE or PKCS7 blocks), a DER certificate or a DER PKCS#7
 * bundle (.p7b, as many CAs deliver a signed certificate with its chain). Garbage → UNSUPPORTED_FORMAT.
 */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const base64 = (body: string) => new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
    const certificates = [...text.matchAll(PEM_CERTIFICATE)].map((match) => base64(match[1]!));
    const bundles = [...text.matchAll(PEM_PKCS7)].map((match) => base64(match[2]!));
    // A pasted block missing its END line would otherwise read as "no certificate".
    if ((text.match(BEGIN_CERTIFICATES) ?? []).length > certificates.length + bundles.length) throw truncatedPem();
    for (const der of certificates) parseCertificate(der);
    return [...certificates, ...bundles.flatMap((der) => pkcs7Certificates(der) ?? unreadablePkcs7())];
  }
  const fromBundle = bytes[0] === 0x30 ? pkcs7Certificates(bytes) : null;
  if (fromBundle) return fromBundle;
  parseCertificate(bytes);
  return [bytes];
}

/** The certificates of a PKCS#7 / CMS SignedData (DER), or null when the bytes are not one. */
export function pkcs7Certificates(der: Uint8Array): Uint8Array[] | null {
  try {
    return new x509.X509Certificates(der).map((certificate) => new Uint8Array(certificate.rawData));
  } catch {
    return null;
  }
}

function truncatedPem() {
  return new AppError(
    'UNSUPPORTED_FORMAT',
    'The PEM text is truncated: a -----BEGIN line has no matching -----END line. Copy or choose the whole certificate, from its BEGIN line to its END line.',
  );
}

function unreadablePkcs7(): never {
  throw new AppError('UNSUPPORTED_FORMAT', 'The PKCS#7 (.p7b) block is damaged or truncated. Download it again from your CA.');
}

/** Parses one DER certificate, translating failures into a coded error. */
export function parseCertificate(der: Uint8Array): x509.X509Certificate {
  try {
    return new x509.X509Certificate(der);
  } catch {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      'The file is not a readable X.509 certificate (it may be truncated or not a certificate at all). Check that you chose the right file.',
    );
  }
}

/**
 * Orders `all` into the chain that starts at `leaf`: each next certificate is the issuer of the
 * previous (matched by issuer and subject name). Unrelated certificates are dropped;
 * the walk stops at a self-signed root or when no issuer is present.
 */
export function orderChain(leaf: Uint8Array, all: Uint8Array[]): Uint8Array[] {
  const parsed = all.map((der) => ({ der, certificate: parseCertificate(der) }));
  const chain = [{ der: leaf, certificate: parseCertificate(leaf) }];
  const used = new Set<Uint8Array>([leaf]);
  for (;;) {
    const current = chain[chain.length - 1]!.certificate;
    if (current.subject === current.issuer) break;
    const issuer = parsed.find((entry) => !used.has(entry.der) && entry.certificate.subject === current.issuer);
    if (!issuer) break;
    chain.push(issuer);
    used.add(issuer.der);
  }
  return chain.map((entry) => entry.der);
}

/** The certificates that issue no other certificate in the set: the leaves of the chains it holds. */
export function leavesOf(all: Uint8Array[]): Uint8Array[] {
  const parsed = all.map((der) => parseCertificate(der));
  return all.filter((_der, index) => !parsed.some((other, otherIndex) => otherIndex !== index && other.issuer === parsed[index]!.subject));
}
