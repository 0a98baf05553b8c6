/** The vault's state, kept current by the bridge's `vault.changed` event. */
import { useEffect, useState } from 'react';
import type { VaultStatus } from '../../../../shared/contract/vault';
import { events } from '../../bridge';

export function useVaultStatus(initial: VaultStatus): [VaultStatus, (status: VaultStatus) => void] {
  const [status, setStatus] = useState(initial);
  useEffect(() => events.on('vault.changed', setStatus), []);
  return [status, setStatus];
}
