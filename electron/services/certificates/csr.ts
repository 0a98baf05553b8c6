/**
 * The CA-signed flow: a PKCS#10 request for a generated key, then the signed certificate (or chain,
 * in any order) uploaded back — the leaf must carry the pending key.
 */
import 'reflect-metadata';
import { type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { KeyAlgorithm, SubjectFields } from '../../../shared/contract/certificates';
import { AppError } from '../../../shared/errors';
import { orderChain, readCertificates } from './chain';
import { signingAlgorithm, subjectName, toCryptoKeys, toPem } from './x509';

type CryptoKeyPairForX509 = Parameters<typeof x509.Pkcs10CertificateRequestGenerator.create>[0]['keys'];

/** A PKCS#10 CSR (PEM) for the key, with the subject fields the user entered. */
export async function createCsr(options: {
  algorithm: KeyAlgorithm;
  keys: { privateKey: KeyObject; publicKey: KeyObject };
  subject: SubjectFields;
  fallbackCommonName: string;
}): Promise<{ pem: string; subject: string }> {
  const keys = (await toCryptoKeys(options.algorithm, options.keys.privateKey, options.keys.publicKey)) as never as CryptoKeyPairForX509;
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subjectName(options.subject, options.fallbackCommonName),
    keys,
    signingAlgorithm: signingAlgorithm(options.algorithm),
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  return { pem: toPem(new Uint8Array(request.rawData), 'CERTIFICATE REQUEST'), subject: request.subject };
}

/**
 * Reads an uploaded signed certificate (PEM, DER or PKCS#7; one certificate or a chain in any order) and
 * returns the chain ordered leaf first, the leaf being the certificate for `publicKey`.
 */
export function chainForKey(bytes: Uint8Array, publicKey: KeyObject): Uint8Array[] {
  const certificates = readCertificates(bytes);
  if (certificates.length === 0) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      'That file holds no certificate. Upload the signed certificate as PEM or DER (.cer, .crt, .pem), or your CA’s PKCS#7 bundle (.p7b).',
    );
  }
  const wanted = publicKey.export({ type: 'spki', format: 'der' });
  const leaf = certificates.find((der) => spkiOf(der).equals(wanted));
  if (!leaf) {
    throw new AppError(
      'KEY_MISMATCH',
      'None of the uploaded certificates is for this entry’s key: the CA signed a different request. Upload the certificate issued for this entry’s CSR.',
    );
  }
  return orderChain(leaf, certificates);
}

function spkiOf(der: Uint8Array): Buffer {
  return Buffer.from(new x509.X509Certificate(der).publicKey.rawData);
}
