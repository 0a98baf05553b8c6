/** The live log: one row per request with its verdict and reason; a row opens the whole entry. */
import { Badge, Button, Group, Modal, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { LogVerdict, ReceiverLogEntry } from '../../../../shared/contract/receiver';
import { useNavigation } from '../../app/navigation';
import { CodeEditor } from '../../components/CodeEditor';

const VERDICT_COLORS: Record<LogVerdict, string> = { accepted: 'teal', rejected: 'red', served: 'gray', fault: 'orange' };

export function ReceiverLog({ entries, onClear }: { entries: ReceiverLogEntry[]; onClear(): void }) {
  const [openId, setOpenId] = useState<number | null>(null);
  const open = entries.find((entry) => entry.id === openId) ?? null;
  const newestFirst = [...entries].reverse();

  return (
    <section aria-labelledby="receiver-log">
      <Group justify="space-between" mb={6}>
        <Title order={3} size="h6" id="receiver-log">
          Log
        </Title>
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          leftSection={<IconTrash size={14} />}
          onClick={onClear}
          disabled={entries.length === 0}
        >
          Clear log
        </Button>
      </Group>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          No requests yet. Every request the receiver answers appears here with its verdict.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={360}>
          <Table highlightOnHover striped={false} verticalSpacing={4} fz="xs" aria-label="Receiver log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Request</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Verdict</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Token</Table.Th>
                <Table.Th>Client certificate</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {newestFirst.map((entry) => (
                <Table.Tr
                  key={entry.id}
                  onClick={() => setOpenId(entry.id)}
                  onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && setOpenId(entry.id)}
                  tabIndex={0}
                  style={{ cursor: 'pointer' }}
                  aria-label={`${entry.method} ${entry.path}: ${entry.verdict}`}
                >
                  <Table.Td className="signet-mono">{entry.at.slice(11, 23)}</Table.Td>
                  <Table.Td className="signet-mono">
                    {entry.method} {entry.path}
                  </Table.Td>
                  <Table.Td>{entry.status}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={VERDICT_COLORS[entry.verdict]}>
                      {entry.verdict}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ maxWidth: 520, overflowWrap: 'anywhere' }}>{entry.reason}</Table.Td>
                  <Table.Td className="signet-mono" style={{ maxWidth: 260, overflowWrap: 'anywhere' }} aria-label="Token summary">
                    {tokenSummary(entry)}
                  </Table.Td>
                  <Table.Td>{entry.clientCertificateSubject ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      <Modal opened={open !== null} onClose={() => setOpenId(null)} title={open ? `${open.method} ${open.path}` : ''} size="xl">
        {open && <LogEntryDetails entry={open} onDone={() => setOpenId(null)} />}
      </Modal>
    </section>
  );
}

/** The claims that identify a token at a glance: iss, sub, aud. */
function tokenSummary(entry: ReceiverLogEntry): string {
  const payload = entry.token?.payload;
  if (!entry.token) return '';
  if (!payload) return 'not decodable';
  const show = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));
  return (['iss', 'sub', 'aud'] as const)
    .filter((claim) => payload[claim] !== undefined)
    .map((claim) => `${claim} ${show(payload[claim])}`)
    .join(' · ');
}

function LogEntryDetails({ entry, onDone }: { entry: ReceiverLogEntry; onDone(): void }) {
  const { goTo } = useNavigation();
  const { token, response, ...rest } = entry;
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge variant="light" color={VERDICT_COLORS[entry.verdict]}>
          {entry.verdict}
        </Badge>
        <Text size="sm">
          HTTP {entry.status} · {entry.durationMs} ms · {entry.at}
        </Text>
      </Group>
      <Text size="sm" aria-label="Verdict reason">
        {entry.reason}
      </Text>
      {token && (
        <>
          <Group justify="space-between">
            <Title order={4} size="h6">
              Token
            </Title>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                onDone();
                goTo('inspector', { token: token.raw });
              }}
            >
              Open in Inspector
            </Button>
          </Group>
          <CodeEditor
            label="Decoded token"
            language="json"
            readOnly
            maxHeight={220}
            value={JSON.stringify({ header: token.header ?? null, payload: token.payload ?? null }, null, 2)}
          />
        </>
      )}
      <CodeEditor label="Request" language="json" readOnly maxHeight={220} value={JSON.stringify(rest.request, null, 2)} />
      <CodeEditor label="Response" language="json" readOnly maxHeight={220} value={response.body} />
    </Stack>
  );
}
