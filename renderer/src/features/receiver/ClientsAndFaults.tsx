/** Registered clients (client secrets go straight to the vault) and the fault rules. */
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  PasswordInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ClientAuthMethod, FaultRules, RegisteredClient } from '../../../../shared/contract/receiver';
import { notifyError, notifySuccess } from '../../app/notify';
import { api } from '../../bridge';

export interface ClientsEditorProps {
  clients: RegisteredClient[];
  secretsSet: string[];
  /** Saves the client table at once (a secret needs its client saved). */
  onSave(clients: RegisteredClient[]): Promise<boolean>;
  onSecretsChanged(): Promise<void>;
}

const METHODS: ClientAuthMethod[] = ['client_secret_basic', 'client_secret_post'];

export function ClientsEditor({ clients, secretsSet, onSave, onSecretsChanged }: ClientsEditorProps) {
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async () => {
    const id = clientId.trim();
    if (!id) return setError('Enter a client ID.');
    if (!secret) return setError('Enter the client secret.');
    setError(null);
    const next = [...clients.filter((client) => client.clientId !== id), { clientId: id, authMethods: METHODS }];
    if (!(await onSave(next))) return;
    try {
      await api.receiver.setClientSecret({ clientId: id, secret });
      setClientId('');
      setSecret('');
      notifySuccess(`Client ${id} registered; its secret is in the vault.`);
    } catch (caught) {
      notifyError(caught, 'Saving the client secret');
    }
    await onSecretsChanged();
  };

  const toggleMethod = (client: RegisteredClient, method: ClientAuthMethod, on: boolean) => {
    const methods = on ? [...new Set([...client.authMethods, method])] : client.authMethods.filter((m) => m !== method);
    if (methods.length === 0) return;
    void onSave(clients.map((entry) => (entry.clientId === client.clientId ? { ...entry, authMethods: methods } : entry)));
  };

  return (
    <section aria-labelledby="receiver-clients">
      <Title order={3} size="h6" id="receiver-clients" mb={4}>
        Registered clients
      </Title>
      <Text size="xs" c="dimmed" mb={6}>
        For client_credentials with a client secret. private_key_jwt clients need no entry: their assertion must be signed by a trusted key.
      </Text>
      {clients.length > 0 && (
        <Table fz="xs" verticalSpacing={4} aria-label="Registered clients" mb="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Client ID</Table.Th>
              <Table.Th>Methods</Table.Th>
              <Table.Th>Secret</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clients.map((client) => (
              <Table.Tr key={client.clientId}>
                <Table.Td className="signet-mono">{client.clientId}</Table.Td>
                <Table.Td>
                  <Group gap="sm">
                    {METHODS.map((method) => (
                      <Checkbox
                        key={method}
                        size="xs"
                        label={method.replace('client_secret_', '')}
                        aria-label={`${client.clientId} may use ${method}`}
                        checked={client.authMethods.includes(method)}
                        onChange={(event) => toggleMethod(client, method, event.currentTarget.checked)}
                      />
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={secretsSet.includes(client.clientId) ? 'teal' : 'orange'}>
                    {secretsSet.includes(client.clientId) ? 'in the vault' : 'not set'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="red"
                    aria-label={`Remove client ${client.clientId}`}
                    onClick={() => void onSave(clients.filter((entry) => entry.clientId !== client.clientId)).then(onSecretsChanged)}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" gap="xs">
        <TextInput
          size="xs"
          label="Client ID"
          value={clientId}
          onChange={(event) => setClientId(event.currentTarget.value)}
          error={error && !clientId.trim() ? error : undefined}
        />
        <PasswordInput
          size="xs"
          w={200}
          label="Client secret"
          value={secret}
          onChange={(event) => setSecret(event.currentTarget.value)}
          error={error && clientId.trim() && !secret ? error : undefined}
        />
        <Button size="xs" variant="light" onClick={() => void add()}>
          Register client
        </Button>
      </Group>
    </section>
  );
}

export function FaultRulesPanel({ faults, onChange }: { faults: FaultRules; onChange(patch: Partial<FaultRules>): void }) {
  const [count, setCount] = useState<number>(1);
  return (
    <section aria-labelledby="receiver-faults">
      <Title order={3} size="h6" id="receiver-faults" mb={4}>
        Fault rules
      </Title>
      <Text size="xs" c="dimmed" mb={6}>
        Provoke client behaviour. Rules last until Signet restarts.
      </Text>
      <Stack gap="xs">
        <Group align="flex-end" gap="xs">
          <NumberInput
            size="xs"
            label="Answer 401 to the next N API calls"
            min={1}
            max={1000}
            allowDecimal={false}
            value={count}
            onChange={(value) => setCount(typeof value === 'number' ? value : 1)}
            w={220}
          />
          <Button size="xs" variant="light" onClick={() => onChange({ unauthorizedNextCalls: count })}>
            Arm
          </Button>
          {faults.unauthorizedNextCalls > 0 && (
            <>
              <Badge color="orange" variant="light" aria-label="401 calls left">
                {faults.unauthorizedNextCalls} left
              </Badge>
              <Button size="xs" variant="subtle" color="gray" onClick={() => onChange({ unauthorizedNextCalls: 0 })}>
                Disarm
              </Button>
            </>
          )}
        </Group>
        <NumberInput
          size="xs"
          label="Latency (ms)"
          description="Added to every response"
          min={0}
          max={60000}
          step={100}
          allowDecimal={false}
          value={faults.latencyMs}
          onChange={(value) => onChange({ latencyMs: typeof value === 'number' ? Math.max(0, Math.trunc(value)) : 0 })}
          w={220}
        />
        <Switch
          label="Token endpoint fails with 500"
          checked={faults.tokenEndpointFails}
          onChange={(event) => onChange({ tokenEndpointFails: event.currentTarget.checked })}
        />
      </Stack>
    </section>
  );
}
