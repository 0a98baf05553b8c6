// The vault: envelope encryption, passphrase protector, crash-safe passphrase change.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { confFiles } from '../../../electron/services/store/conf-backend';
import type { JsonFileFactory } from '../../../electron/services/store/backend';
import { openDocument, StoreReports } from '../../../electron/services/store/document';
import type { OsKeyStore } from '../../../electron/services/vault/os-key-store';
import { Vault, VaultItemsFile, VaultKeyFile } from '../../../electron/services/vault/vault';
import { TEST_KDF_COST } from '../../harness/kdf';
import { tempFolder } from '../../harness/temp';

const SECRET = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPQ+super-secret-test-material\n-----END PRIVATE KEY-----';

function openVault(dataFolder: string, options: { files?: JsonFileFactory; osKeyStore?: OsKeyStore } = {}) {
  const files = options.files ?? confFiles(dataFolder);
  const reports = new StoreReports();
  return new Vault({
    keyFile: openDocument(files, reports, { name: 'vault-key', schema: VaultKeyFile, version: 1, initial: () => ({ current: null }) }),
    itemsFile: openDocument(files, reports, { name: 'vault-items', schema: VaultItemsFile, version: 1, initial: () => ({ items: {} }) }),
    osKeyStore: options.osKeyStore,
    kdfCost: TEST_KDF_COST,
  });
}

async function codeOf(promise: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return isAppError(error) ? error.code : `not an AppError: ${String(error)}`;
  }
  return 'no error';
}

