/**
 * X.509 with @peculiar/x509 (RSA, EC and Ed25519): building self-signed certificates and describing
 * any certificate as Signet shows it.
 */
import 'reflect-metadata';
import { createHash, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { KeyAlgorithm, SubjectAltName, SubjectFields } from '../../../shared/contract/certificates';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type SigningParams = webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams | webcrypto.Algorithm;

x509.cryptoProvider.set(webcrypto as never);

/** WebCrypto parameters for signing a certificate with a key of this type. */
export function signingAlgorithm(algorithm: KeyAlgorithm): SigningParams {
  if (algorithm.startsWith('RSA-')) return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (algorithm === 'EC-P256') return { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  if (algorithm === 'EC-P384') return { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' };
  if (algorithm === 'EC-P521') return { name: 'ECDSA', namedCurve: 'P-521', hash: 'SHA-512' };
  return { name: 'Ed25519' };
}

/** Imports node KeyObjects as non-extractable WebCrypto keys for the x509 library. */
export async function toCryptoKeys(algorithm: KeyAlgorithm, privateKey: KeyObject, publicKey: KeyObject): Promise<CryptoKeyPair> {
  const params = signingAlgorithm(algorithm);
  const subtle = webcrypto.subtle;
  const [priv, pub] = await Promise.all([
    subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), params, false, ['sign']),
    subtle.importKey('spki', publicKey.export({ type: 'spki', format: 'der' }), params, true, ['verify']),
  ]);
  return { privateKey: priv, publicKey: pub };
}

/** Builds the subject name in the usual order (C, ST, L, O, OU, CN, emailAddress). */
export function subjectName(fields: SubjectFields, fallbackCommonName: string): x509.Name {
  const parts: x509.JsonName = [];
  const add = (type: string, value: string | undefined) => {
    if (value?.trim()) parts.push({ [type]: [value.trim()] });
  };
  add('C', fields.country?.toUpperCase());
  add('ST', fields.state);
  add('L', fields.locality);
  add('O', fields.organization);
  add('OU', fields.organizationalUnit);
  add('CN', fields.commonName?.trim() || fallbackCommonName);
  add('E', fields.email);
  return new x509.Name(parts);
}

/** A positive random 128-bit serial (RFC 5280 §4.1.2.2: positive, ≤ 20 octets). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

/** @peculiar/x509 is typed against the DOM's CryptoKey; node's webcrypto keys are the same objects. */
type CryptoKeyPairForX509 = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'];

export interface SelfSignedOptions {
  algorithm: KeyAlgorithm;
  keys: { privateKey: KeyObject; publicKey: KeyObject };
  subject: SubjectFields;
  fallbackCommonName: string;
  validityDays: number;
  subjectAltNames?: SubjectAltName[];
  now?: Date;
}

export async function createSelfSignedCertificate(options: SelfSignedOptions): Promise<x509.X509Certificate> {
  const keys = (await toCryptoKeys(options.algorithm, options.keys.privateKey, options.keys.publicKey)) as never as CryptoKeyPairForX509;
  const now = options.now ?? new Date();
  // Backdate a minute so a peer with a slightly slow clock accepts it at once.
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + options.validityDays * 86_400_000);
  const name = subjectName(options.subject, options.fallbackCommonName);
  const usage = options.algorithm.startsWith('RSA-')
    ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
    : x509.KeyUsageFlags.digitalSignature;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(usage, true),
    new x509.SubjectKeyIdentifierExtension(subjectKeyIdentifier(options.keys.publicKey)),
  ];
  if (options.subjectAltNames?.length) {
    extensions.push(new x509.SubjectAlternativeNameExtension(options.subjectAltNames.map((san) => ({ type: san.type, value: san.value }))));
    extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]));
  }
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    notBefore,
    notAfter,
    signingAlgorithm: signingAlgorithm(options.algorithm),
    keys,
    extensions,
  });
}

/**
 * RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING (as OpenSSL computes it),
 * hashed synchronously — one thread-pool round trip less per certificate.
 */
export function subjectKeyIdentifier(publicKey: KeyObject): string {
  let bits: Buffer;
  if (publicKey.asymmetricKeyType === 'rsa') {
    bits = publicKey.export({ type: 'pkcs1', format: 'der' });
  } else {
    const jwk = publicKey.export({ format: 'jwk' });
    const x = Buffer.from(jwk.x!, 'base64url');
    bits = jwk.kty === 'EC' ? Buffer.concat([Buffer.from([0x04]), x, Buffer.from(jwk.y!, 'base64url')]) : x;
  }
  return createHash('sha1').update(bits).digest('hex');
}

/** RFC 7638 JWK thumbprint (SHA-256): the required members in lexicographic order, no whitespace; hashed synchronously. */
export function jwkThumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const required =
    jwk.kty === 'RSA'
      ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
      : jwk.kty === 'EC'
        ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
        : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  return createHash('sha256').update(JSON.stringify(required)).digest('base64url');
}

/** Colon-separated upper-case hex, as `openssl x509 -fingerprint` prints it. */
export function colonHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase().match(/../g)!.join(':');
}

/** The certificate facts a record carries: names, validity, fingerprints and RFC 7515 thumbprints. */
export function describeCertificate(der: Uint8Array) {
  const certificate = new x509.X509Certificate(der);
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  return {
    subject: certificate.subject,
    issuer: certificate.issuer,
    serial: certificate.serialNumber.toUpperCase(),
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    fingerprints: { sha1: colonHex(sha1), sha256: colonHex(sha256) },
    x5t: sha1.toString('base64url'),
    'x5t#S256': sha256.toString('base64url'),
  };
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const base64 = Buffer.from(der)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}
