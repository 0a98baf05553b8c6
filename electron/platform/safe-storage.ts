/** Electron safeStorage as the vault's OS key store — only where the OS offers a real backend. */
import type { SafeStorage } from 'electron';
import type { OsKeyStore } from '../services/vault/os-key-store';

/** What the key store uses of Electron's safeStorage. */
export type SafeStoragePort = Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>;

export function safeStorageKeyStore(safeStorage: SafeStoragePort, platform: NodeJS.Platform = process.platform): OsKeyStore {
  return {
    availability() {
      if (!safeStorage.isEncryptionAvailable()) {
        return { usable: false, reason: 'No OS key store is available, so Signet protects its vault with a master passphrase.' };
      }
      if (platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend();
        // basic_text "encrypts" with a hard-coded password: not protection (Electron safeStorage docs).
        if (backend === 'basic_text' || backend === 'unknown') {
          return {
            usable: false,
            reason: `The Linux key store backend is "${backend}" (no keyring), so Signet uses a master passphrase instead.`,
          };
        }
      }
      return { usable: true };
    },
    encrypt: (plaintext) => safeStorage.encryptString(plaintext.toString('base64')),
    decrypt: (ciphertext) => Buffer.from(safeStorage.decryptString(ciphertext), 'base64'),
  };
}
