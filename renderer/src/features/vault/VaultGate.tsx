/**
 * First run: set the master passphrase. Later runs: unlock. A vault the OS key store cannot open here:
 * say so and what to do. Shown instead of the tabs until unlocked.
 */
import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../../shared/contract/vault';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/contract/vault';
import { isAppError } from '../../../../shared/errors';
import { api } from '../../bridge';
import { notifyError } from '../../app/notify';
import { PassphraseStrengthMeter } from './PassphraseStrengthMeter';
import { VaultUnavailable } from './VaultUnavailable';

export function VaultGate({ status, onChange }: { status: VaultStatus; onChange(status: VaultStatus): void }) {
  return (
    <Stack align="center" justify="center" h="100%" p="xl">
      <Paper withBorder p="lg" w={status.state === 'unavailable' ? 560 : 440} shadow="xs">
        {status.state === 'not-set-up' ? (
          <SetUpForm onChange={onChange} />
        ) : status.state === 'unavailable' ? (
          <VaultUnavailable reason={status.unavailableReason ?? 'os-key-store-missing'} />
        ) : (
          <UnlockForm onChange={onChange} />
        )}
      </Paper>
    </Stack>
  );
}

function SetUpForm({ onChange }: { onChange(status: VaultStatus): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) return setError(`Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    if (passphrase !== confirmation) return setError('The two passphrases do not match. Type the same passphrase twice.');
    setError(null);
    setBusy(true);
    try {
      onChange(await api.vault.setUp({ passphrase }));
    } catch (failure) {
      if (isAppError(failure, 'BAD_INPUT')) setError(failure.message);
      else notifyError(failure, 'Setting the passphrase');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Set a master passphrase">
      <Stack gap="sm">
        <Title order={3}>Set a master passphrase</Title>
        <Text size="sm" c="dimmed">
          No secure OS key store is available here, so Signet encrypts your private keys and secrets with a key protected by this
          passphrase. Signet cannot recover it if you forget it.
        </Text>
        <PasswordInput label="Master passphrase" value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} autoFocus />
        <PassphraseStrengthMeter passphrase={passphrase} />
        <PasswordInput label="Confirm passphrase" value={confirmation} onChange={(e) => setConfirmation(e.currentTarget.value)} />
        {error && (
          <Alert color="red" role="alert" p="xs">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy}>
          Set passphrase
        </Button>
      </Stack>
    </form>
  );
}

function UnlockForm({ onChange }: { onChange(status: VaultStatus): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) return setError('Enter your master passphrase.');
    setBusy(true);
    try {
      onChange(await api.vault.unlock({ passphrase }));
      setError(null);
    } catch (failure) {
      if (isAppError(failure, 'BAD_PASSPHRASE') || isAppError(failure, 'BAD_INPUT') || isAppError(failure, 'VAULT_DAMAGED')) {
        setError(failure.message);
      } else notifyError(failure, 'Unlocking');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Unlock Signet">
      <Stack gap="sm">
        <Title order={3}>Unlock Signet</Title>
        <Text size="sm" c="dimmed">
          Your keys and secrets are encrypted. Enter the master passphrase to unlock them.
        </Text>
        <PasswordInput
          label="Master passphrase"
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          error={error ? true : undefined}
          autoFocus
        />
        {error && (
          <Alert color="red" role="alert" p="xs">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy}>
          Unlock
        </Button>
      </Stack>
    </form>
  );
}
