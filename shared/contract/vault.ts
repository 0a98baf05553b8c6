/** Contract: the vault's state and the passphrase flows. No method here returns a secret. */
import { z } from 'zod';
import { method } from '../rpc';

/** `os-keychain`: Electron safeStorage with a real OS backend. `passphrase`: a master passphrase (scrypt). */
export type KeyProtectorKind = 'os-keychain' | 'passphrase';

export type VaultState = 'not-set-up' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** The protector in use, or the one setup will use. */
  protector: KeyProtectorKind;
  /** Why the OS key store is not used, when it is not (shown in Settings). */
  protectorNote?: string;
}

/** Minimum length the main process accepts for a new passphrase. */
export const MIN_PASSPHRASE_LENGTH = 8;

const Passphrase = z.string().min(1, 'Enter the passphrase.').max(1024);
const NewPassphrase = z
  .string()
  .min(MIN_PASSPHRASE_LENGTH, `Use at least ${MIN_PASSPHRASE_LENGTH} characters.`)
  .max(1024, 'Use at most 1024 characters.');

export const vaultContract = {
  status: method(z.tuple([])).returns<VaultStatus>(),
  setUp: method(z.tuple([z.object({ passphrase: NewPassphrase })])).returns<VaultStatus>(),
  unlock: method(z.tuple([z.object({ passphrase: Passphrase })])).returns<VaultStatus>(),
  lock: method(z.tuple([])).returns<VaultStatus>(),
  changePassphrase: method(z.tuple([z.object({ current: Passphrase, next: NewPassphrase })])).returns<VaultStatus>(),
};
