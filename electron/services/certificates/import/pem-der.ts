/**
 * PEM and DER: certificates (one, a chain, or a PKCS#7 bundle), private keys as PKCS#1, PKCS#8, SEC1 or encrypted
 * PKCS#8 (and legacy OpenSSL-encrypted PEM), public keys. Key and certificate may come in one
 * file or several; node:crypto parses every key form.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../../../../shared/errors';
import { leavesOf, orderChain, parseCertificate, pkcs7Certificates } from '../chain';
import { entryForKey, type FoundEntry, type ReadResult } from './found';

/** One PEM block: its label and its body (base64, with any headers). */
export const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

const derOf = (body: string) => new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'));

interface Pieces {
  certificates: Uint8Array[];
  privateKeys: KeyObject[];
  publicKeys: KeyObject[];
}

/** Reads PEM texts and DER certificates (or keys) together. */
export function readPemAndDer(files: { name: string; bytes: Uint8Array }[], passphrase: string | undefined): ReadResult {
  const pieces: Pieces = { certificates: [], privateKeys: [], publicKeys: [] };
  let sawPem = false;
  for (const file of files) {
    const text = Buffer.from(file.bytes).toString('latin1');
    if (text.includes('-----BEGIN')) {
      sawPem = true;
      const needs = readPem(text, file.name, passphrase, pieces);
      if (needs) return { status: 'needs-password', format: 'PEM', prompt: 'passphrase' };
    } else {
      readDer(file.bytes, file.name, pieces);
    }
  }
  const entries: FoundEntry[] = pieces.privateKeys.map((key) => entryForKey(key, pieces.certificates));
  if (entries.length === 0) {
    for (const leaf of leavesOf(pieces.certificates)) {
      const chain = orderChain(leaf, pieces.certificates);
      entries.push({
        publicKey: createPublicKey({ key: Buffer.from(parseCertificate(leaf).publicKey.rawData), format: 'der', type: 'spki' }),
        chain,
      });
    }
  }
  for (const publicKey of pieces.publicKeys) entries.push({ publicKey, chain: [] });
  if (entries.length === 0) {
    throw new AppError('UNSUPPORTED_FORMAT', 'No certificate or key was found in the file. Choose a PEM, DER, PKCS#12, JKS or JWK file.');
  }
  return { status: 'ready', format: sawPem ? 'PEM' : 'DER', entries };
}

