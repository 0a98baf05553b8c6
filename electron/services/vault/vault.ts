/**
 * The vault (DESIGN §4): private keys and secrets sealed with AES-256-GCM under one random data
 * key; the data key is wrapped by a key protector (OS key store, or a master passphrase via scrypt).
 * Internal to main — no bridge method returns what `open` returns.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { KeyProtectorKind, VaultStatus, VaultUnavailableReason } from '../../../shared/contract/vault';
import type { Document } from '../store/document';
import { KEY_BYTES, open, seal, SealedBoxError } from './sealed-box';
import { deriveKey, newScryptParams, ScryptParams, type ScryptCost } from './passphrase-kdf';
import type { OsKeyStore } from './os-key-store';

const OS_KEY_STORE_VAULT = "This data folder's vault is protected by the OS key store.";
const DATA_KEY_AAD = 'signet:data-key';
const itemAad = (id: string) => `signet:item:${id}`;
const CHECK_LABEL = 'signet:passphrase-check';
const CHECK_BYTES = 16;

const WRONG_PASSPHRASE = 'That passphrase is not right. Nothing was changed — check Caps Lock and try again.';
const KEY_DAMAGED =
  'The vault key in vault-key.json failed its integrity check: the file was altered or damaged. Your passphrase is right, but the keys and secrets in this vault cannot be opened. Restore the data folder from a backup, or start Signet with another data folder (SIGNET_HOME).';

/**
 * `check`: an HMAC of a fixed label under the passphrase-derived key. GCM alone cannot tell a wrong
 * passphrase from an altered `wrappedKey`; a matching check says the passphrase is right, so a failed
 * unwrap means damage. It reveals nothing the wrap itself does not (both confirm a guess). Vaults
 * written before it existed get it on their next unlock.
 */
const PassphraseWrap = z.object({
  protector: z.literal('passphrase'),
  kdf: ScryptParams,
  wrappedKey: z.string(),
  check: z.string().optional(),
});
type PassphraseWrap = z.infer<typeof PassphraseWrap>;
const KeychainWrap = z.object({ protector: z.literal('os-keychain'), wrappedKey: z.string() });

/** `vault-key.json`: how the data key is wrapped. `pending` exists only mid-way through a passphrase change. */
export const VaultKeyFile = z.object({
  current: z.discriminatedUnion('protector', [PassphraseWrap, KeychainWrap]).nullable(),
  pending: PassphraseWrap.optional(),
});
export type VaultKeyFile = z.infer<typeof VaultKeyFile>;

/** `vault-items.json`: sealed items by id. */
export const VaultItemsFile = z.object({ items: z.record(z.string(), z.string()) });
export type VaultItemsFile = z.infer<typeof VaultItemsFile>;

export interface VaultOptions {
  keyFile: Document<VaultKeyFile>;
  itemsFile: Document<VaultItemsFile>;
  /** Present in Electron; used when it reports a real backend. */
  osKeyStore?: OsKeyStore;
  kdfCost?: ScryptCost;
}

export class Vault {
  readonly #keyFile: Document<VaultKeyFile>;
  readonly #itemsFile: Document<VaultItemsFile>;
  readonly #osKeyStore?: OsKeyStore;
  readonly #kdfCost?: ScryptCost;
  readonly #listeners = new Set<(status: VaultStatus) => void>();
  #dataKey: Buffer | null = null;
  #protectorNote: string | undefined;
  /** Set when the vault is wrapped by the OS key store and that store cannot open it here. */
  #unavailable: VaultUnavailableReason | undefined;

  constructor(options: VaultOptions) {
    this.#keyFile = options.keyFile;
    this.#itemsFile = options.itemsFile;
    this.#osKeyStore = options.osKeyStore;
    this.#kdfCost = options.kdfCost;
    this.#openWithOsKeyStore();
  }

