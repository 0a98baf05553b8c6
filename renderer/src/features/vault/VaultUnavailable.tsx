/** Shown instead of the unlock form when the vault is wrapped by an OS key store that cannot open it here. */
import { Code, List, Stack, Text, Title } from '@mantine/core';
import type { VaultUnavailableReason } from '../../../../shared/contract/vault';
import { useAppInfo } from '../../app/app-info';

export function VaultUnavailable({ reason }: { reason: VaultUnavailableReason }) {
  const info = useAppInfo();
  return (
    <Stack gap="sm" role="region" aria-label="Vault cannot be opened here">
      <Title order={3}>This vault cannot be opened here</Title>
      <Text size="sm">
        The vault in this data folder is protected by the OS key store, not by a passphrase, so there is no passphrase to enter.{' '}
        {reason === 'os-key-store-missing'
          ? 'No OS key store is available here.'
          : 'The OS key store could not decrypt its key: the key store was reset, or this data folder came from another user or machine.'}{' '}
        Nothing in the folder was changed.
      </Text>
      <Text size="sm" c="dimmed">
        Data folder: <Code aria-label="Data folder">{info.dataFolder}</Code>
      </Text>
      <Text size="sm" fw={500}>
        What you can do:
      </Text>
      <List size="sm" spacing={4}>
        {reason === 'os-key-store-missing' && info.host === 'browser' ? (
          <List.Item>
            Open Signet in Electron (<Code>npm start</Code>) on this machine, where the OS key store is available, to use this vault.
          </List.Item>
        ) : reason === 'os-key-store-missing' ? (
          <List.Item>
            Make the OS key store available (on Linux: a running, unlocked keyring such as GNOME Keyring or KWallet), then restart Signet.
          </List.Item>
        ) : (
          <List.Item>
            If the key store was reset or locked, restore or unlock it (e.g. the login keyring) and restart Signet. Without it, the keys and
            secrets in this vault cannot be recovered.
          </List.Item>
        )}
        <List.Item>
          Or start Signet with another data folder, which gets its own vault:{' '}
          <Code>SIGNET_HOME=/path/to/another/folder {info.host === 'browser' ? 'npm run start:browser' : 'npm start'}</Code>
        </List.Item>
      </List>
    </Stack>
  );
}
