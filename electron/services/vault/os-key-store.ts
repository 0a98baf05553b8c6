/** The OS key store as the vault sees it. Electron's safeStorage implements it (electron/platform). */

export type OsKeyStoreAvailability = { usable: true } | { usable: false; reason: string };

export interface OsKeyStore {
  /** Whether a real OS backend protects the data (Linux `basic_text` does not). */
  availability(): OsKeyStoreAvailability;
  encrypt(plaintext: Buffer): Buffer;
  decrypt(ciphertext: Buffer): Buffer;
}
