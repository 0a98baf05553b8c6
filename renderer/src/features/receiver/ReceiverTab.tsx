/**
 * The Receiver tab: a local external service that publishes a JWKS, runs the RFC 7523 grants,
 * protects /api/* — and says why it rejects a token. Start/Stop, endpoints, settings, live log.
 */
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ReceiverConfig, ReceiverStatus } from '../../../../shared/contract/receiver';
import { notifyError } from '../../app/notify';
import { api } from '../../bridge';
import { CopyValue } from '../../components/CopyValue';
import { ClientsEditor, FaultRulesPanel } from './ClientsAndFaults';
import { ReceiverLog } from './ReceiverLog';
import { ReceiverSettings } from './ReceiverSettings';
import { useReceiver } from './useReceiver';

export function ReceiverTab() {
  const receiver = useReceiver();
  const { status, config } = receiver;
  // The form edits a draft; Save (or Start) persists it, so nothing typed is lost on a refusal.
  const [draft, setDraft] = useState<ReceiverConfig | null>(null);
  useEffect(() => {
    if (config) setDraft((current) => current ?? config);
  }, [config]);
  if (!status || !config || !draft) return null;

  const dirty = JSON.stringify(draft) !== JSON.stringify(config);
  const running = status.state === 'running';
  const saveDraft = async () => {
    const { clients: _clients, ...rest } = draft;
    const saved = await receiver.save(rest);
    return saved;
  };
  const start = async () => {
    if (dirty && !(await saveDraft())) return;
    await receiver.start();
  };

  return (
    <Stack gap="md" p="md" maw={1200}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h4">
            Receiver
          </Title>
          <Text size="sm" c="dimmed">
            The external service, on your machine: it verifies JWTs, issues access tokens and explains every verdict.
          </Text>
        </div>
        <Group gap="xs">
          <StatusBadge status={status} />
          {running ? (
            <Button
              leftSection={<IconPlayerStop size={14} />}
              color="red"
              variant="light"
              loading={receiver.busy}
              onClick={() => void receiver.stop()}
            >
              Stop
            </Button>
          ) : (
            <Button
              leftSection={<IconPlayerPlay size={14} />}
              loading={receiver.busy || status.state === 'starting'}
              onClick={() => void start()}
            >
              Start
            </Button>
          )}
        </Group>
      </Group>

      {status.warnings.map((warning) => (
        <Alert key={warning} color="orange" variant="light" p="xs">
          {warning}
        </Alert>
      ))}

      {running && <Endpoints status={status} />}

      <Paper withBorder p="sm">
        <ReceiverLog entries={receiver.log} onClear={() => void receiver.clearLog()} />
      </Paper>

      <Paper withBorder p="sm">
        <ReceiverSettings
          draft={draft}
          running={running}
          errors={receiver.fieldErrors}
          onChange={(patch) => setDraft((current) => ({ ...(current ?? config), ...patch }))}
        />
        <Group mt="sm" gap="xs">
          <Button size="xs" disabled={!dirty} onClick={() => void saveDraft()}>
            Save settings
          </Button>
          <Button size="xs" variant="subtle" color="gray" disabled={!dirty} onClick={() => setDraft(config)}>
            Discard changes
          </Button>
          {dirty && (
            <Text size="xs" c="dimmed">
              Unsaved changes
            </Text>
          )}
        </Group>
      </Paper>

      <Paper withBorder p="sm">
        <Group align="flex-start" grow gap="xl">
          <ClientsEditor
            clients={config.clients}
            secretsSet={receiver.secretsSet}
            onSave={async (clients) => {
              const saved = await receiver.save({ clients });
              if (saved) setDraft((current) => current && { ...current, clients });
              return saved;
            }}
            onSecretsChanged={receiver.reloadSecrets}
          />
          <FaultRulesPanel faults={status.faults} onChange={(patch) => void setFaults(patch)} />
        </Group>
      </Paper>
    </Stack>
  );
}

async function setFaults(patch: Parameters<typeof api.receiver.setFaults>[0]) {
  try {
    await api.receiver.setFaults(patch);
  } catch (error) {
    notifyError(error, 'Changing the fault rules');
  }
}

function StatusBadge({ status }: { status: ReceiverStatus }) {
  const label = status.state === 'running' ? `Running at ${status.baseUrl}` : status.state === 'starting' ? 'Starting…' : 'Stopped';
  return (
    <Badge size="lg" variant="light" color={status.state === 'running' ? 'teal' : 'gray'} aria-label="Receiver status" tt="none">
      {label}
    </Badge>
  );
}

function Endpoints({ status }: { status: ReceiverStatus }) {
  return (
    <Paper withBorder p="sm">
      <Title order={3} size="h6" mb={6}>
        Endpoints
      </Title>
      <Table fz="xs" verticalSpacing={2} aria-label="Receiver endpoints">
        <Table.Tbody>
          {status.endpoints.map((endpoint) => (
            <Table.Tr key={endpoint.name}>
              <Table.Td w={180}>{endpoint.name}</Table.Td>
              <Table.Td w={60} className="signet-mono">
                {endpoint.method}
              </Table.Td>
              <Table.Td>
                <CopyValue label={`URL of ${endpoint.name}`} value={endpoint.url} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {status.serverCertificatePem && (
        <Stack gap={2} mt="xs">
          <Text size="xs" c="dimmed">
            Clients must trust this server certificate (add it as an extra CA):
          </Text>
          <CopyValue label="Server certificate PEM" value={status.serverCertificatePem} />
        </Stack>
      )}
    </Paper>
  );
}
