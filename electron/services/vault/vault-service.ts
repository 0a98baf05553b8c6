/** Bridge face of the vault: state and passphrase flows. Takes passphrases in; never returns a secret. */
import type { SignetServices } from '../../../shared/contract';
import type { Vault } from './vault';

export function createVaultService(vault: Vault): SignetServices['vault'] {
  return {
    status: () => vault.status(),
    async setUp({ passphrase }) {
      await vault.setUp(passphrase);
      return vault.status();
    },
    async unlock({ passphrase }) {
      await vault.unlock(passphrase);
      return vault.status();
    },
    lock() {
      vault.lock();
      return vault.status();
    },
    async changePassphrase({ current, next }) {
      await vault.changePassphrase(current, next);
      return vault.status();
    },
  };
}
