/** Certificates in files: reading PEM or DER, and ordering a chain leaf → root whatever order it came in. */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { AppError } from '../../../shared/errors';

const PEM_CERTIFICATE = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;

/** Every certificate in a PEM text or a single DER certificate. Garbage → UNSUPPORTED_FORMAT. */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const blocks = [...text.matchAll(PEM_CERTIFICATE)].map((match) => new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')));
    for (const der of blocks) parseCertificate(der);
    return blocks;
  }
  parseCertificate(bytes);
  return [bytes];
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
