/** Java keystores (JKS) with jks-js: the store password checks integrity, the key password opens keys. */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import jks from 'jks-js';
import { AppError } from '../../../../shared/errors';
import { recoverKey } from '../jks-key-protector';
import { certificatePublicKey, entryForKey, type FoundEntry, type ReadResult } from './found';

export const JKS_MAGIC = 0xfeedfeed;
export const JCEKS_MAGIC = 0xcececece;

export function readJks(bytes: Uint8Array, storePassword: string | undefined, keyPassword: string | undefined): ReadResult {
  if (storePassword === undefined) return { status: 'needs-password', format: 'JKS', prompt: 'store-password' };
  let parsed: ReturnType<typeof jks.parseJks>;
  try {
    parsed = jks.parseJks(Buffer.from(bytes), storePassword);
  } catch (error) {
    if (/Password verification failed/i.test((error as Error).message)) {
      throw new AppError(
        'BAD_PASSPHRASE',
        'That keystore password is not right: the keystore’s integrity check failed. Check it and try again.',
      );
    }
    throw new AppError('UNSUPPORTED_FORMAT', 'The Java keystore is damaged or truncated. Export it again from its source.');
  }
  const entries: FoundEntry[] = parsed.map((entry) => {
    if ('protectedPrivateKey' in entry) {
      const key = openKey(entry.protectedPrivateKey, entry.alias, [keyPassword, storePassword]);
      const chain = entry.chain.map((certificate) => new Uint8Array(certificate.value));
      return entryForKey(key, chain, entry.alias);
    }
    const der = new Uint8Array(entry.cert.value);
    return { alias: entry.alias, publicKey: certificatePublicKey(der), chain: [der] };
  });
  if (entries.length === 0) throw new AppError('UNSUPPORTED_FORMAT', 'The keystore is empty.');
  return { status: 'ready', format: 'JKS', entries };
}

/** Each key may have its own password: try the key password, then the store password. Any key type (Sun's protector). */
function openKey(protectedKey: Buffer, alias: string, passwords: (string | undefined)[]): KeyObject {
  for (const password of new Set(passwords.filter((value): value is string => value !== undefined && value !== ''))) {
    const pkcs8 = recover(protectedKey, password);
    if (pkcs8) {
      try {
        return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      } catch {
        throw new AppError('UNSUPPORTED_KEY', `The key “${alias}” opened but is of a kind Signet cannot read.`);
      }
    }
  }
  throw new AppError(
    'BAD_PASSPHRASE',
    `Neither the key password nor the store password opens the key “${alias}”. Enter its Key Password.`,
    {
      field: 'keyPassword',
    },
  );
}

function recover(protectedKey: Buffer, password: string): Buffer | null {
  try {
    return recoverKey(protectedKey, password);
  } catch {
    // Not Sun's protector: let jks-js try (it returns PEM).
    try {
      return createPrivateKey(jks.decrypt(protectedKey, password)).export({ type: 'pkcs8', format: 'der' });
    } catch {
      return null;
    }
  }
}