describe('vault', () => {
  it('starts not set up, and refuses to seal before a passphrase exists', async () => {
    const vault = openVault(tempFolder());
    expect(vault.status()).toEqual({ state: 'not-set-up', protector: 'passphrase' });
    expect(await codeOf(() => vault.seal('a', 'b'))).toBe('VAULT_LOCKED');
    expect(await codeOf(vault.unlock('whatever'))).toBe('VAULT_NOT_SET_UP');
  });

  it('round-trips a secret across a restart, and stores no plaintext on disk', async () => {
    const home = tempFolder();
    const vault = openVault(home);
    await vault.setUp('first passphrase');
    vault.seal('cert-key:1', SECRET);
    expect(vault.openText('cert-key:1')).toBe(SECRET);

    const reopened = openVault(home);
    expect(reopened.status().state).toBe('locked');
    expect(await codeOf(() => reopened.open('cert-key:1'))).toBe('VAULT_LOCKED');
    await reopened.unlock('first passphrase');
    expect(reopened.openText('cert-key:1')).toBe(SECRET);

    const onDisk = readFileSync(join(home, 'vault-items.json'), 'utf8') + readFileSync(join(home, 'vault-key.json'), 'utf8');
    expect(onDisk).not.toContain('super-secret-test-material');
    expect(onDisk).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 24));
    expect(onDisk).not.toContain('first passphrase');
  });

  it('refuses a wrong passphrase with BAD_PASSPHRASE and changes nothing', async () => {
    const home = tempFolder();
    await openVault(home).setUp('right passphrase');
    const before = readFileSync(join(home, 'vault-key.json'), 'utf8');
    const vault = openVault(home);
    expect(await codeOf(vault.unlock('wrong passphrase'))).toBe('BAD_PASSPHRASE');
    expect(vault.status().state).toBe('locked');
    expect(readFileSync(join(home, 'vault-key.json'), 'utf8')).toBe(before);
    await vault.unlock('right passphrase');
    expect(vault.status().state).toBe('unlocked');
  });

  it('detects a tampered item with a coded error, and binds each item to its id', async () => {
    const home = tempFolder();
    const vault = openVault(home);
    await vault.setUp('passphrase one');
    vault.seal('a', 'secret A');
    vault.seal('b', 'secret B');
    const file = JSON.parse(readFileSync(join(home, 'vault-items.json'), 'utf8'));
    const [format, iv, ct, tag] = file.data.items.a.split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0]! ^= 1;
    file.data.items.a = [format, iv, flipped.toString('base64url'), tag].join('.');
    file.data.items.b2 = file.data.items.b; // same ciphertext under another id
    writeFileSync(join(home, 'vault-items.json'), JSON.stringify(file));

    const reopened = openVault(home);
    await reopened.unlock('passphrase one');
    expect(await codeOf(() => reopened.open('a'))).toBe('VAULT_DAMAGED');
    expect(await codeOf(() => reopened.open('b2'))).toBe('VAULT_DAMAGED');
    expect(() => reopened.open('a')).toThrow(/altered or damaged.*backup/);
    expect(reopened.openText('b')).toBe('secret B');
  });

  it('tells a tampered vault key (VAULT_DAMAGED) from a wrong passphrase (BAD_PASSPHRASE)', async () => {
    const home = tempFolder();
    await openVault(home).setUp('right passphrase');
    const keyFile = join(home, 'vault-key.json');
    const file = JSON.parse(readFileSync(keyFile, 'utf8'));
    file.data.current.wrappedKey = flipCiphertextBit(file.data.current.wrappedKey);
    writeFileSync(keyFile, JSON.stringify(file));

    const vault = openVault(home);
    expect(await codeOf(vault.unlock('wrong passphrase'))).toBe('BAD_PASSPHRASE');
    await expect(vault.unlock('right passphrase')).rejects.toMatchObject({ code: 'VAULT_DAMAGED', message: /passphrase is right.*backup/ });
    expect(await codeOf(vault.changePassphrase('right passphrase', 'another passphrase'))).toBe('VAULT_DAMAGED');
    expect(await codeOf(vault.changePassphrase('wrong passphrase', 'another passphrase'))).toBe('BAD_PASSPHRASE');
    expect(vault.status().state).toBe('locked');

    // A wrap that is not even a sealed box is damaged whatever the passphrase.
    file.data.current.wrappedKey = 'sv1.garbage';
    writeFileSync(keyFile, JSON.stringify(file));
    expect(await codeOf(openVault(home).unlock('wrong passphrase'))).toBe('VAULT_DAMAGED');
  });

  it('gives a vault from before the passphrase check its check on the first unlock, and tells tampering from a wrong passphrase after that', async () => {
    const home = tempFolder();
    await openVault(home).setUp('right passphrase');
    const keyFile = join(home, 'vault-key.json');
    const file = JSON.parse(readFileSync(keyFile, 'utf8'));
    delete file.data.current.check; // as written before the check existed
    writeFileSync(keyFile, JSON.stringify(file));

    const vault = openVault(home);
    expect(await codeOf(vault.unlock('wrong passphrase'))).toBe('BAD_PASSPHRASE');
    await vault.unlock('right passphrase');
    const upgraded = JSON.parse(readFileSync(keyFile, 'utf8'));
    expect(upgraded.data.current.check).toEqual(expect.any(String));
    expect(upgraded.data.current.wrappedKey).toBe(file.data.current.wrappedKey);

    upgraded.data.current.wrappedKey = flipCiphertextBit(upgraded.data.current.wrappedKey);
    writeFileSync(keyFile, JSON.stringify(upgraded));
    expect(await codeOf(openVault(home).unlock('right passphrase'))).toBe('VAULT_DAMAGED');
  });

  it('still unlocks with the right passphrase when only the passphrase check was altered', async () => {
    const home = tempFolder();
    const vault = openVault(home);
    await vault.setUp('right passphrase');
    vault.seal('k', 'v');
    const keyFile = join(home, 'vault-key.json');
    const file = JSON.parse(readFileSync(keyFile, 'utf8'));
    file.data.current.check = Buffer.alloc(16).toString('base64url');
    writeFileSync(keyFile, JSON.stringify(file));
    const reopened = openVault(home);
    expect(await codeOf(reopened.unlock('wrong passphrase'))).toBe('BAD_PASSPHRASE');
    await reopened.unlock('right passphrase');
    expect(reopened.openText('k')).toBe('v');
  });

  it('locks: the key is dropped and secrets need the passphrase again', async () => {
    const vault = openVault(tempFolder());
    await vault.setUp('passphrase one');
    vault.seal('x', 'y');
    vault.lock();
    expect(vault.status().state).toBe('locked');
    expect(await codeOf(() => vault.open('x'))).toBe('VAULT_LOCKED');
    await vault.unlock('passphrase one');
    expect(vault.openText('x')).toBe('y');
  });

  it('changes the passphrase by re-wrapping the data key; items are not re-encrypted', async () => {
    const home = tempFolder();
    const vault = openVault(home);
    await vault.setUp('old passphrase');
    vault.seal('k', SECRET);
    const itemsBefore = readFileSync(join(home, 'vault-items.json'), 'utf8');
    expect(await codeOf(vault.changePassphrase('not the old one', 'new passphrase'))).toBe('BAD_PASSPHRASE');
    await vault.changePassphrase('old passphrase', 'new passphrase');
    expect(readFileSync(join(home, 'vault-items.json'), 'utf8')).toBe(itemsBefore);

    const reopened = openVault(home);
    expect(await codeOf(reopened.unlock('old passphrase'))).toBe('BAD_PASSPHRASE');
    await reopened.unlock('new passphrase');
    expect(reopened.openText('k')).toBe(SECRET);
  });

  it('survives a crash between the two writes of a passphrase change: either passphrase opens it, nothing is lost', async () => {
    for (const unlockWith of ['old passphrase', 'new passphrase']) {
      const home = tempFolder();
      const setup = openVault(home);
      await setup.setUp('old passphrase');
      setup.seal('k', SECRET);

      // The process "dies" on the second write to vault-key.json: the swap never happens.
      const real = confFiles(home);
      let keyWrites = 0;
      const crashing: JsonFileFactory = (name) => {
        const file = real(name);
        if (name !== 'vault-key') return file;
        return { ...file, read: () => file.read(), write: (value) => (++keyWrites === 2 ? crash() : file.write(value)) };
      };
      const doomed = openVault(home, { files: crashing });
      await expect(doomed.changePassphrase('old passphrase', 'new passphrase')).rejects.toThrow('simulated crash');
      expect(JSON.parse(readFileSync(join(home, 'vault-key.json'), 'utf8')).data.pending).toBeDefined();

      const afterRestart = openVault(home);
      await afterRestart.unlock(unlockWith);
      expect(afterRestart.openText('k')).toBe(SECRET);
      // The interrupted change is resolved one way: no pending wrap remains.
      expect(JSON.parse(readFileSync(join(home, 'vault-key.json'), 'utf8')).data.pending).toBeUndefined();
      const other = unlockWith === 'old passphrase' ? 'new passphrase' : 'old passphrase';
      expect(await codeOf(openVault(home).unlock(other))).toBe('BAD_PASSPHRASE');
    }
  });

  it('uses a real OS key store when one is available, and never asks for a passphrase', async () => {
    const home = tempFolder();
    const calls: string[] = [];
    const osKeyStore: OsKeyStore = {
      availability: () => ({ usable: true }),
      encrypt: (data) => (calls.push('encrypt'), Buffer.from(data.toString('base64'), 'utf8').reverse()),
      decrypt: (data) => (calls.push('decrypt'), Buffer.from(Buffer.from(data).reverse().toString('utf8'), 'base64')),
    };
    const vault = openVault(home, { osKeyStore });
    expect(vault.status()).toEqual({ state: 'unlocked', protector: 'os-keychain' });
    vault.seal('k', 'v');
    const reopened = openVault(home, { osKeyStore });
    expect(reopened.openText('k')).toBe('v');
    expect(calls).toEqual(['encrypt', 'decrypt']);
    expect(await codeOf(reopened.changePassphrase('a', 'bbbbbbbb'))).toBe('CONFLICT');
  });

  it('says an OS-key-store vault cannot be opened where no OS key store is available, instead of asking for a passphrase', async () => {
    const home = tempFolder();
    const created = openVault(home, { osKeyStore: reversingKeyStore() });
    created.seal('k', 'v');

    // The Chromium host (no key store at all), and Electron on Linux without a keyring (basic_text).
    const basicText: OsKeyStore = {
      availability: () => ({ usable: false, reason: 'backend is basic_text' }),
      encrypt: crash,
      decrypt: crash,
    };
    for (const osKeyStore of [undefined, basicText]) {
      const vault = openVault(home, { osKeyStore });
      const status = vault.status();
      expect(status).toMatchObject({ state: 'unavailable', protector: 'os-keychain', unavailableReason: 'os-key-store-missing' });
      expect(status.protectorNote).toMatch(/protected by the OS key store.*No OS key store is available here/);
      await expect(vault.unlock('any passphrase')).rejects.toMatchObject({
        code: 'CONFLICT',
        message: /No OS key store is available here/,
      });
      expect(await codeOf(() => vault.open('k'))).toBe('VAULT_LOCKED');
      expect(await codeOf(vault.setUp('a new passphrase'))).toBe('CONFLICT');
    }
    // Nothing was changed: the desktop app still opens it.
    expect(openVault(home, { osKeyStore: reversingKeyStore() }).openText('k')).toBe('v');
  });

  it('says so when the OS key store is there but cannot decrypt the vault key (keyring reset)', () => {
    const home = tempFolder();
    openVault(home, { osKeyStore: reversingKeyStore() });
    const reset: OsKeyStore = { availability: () => ({ usable: true }), encrypt: crash, decrypt: crash };
    const vault = openVault(home, { osKeyStore: reset });
    expect(vault.status()).toMatchObject({ state: 'unavailable', protector: 'os-keychain', unavailableReason: 'os-key-store-refused' });
    expect(vault.status().protectorNote).toContain('could not decrypt');
  });

  it('falls back to a passphrase when the OS key store is not a real one (Linux basic_text), and says why', () => {
    const vault = openVault(tempFolder(), {
      osKeyStore: { availability: () => ({ usable: false, reason: 'backend is basic_text' }), encrypt: crash, decrypt: crash },
    });
    expect(vault.status()).toEqual({ state: 'not-set-up', protector: 'passphrase', protectorNote: 'backend is basic_text' });
  });
});

/** A sealed box (`sv1.<iv>.<ciphertext>.<tag>`) with one bit of its ciphertext flipped. */
function flipCiphertextBit(sealed: string): string {
  const [format, iv, ct, tag] = sealed.split('.') as [string, string, string, string];
  const flipped = Buffer.from(ct, 'base64url');
  flipped[3]! ^= 0x40;
  return [format, iv, flipped.toString('base64url'), tag].join('.');
}

/** A stand-in for the OS key store: reversible, so a vault it wrapped can be reopened. */
function reversingKeyStore(): OsKeyStore {
  return {
    availability: () => ({ usable: true }),
    encrypt: (data) => Buffer.from(data).reverse(),
    decrypt: (data) => Buffer.from(data).reverse(),
  };
}

function crash(): never {
  throw new Error('simulated crash');
}
