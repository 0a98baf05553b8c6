/** The Details view's extra facts, parsed from the stored certificate on demand (public data only). */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CertificateDetails } from '../../../shared/contract/certificates';
import type { CertificateStore } from './certificate-store';
import { colonHex } from './x509';

const KEY_USAGE_NAMES: [x509.KeyUsageFlags, string][] = [
  [x509.KeyUsageFlags.digitalSignature, 'Digital Signature'],
  [x509.KeyUsageFlags.nonRepudiation, 'Non Repudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'Key Encipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'Data Encipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'Key Agreement'],
  [x509.KeyUsageFlags.keyCertSign, 'Certificate Sign'],
  [x509.KeyUsageFlags.cRLSign, 'CRL Sign'],
  [x509.KeyUsageFlags.encipherOnly, 'Encipher Only'],
  [x509.KeyUsageFlags.decipherOnly, 'Decipher Only'],
];

const EXTENDED_KEY_USAGE_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'TLS Server Authentication',
  '1.3.6.1.5.5.7.3.2': 'TLS Client Authentication',
  '1.3.6.1.5.5.7.3.3': 'Code Signing',
  '1.3.6.1.5.5.7.3.4': 'Email Protection',
  '1.3.6.1.5.5.7.3.8': 'Time Stamping',
  '1.3.6.1.5.5.7.3.9': 'OCSP Signing',
};

export async function certificateDetails(store: CertificateStore, id: string): Promise<CertificateDetails> {
  const publicJwk = { ...(await store.publicJwk(id)) } as Record<string, unknown>;
  const chain = store.chainDer(id);
  const details: CertificateDetails = {
    subjectAltNames: [],
    keyUsages: [],
    extendedKeyUsages: [],
    isCa: false,
    signatureAlgorithm: '',
    chain: [],
    publicJwk,
  };
  if (chain.length === 0) return details;
  const leaf = new x509.X509Certificate(chain[0]!);
  const sans = leaf.getExtension(x509.SubjectAlternativeNameExtension);
  details.subjectAltNames = sans ? sans.names.items.map((name) => `${name.type.toUpperCase()}: ${name.value}`) : [];
  const usages = leaf.getExtension(x509.KeyUsagesExtension);
  if (usages) details.keyUsages = KEY_USAGE_NAMES.filter(([flag]) => usages.usages & flag).map(([, name]) => name);
  const extended = leaf.getExtension(x509.ExtendedKeyUsageExtension);
  if (extended) details.extendedKeyUsages = extended.usages.map((oid) => EXTENDED_KEY_USAGE_NAMES[String(oid)] ?? String(oid));
  details.isCa = leaf.getExtension(x509.BasicConstraintsExtension)?.ca ?? false;
  const algorithm = leaf.signatureAlgorithm as { name: string; hash?: { name: string } };
  details.signatureAlgorithm = algorithm.hash ? `${algorithm.name} with ${algorithm.hash.name}` : algorithm.name;
  details.chain = chain.map((der) => {
    const certificate = new x509.X509Certificate(der);
    return {
      subject: certificate.subject,
      issuer: certificate.issuer,
      notAfter: certificate.notAfter.toISOString(),
      sha256: colonHex(createHash('sha256').update(der).digest()),
    };
  });
  return details;
}