/** Adds what a PEM text holds to `pieces`; returns true when an encrypted key needs a passphrase. */
function readPem(text: string, fileName: string, passphrase: string | undefined, pieces: Pieces): boolean {
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${fileName || 'The PEM text'} is truncated or damaged: a BEGIN line has no matching END line.`,
    );
  }
  const beginCount = (text.match(/-----BEGIN /g) ?? []).length;
  if (beginCount > blocks.length) {
    throw new AppError('UNSUPPORTED_FORMAT', `${fileName || 'The PEM text'} is truncated: one of its blocks has no END line.`);
  }
  for (const [block, label, body] of blocks) {
    switch (label) {
      case 'CERTIFICATE':
      case 'X509 CERTIFICATE':
      case 'TRUSTED CERTIFICATE': {
        const der = derOf(body!);
        parseCertificate(der);
        pieces.certificates.push(der);
        break;
      }
      case 'PRIVATE KEY':
      case 'RSA PRIVATE KEY':
      case 'EC PRIVATE KEY':
      case 'ENCRYPTED PRIVATE KEY': {
        const encrypted = label === 'ENCRYPTED PRIVATE KEY' || block.includes('Proc-Type: 4,ENCRYPTED');
        if (encrypted && !passphrase) return true;
        pieces.privateKeys.push(privateKeyFromPem(block, encrypted ? passphrase : undefined));
        break;
      }
      case 'PKCS7':
      case 'CMS': {
        const bundle = pkcs7Certificates(derOf(body!));
        if (!bundle) throw unreadable('PKCS#7 certificate bundle');
        pieces.certificates.push(...bundle);
        break;
      }
      case 'PUBLIC KEY':
      case 'RSA PUBLIC KEY':
        pieces.publicKeys.push(guard(() => createPublicKey(block), 'public key'));
        break;
      case 'EC PARAMETERS':
        break;
      case 'DSA PRIVATE KEY':
        throw new AppError('UNSUPPORTED_KEY', 'DSA keys cannot sign JWTs. Use an RSA (2048 bits or more), EC or Ed25519 key.');
      case 'CERTIFICATE REQUEST':
      case 'NEW CERTIFICATE REQUEST':
        throw new AppError(
          'UNSUPPORTED_FORMAT',
          'This is a certificate signing request (CSR), not a certificate. Have a CA sign it, then import or upload the signed certificate.',
        );
      default:
        throw new AppError(
          'UNSUPPORTED_FORMAT',
          `Signet does not read “${label}” PEM blocks. Import certificates and private or public keys.`,
        );
    }
  }
  return false;
}

function privateKeyFromPem(pem: string, passphrase: string | undefined): KeyObject {
  try {
    return createPrivateKey(passphrase === undefined ? pem : { key: pem, passphrase });
  } catch (error) {
    // A wrong passphrase usually fails the padding check (BAD_DECRYPT), but about once in 250
    // tries the padding happens to be valid and OpenSSL then fails to decode the garbage. When the
    // encrypted envelope itself is sound, that is still the passphrase.
    if (passphrase !== undefined && (isDecryptFailure(error) || encryptedEnvelopeIsSound(pem))) {
      throw new AppError('BAD_PASSPHRASE', 'That passphrase does not open the encrypted private key. Check it and try again.');
    }
    throw unreadable('private key');
  }
}

/**
 * True when an encrypted key block is well formed up to its ciphertext: a PKCS#8
 * EncryptedPrivateKeyInfo (SEQUENCE of an AlgorithmIdentifier and an OCTET STRING), or a legacy
 * OpenSSL block with a DEK-Info header whose ciphertext fills whole cipher blocks.
 */
function encryptedEnvelopeIsSound(pem: string): boolean {
  const body = pem.replace(/-----[^-]+-----/g, '');
  const dekInfo = /^DEK-Info:\s*[\w-]+,([0-9A-Fa-f]+)\s*$/m.exec(body);
  const base64 = body.replace(/^[\w-]+:.*$/gm, '').replace(/\s+/g, '');
  const der = Buffer.from(base64, 'base64');
  if (der.length === 0) return false;
  if (dekInfo) return der.length % (dekInfo[1]!.length / 2) === 0;
  try {
    const info = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
    const parts = info.value as forge.asn1.Asn1[];
    return (
      info.type === forge.asn1.Type.SEQUENCE &&
      parts.length === 2 &&
      parts[0]!.type === forge.asn1.Type.SEQUENCE &&
      parts[1]!.type === forge.asn1.Type.OCTETSTRING &&
      typeof parts[1]!.value === 'string' &&
      parts[1]!.value.length > 0
    );
  } catch {
    return false;
  }
}

function readDer(bytes: Uint8Array, fileName: string, pieces: Pieces) {
  if (bytes[0] !== 0x30) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${fileName || 'The file'} is not a certificate, key or keystore Signet knows (PEM, DER, PKCS#12, JKS, JWK). It may be damaged or another kind of file.`,
    );
  }
  try {
    parseCertificate(bytes);
    pieces.certificates.push(bytes);
    return;
  } catch {
    // not a certificate: maybe a PKCS#7 bundle (.p7b) or a DER key
  }
  const bundle = pkcs7Certificates(bytes);
  if (bundle) {
    pieces.certificates.push(...bundle);
    return;
  }
  const buffer = Buffer.from(bytes);
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      pieces.privateKeys.push(createPrivateKey({ key: buffer, format: 'der', type }));
      return;
    } catch {
      // try the next form
    }
  }
  try {
    pieces.publicKeys.push(createPublicKey({ key: buffer, format: 'der', type: 'spki' }));
    return;
  } catch {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${fileName || 'The file'} is DER-encoded but is not a certificate, key or PKCS#12 file Signet can read. It may be truncated.`,
    );
  }
}

export function isDecryptFailure(error: unknown): boolean {
  const text = `${(error as { code?: string }).code ?? ''} ${(error as Error).message ?? ''}`;
  return /BAD_DECRYPT|bad decrypt|wrong final block|decrypt|passphrase/i.test(text);
}

function guard<T>(read: () => T, what: string): T {
  try {
    return read();
  } catch {
    throw unreadable(what);
  }
}

function unreadable(what: string) {
  return new AppError(
    'UNSUPPORTED_FORMAT',
    `The ${what} could not be read: the PEM block is truncated or damaged. Export it again from its source.`,
  );
}
