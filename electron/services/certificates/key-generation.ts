/** Key pairs from node:crypto (native, on libuv's thread pool — never the pure-JS path). */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import type { KeyAlgorithm, NewKeyAlgorithm } from '../../../shared/contract/certificates';
import { AppError } from '../../../shared/errors';

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const CURVES = { 'EC-P256': 'P-256', 'EC-P384': 'P-384', 'EC-P521': 'P-521' } as const;

export function generateKeys(algorithm: NewKeyAlgorithm): Promise<KeyPair> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, publicKey: KeyObject, privateKey: KeyObject) =>
      error ? reject(error) : resolve({ publicKey, privateKey });
    if (algorithm.startsWith('RSA-')) {
      generateKeyPair('rsa', { modulusLength: Number(algorithm.slice(4)), publicExponent: 0x10001 }, done);
    } else if (algorithm === 'Ed25519') {
      generateKeyPair('ed25519', {}, done);
    } else {
      generateKeyPair('ec', { namedCurve: CURVES[algorithm as keyof typeof CURVES] }, done);
    }
  });
}

/** Names a key as Signet shows it ("RSA-2048", "EC-P256", "Ed25519"); refuses what Signet cannot use. */
export function describeKey(key: KeyObject): KeyAlgorithm {
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return `RSA-${details?.modulusLength ?? 0}`;
    case 'ec': {
      const curve = {
        prime256v1: 'EC-P256',
        'P-256': 'EC-P256',
        secp384r1: 'EC-P384',
        'P-384': 'EC-P384',
        secp521r1: 'EC-P521',
        'P-521': 'EC-P521',
      }[details?.namedCurve ?? ''];
      if (!curve)
        throw new AppError(
          'UNSUPPORTED_KEY',
          `The EC curve ${details?.namedCurve ?? '(unknown)'} is not supported. Use P-256, P-384 or P-521.`,
        );
      return curve as KeyAlgorithm;
    }
    case 'ed25519':
      return 'Ed25519';
    default:
      throw new AppError(
        'UNSUPPORTED_KEY',
        `${(key.asymmetricKeyType ?? 'This').toUpperCase()} keys are not supported for JWT signing. Use RSA (2048 bits or more), EC (P-256/384/521) or Ed25519.`,
      );
  }
}
