/** The response pane: status, time, size; Body, Headers, Timeline, Auth; or the coded error with what to do next. */
import { Alert, Badge, Button, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import type { AuthTrace } from '../../../../shared/contract/auth-trace';
import { useNavigation } from '../../app/navigation';
import { AuthTraceView } from './AuthTraceView';
import { formatBytes, formatMs, type OpenRequest } from './model';
import { ResponseBodyView } from './ResponseBodyView';
import { TimelineView } from './TimelineView';

const ERROR_TITLES: Record<string, string> = {
  BAD_INPUT: 'The request cannot be sent',
  NOT_FOUND: 'Not found',
  NETWORK: 'Network error',
  TLS: 'TLS error',
  TIMEOUT: 'Timed out',
  ABORTED: 'Cancelled',
  TOKEN_EXCHANGE_FAILED: 'Token exchange failed',
  VAULT_LOCKED: 'Vault locked',
};

export interface ResponseViewProps {
  open: OpenRequest;
  /** Resend with TLS verification off (offered on TLS errors). */
  onRetryWithoutTls(): void;
}

export function ResponseView({ open, onRetryWithoutTls }: ResponseViewProps) {
  if (open.error) return <ErrorView error={open.error} onRetryWithoutTls={onRetryWithoutTls} />;
  const response = open.response;
  if (!response) {
    return (
      <Text size="xs" c="dimmed" p="xs">
        {open.sending ? 'Waiting for the response…' : 'Send the request to see the response here (Ctrl+Enter).'}
      </Text>
    );
  }
  return (
    <Stack gap="xs" h="100%" style={{ minHeight: 0 }}>
      <Group gap="sm" aria-label="Response summary">
        <Badge
          color={response.status < 300 ? 'teal' : response.status < 400 ? 'blue' : response.status < 500 ? 'orange' : 'red'}
          size="lg"
          radius="sm"
          aria-label="Status"
        >
          {response.status} {response.statusText}
        </Badge>
        <Text size="xs" aria-label="Time">
          {formatMs(response.totalMs)}
        </Text>
        <Text size="xs" aria-label="Size">
          {formatBytes(response.body.size)}
          {response.body.encodedSize !== undefined ? ` (${formatBytes(response.body.encodedSize)} ${response.body.contentEncoding})` : ''}
        </Text>
      </Group>
      {response.warnings.map((warning) => (
        <Alert key={warning} color="yellow" p={6} role="status">
          <Text size="xs">{warning}</Text>
        </Alert>
      ))}
      <Tabs defaultValue="body" keepMounted={false} style={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <Tabs.List>
          <Tabs.Tab value="body">Body</Tabs.Tab>
          <Tabs.Tab value="headers">Headers ({response.headers.length})</Tabs.Tab>
          <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
          <Tabs.Tab value="auth">Auth</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="body" pt="xs" style={{ flex: 1, minHeight: 0 }}>
          <ResponseBodyView key={response.requestId} response={response} />
        </Tabs.Panel>
        <Tabs.Panel value="headers" pt="xs">
          <HeadersTable headers={response.headers} label="Response headers" />
          <Text size="xs" fw={600} mt="sm" mb={4}>
            Sent: {response.sent.method} {response.sent.url}
          </Text>
          <HeadersTable headers={response.sent.headers} label="Sent headers" />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="xs">
          <TimelineView response={response} />
        </Tabs.Panel>
        <Tabs.Panel value="auth" pt="xs">
          <AuthTraceView trace={response.auth} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function HeadersTable({ headers, label }: { headers: [string, string][]; label: string }) {
  return (
    <Table withTableBorder fz="xs" aria-label={label}>
      <Table.Tbody>
        {headers.map(([name, value], index) => (
          <Table.Tr key={index}>
            <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
              {name}
            </Table.Td>
            <Table.Td className="signet-mono" style={{ wordBreak: 'break-all' }}>
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ErrorView({ error, onRetryWithoutTls }: { error: NonNullable<OpenRequest['error']>; onRetryWithoutTls(): void }) {
  const { goTo } = useNavigation();
  const credentialName = typeof error.details?.credentialName === 'string' ? error.details.credentialName : null;
  const trace = (error.details?.trace ?? null) as AuthTrace | null;
  return (
    <Stack gap="xs">
      <Alert color={error.code === 'ABORTED' ? 'gray' : 'red'} title={ERROR_TITLES[error.code] ?? 'Error'} role="alert">
        <Stack gap="xs">
          <Text size="sm">{error.message}</Text>
          <Group gap="xs">
            {error.code === 'TLS' && (
              <Button size="xs" variant="light" color="orange" onClick={onRetryWithoutTls}>
                Turn off TLS verification for this request and send
              </Button>
            )}
            {error.code === 'NOT_FOUND' && credentialName && (
              <Button
                size="xs"
                variant="light"
                onClick={() => goTo('credentials', { draft: { profile: { name: credentialName, label: credentialName } } })}
              >
                Create named credential {credentialName}
              </Button>
            )}
          </Group>
        </Stack>
      </Alert>
      {trace && <AuthTraceView trace={trace} />}
    </Stack>
  );
}
