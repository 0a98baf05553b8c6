/** Settings: data folder, key protector, versions, and changing the master passphrase. */
import { Alert, Button, Code, CopyButton, Divider, Group, Modal, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { AppInfo } from '../../../../shared/contract/app';
import type { VaultStatus } from '../../../../shared/contract/vault';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/contract/vault';
import { isAppError } from '../../../../shared/errors';
import { api } from '../../bridge';
import { notifyError, notifySuccess } from '../../app/notify';
import { PassphraseStrengthMeter } from '../vault/PassphraseStrengthMeter';

const PROTECTOR_LABEL = {
  'os-keychain': 'OS key store (Electron safeStorage)',
  passphrase: 'Master passphrase (scrypt + AES-256-GCM)',
} as const;

interface Props {
  opened: boolean;
  onClose(): void;
  info: AppInfo;
  vault: VaultStatus;
}

export function SettingsDialog({ opened, onClose, info, vault }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Settings" size="lg">
      <Stack gap="md">
        <Table withRowBorders={false} verticalSpacing={4} fz="sm">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={150}>Data folder</Table.Th>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Code aria-label="Data folder">{info.dataFolder}</Code>
                  <CopyButton value={info.dataFolder}>
                    {({ copied, copy }) => (
                      <Button variant="subtle" onClick={copy} aria-label="Copy data folder path">
                        {copied ? 'Copied' : 'Copy'}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Key protector</Table.Th>
              <Table.Td>
                <Text size="sm" aria-label="Key protector">
                  {PROTECTOR_LABEL[vault.protector]}
                </Text>
                {vault.protectorNote && (
                  <Text size="xs" c="dimmed">
                    {vault.protectorNote}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Versions</Table.Th>
              <Table.Td>
                <Text size="sm" aria-label="Versions">
                  Signet {info.version} · {info.host === 'electron' ? 'Electron host' : 'Chromium host'} · Node {info.versions.node}
                  {info.versions.electron && ` · Electron ${info.versions.electron}`}
                  {info.versions.chrome && ` · Chrome ${info.versions.chrome}`}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {vault.protector === 'passphrase' && vault.state !== 'not-set-up' && (
          <>
            <Divider />
            <ChangePassphraseForm onDone={onClose} />
          </>
        )}
      </Stack>
    </Modal>
  );
}

function ChangePassphraseForm({ onDone }: { onDone(): void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!current) return setError('Enter your current passphrase.');
    if (next.length < MIN_PASSPHRASE_LENGTH) return setError(`Use at least ${MIN_PASSPHRASE_LENGTH} characters for the new passphrase.`);
    if (next !== confirmation) return setError('The new passphrases do not match. Type the same passphrase twice.');
    setError(null);
    setBusy(true);
    try {
      await api.vault.changePassphrase({ current, next });
      notifySuccess('The master passphrase was changed. Use the new one from now on.', 'Passphrase changed');
      onDone();
    } catch (failure) {
      if (isAppError(failure, 'BAD_PASSPHRASE') || isAppError(failure, 'BAD_INPUT')) setError(failure.message);
      else notifyError(failure, 'Changing the passphrase');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Change master passphrase">
      <Stack gap="xs">
        <Title order={5}>Change master passphrase</Title>
        <Text size="xs" c="dimmed">
          Re-wraps the vault key under the new passphrase; your keys and secrets are not re-encrypted and nothing is lost if Signet is
          interrupted.
        </Text>
        <PasswordInput label="Current passphrase" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} />
        <PasswordInput label="New passphrase" value={next} onChange={(e) => setNext(e.currentTarget.value)} />
        <PassphraseStrengthMeter passphrase={next} />
        <PasswordInput label="Confirm new passphrase" value={confirmation} onChange={(e) => setConfirmation(e.currentTarget.value)} />
        {error && (
          <Alert color="red" role="alert" p="xs">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy} w="fit-content">
          Change passphrase
        </Button>
      </Stack>
    </form>
  );
}