  status(): VaultStatus {
    const current = this.#keyFile.read().current;
    const status: VaultStatus = {
      state: current === null ? 'not-set-up' : this.#dataKey ? 'unlocked' : this.#unavailable ? 'unavailable' : 'locked',
      protector: this.#protector(),
    };
    if (this.#unavailable && !this.#dataKey) status.unavailableReason = this.#unavailable;
    if (this.#protectorNote) status.protectorNote = this.#protectorNote;
    return status;
  }

  get isUnlocked(): boolean {
    return this.#dataKey !== null;
  }

  /** Listens for state changes (unlock, lock, set-up). Returns an unsubscribe function. */
  onChange(listener: (status: VaultStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** First run without an OS key store: creates the data key and wraps it with the passphrase. */
  async setUp(passphrase: string): Promise<void> {
    if (this.#keyFile.read().current !== null) {
      throw new AppError('CONFLICT', 'The vault is already set up. Unlock it with your passphrase, or change the passphrase in Settings.');
    }
    const dataKey = randomBytes(KEY_BYTES);
    const wrap = await this.#wrapWithPassphrase(dataKey, passphrase);
    this.#keyFile.write({ current: wrap });
    this.#setKey(dataKey);
  }

  async unlock(passphrase: string): Promise<void> {
    const { current, pending } = this.#keyFile.read();
    if (current === null) throw new AppError('VAULT_NOT_SET_UP', 'The vault has no passphrase yet. Set one first.');
    if (current.protector !== 'passphrase') {
      throw new AppError('CONFLICT', `${OS_KEY_STORE_VAULT} It has no passphrase. ${this.#protectorNote ?? ''}`.trim());
    }
    if (this.#dataKey) return;
    const fromCurrent = await unwrapWithPassphrase(current, passphrase);
    if (typeof fromCurrent === 'object') {
      // A change that was interrupted before it completed: the old passphrase stays in force.
      // A missing (older vault) or altered passphrase check is written afresh.
      if (pending || current.check !== fromCurrent.check) this.#keyFile.write({ current: { ...current, check: fromCurrent.check } });
      this.#setKey(fromCurrent.key);
      return;
    }
    const fromPending = pending ? await unwrapWithPassphrase(pending, passphrase) : 'wrong';
    if (typeof fromPending === 'object') {
      // The change was written but not finished: finish it now.
      this.#keyFile.write({ current: pending! });
      this.#setKey(fromPending.key);
      return;
    }
    if (fromCurrent === 'damaged' || fromPending === 'damaged') throw new AppError('VAULT_DAMAGED', KEY_DAMAGED);
    throw new AppError('BAD_PASSPHRASE', WRONG_PASSPHRASE);
  }

  lock(): void {
    if (this.#protector() === 'os-keychain' || !this.#dataKey) return;
    this.#dataKey.fill(0);
    this.#dataKey = null;
    this.#emit();
  }

  /**
   * Re-wraps the data key under a new passphrase. Items are not touched (nothing is re-encrypted).
   * Two writes: first the new wrap beside the old (`pending`), then the swap. A crash between them
   * leaves a vault that either passphrase unlocks (see `unlock`).
   */
  async changePassphrase(currentPassphrase: string, nextPassphrase: string): Promise<void> {
    const { current } = this.#keyFile.read();
    if (current === null) throw new AppError('VAULT_NOT_SET_UP', 'The vault has no passphrase yet. Set one first.');
    if (current.protector !== 'passphrase') {
      throw new AppError('CONFLICT', 'This vault is protected by the OS key store; there is no passphrase to change.');
    }
    const unwrapped = await unwrapWithPassphrase(current, currentPassphrase);
    if (unwrapped === 'damaged') throw new AppError('VAULT_DAMAGED', KEY_DAMAGED);
    if (unwrapped === 'wrong') throw new AppError('BAD_PASSPHRASE', 'The current passphrase is not right. Nothing was changed.');
    const dataKey = unwrapped.key;
    const next = await this.#wrapWithPassphrase(dataKey, nextPassphrase);
    this.#keyFile.write({ current, pending: next });
    this.#keyFile.write({ current: next });
    this.#setKey(dataKey);
  }

  /** Seals a secret under `id`, replacing any previous value. */
  seal(id: string, secret: Uint8Array | string): void {
    const key = this.#requireKey();
    const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    const sealed = seal(key, bytes, itemAad(id));
    this.#itemsFile.update((file) => ({ items: { ...file.items, [id]: sealed } }));
  }

  /** Opens the secret sealed under `id`. Callers must not let the result cross the bridge. */
  open(id: string): Buffer {
    const key = this.#requireKey();
    const sealed = this.#itemsFile.read().items[id];
    if (sealed === undefined) throw new AppError('NOT_FOUND', 'The vault holds no secret for this item.', { item: id });
    try {
      return open(key, sealed, itemAad(id));
    } catch (error) {
      if (error instanceof SealedBoxError) {
        throw new AppError(
          'VAULT_DAMAGED',
          'A secret in the vault failed its integrity check: vault-items.json was altered or damaged. Restore the data folder from a backup, or delete this entry and create or import it again.',
          { item: id },
        );
      }
      throw error;
    }
  }

  openText(id: string): string {
    return this.open(id).toString('utf8');
  }

  has(id: string): boolean {
    return Object.hasOwn(this.#itemsFile.read().items, id);
  }

  delete(id: string): void {
    if (!this.has(id)) return;
    this.#itemsFile.update((file) => {
      const items = { ...file.items };
      delete items[id];
      return { items };
    });
  }

  #protector(): KeyProtectorKind {
    const current = this.#keyFile.read().current;
    if (current) return current.protector;
    return this.#osKeyStore?.availability().usable ? 'os-keychain' : 'passphrase';
  }

  #openWithOsKeyStore() {
    const availability = this.#osKeyStore?.availability();
    const usable = this.#osKeyStore && availability?.usable ? this.#osKeyStore : undefined;
    const { current } = this.#keyFile.read();
    if (current?.protector === 'os-keychain') {
      if (!usable) {
        this.#unavailable = 'os-key-store-missing';
        this.#protectorNote = `${OS_KEY_STORE_VAULT} No OS key store is available here, so Signet cannot open it.`;
        return;
      }
      try {
        this.#dataKey = usable.decrypt(Buffer.from(current.wrappedKey, 'base64'));
      } catch {
        this.#unavailable = 'os-key-store-refused';
        this.#protectorNote = `${OS_KEY_STORE_VAULT} The OS key store could not decrypt its key: the key store was reset, or this data folder came from another user or machine.`;
      }
      return;
    }
    if (availability && !availability.usable) this.#protectorNote = availability.reason;
    if (usable && current === null) {
      const dataKey = randomBytes(KEY_BYTES);
      const wrappedKey = usable.encrypt(dataKey).toString('base64');
      this.#keyFile.write({ current: { protector: 'os-keychain', wrappedKey } });
      this.#dataKey = dataKey;
    }
  }

  async #wrapWithPassphrase(dataKey: Buffer, passphrase: string) {
    const kdf = newScryptParams(this.#kdfCost);
    const kek = await deriveKey(passphrase, kdf);
    try {
      return { protector: 'passphrase' as const, kdf, wrappedKey: seal(kek, dataKey, DATA_KEY_AAD), check: passphraseCheck(kek) };
    } finally {
      kek.fill(0);
    }
  }

  #requireKey(): Buffer {
    if (!this.#dataKey && this.#unavailable) throw new AppError('VAULT_LOCKED', this.#protectorNote ?? OS_KEY_STORE_VAULT);
    if (!this.#dataKey) throw new AppError('VAULT_LOCKED', 'The vault is locked. Unlock it with your passphrase and try again.');
    return this.#dataKey;
  }

  #setKey(key: Buffer) {
    this.#dataKey?.fill(0);
    this.#dataKey = key;
    this.#emit();
  }

  #emit() {
    const status = this.status();
    for (const listener of this.#listeners) listener(status);
  }
}

/**
 * The data key (and the wrap's passphrase check), or why the passphrase does not open this wrap:
 * `wrong` passphrase, or a `damaged` wrap — malformed, or failing GCM while the check says the
 * passphrase is right.
 */
async function unwrapWithPassphrase(
  wrap: PassphraseWrap,
  passphrase: string,
): Promise<{ key: Buffer; check: string } | 'wrong' | 'damaged'> {
  const kek = await deriveKey(passphrase, wrap.kdf);
  try {
    return { key: open(kek, wrap.wrappedKey, DATA_KEY_AAD), check: passphraseCheck(kek) };
  } catch (error) {
    if (!(error instanceof SealedBoxError)) throw error;
    if (error.kind === 'malformed') return 'damaged';
    return wrap.check !== undefined && checksMatch(wrap.check, passphraseCheck(kek)) ? 'damaged' : 'wrong';
  } finally {
    kek.fill(0);
  }
}

function passphraseCheck(kek: Buffer): string {
  return createHmac('sha256', kek).update(CHECK_LABEL).digest().subarray(0, CHECK_BYTES).toString('base64url');
}

function checksMatch(stored: string, computed: string): boolean {
  const a = Buffer.from(stored, 'base64url');
  const b = Buffer.from(computed, 'base64url');
  return a.length === b.length && timingSafeEqual(a, b);
}
