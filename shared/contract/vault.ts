/** Contract: the vault's state and the passphrase flows. No method here returns a secret. */
import { z } from 'zod';
import { method } from '../rpc';

/** `os-keychain`: Electron safeStorage with a real OS backend. `passphrase`: a master passphrase (scrypt). */
export type KeyProtectorKind = 'os-keychain' | 'passphrase';

/** `unavailable`: the vault is protected by the OS key store, which cannot open it in this host. */
export type VaultState = 'not-set-up' | 'locked' | 'unlocked' | 'unavailable';

/**
 * Why an OS-key-store vault cannot be opened here. `os-key-store-missing`: this host has no usable
 * OS key store (the Chromium host, or Electron on Linux without a keyring). `os-key-store-refused`:
 * the key store is there but cannot decrypt the vault key (it was reset, or the folder came from
 * another user or machine).
 */
export type VaultUnavailableReason = 'os-key-store-missing' | 'os-key-store-refused';

export interface VaultStatus {
  state: VaultState;
  /** The protector in use, or the one setup will use. */
  protector: KeyProtectorKind;
  /** Set only with state `unavailable`. */
  unavailableReason?: VaultUnavailableReason;
  /** Why the OS key store is not used or cannot open the vault, when that is so (shown in Settings). */
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
