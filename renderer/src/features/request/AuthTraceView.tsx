/** The auth trace of a callout: the exact JWT sent (decoded, Open in Inspector), token requests with secrets redacted, cache hits. */
import { Badge, Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { AuthTrace, AuthTraceStep } from '../../../../shared/contract/auth-trace';
import { PROTOCOL_LABELS } from '../../../../shared/credentials/profile';
import { useNavigation } from '../../app/navigation';
import { CopyValue } from '../../components/CopyValue';
import { formatMs } from './model';

const protocolLabel = (protocol: string) => (PROTOCOL_LABELS as Record<string, string>)[protocol] ?? protocol;

export function AuthTraceView({ trace }: { trace: AuthTrace | null }) {
  if (!trace || (!trace.credential && trace.steps.length === 0)) {
    return (
      <Text size="xs" c="dimmed">
        No authentication was applied to this request.
      </Text>
    );
  }
  return (
    <Stack gap="xs" aria-label="Auth trace">
      {trace.credential && (
        <Text size="xs">
          Named credential <b>{trace.credential.label}</b> ({trace.credential.name}), {protocolLabel(trace.credential.protocol)}
        </Text>
      )}
      {trace.steps.map((step, index) => (
        <Paper key={index} withBorder p="xs">
          <TraceStep step={step} />
        </Paper>
      ))}
    </Stack>
  );
}

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <Code block aria-label={label} style={{ fontSize: 11, maxHeight: 240, overflow: 'auto' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

function TraceStep({ step }: { step: AuthTraceStep }) {
  const { goTo } = useNavigation();
  switch (step.kind) {
    case 'jwt':
      return (
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="xs" fw={600}>
              JWT{' '}
              {step.purpose === 'bearer'
                ? 'sent as the bearer token'
                : step.purpose === 'assertion'
                  ? 'sent as the assertion'
                  : 'sent as the client assertion'}
            </Text>
            {step.fromCache && <Badge size="xs">from cache</Badge>}
            {step.expiresAt && (
              <Text size="xs" c="dimmed">
                expires {step.expiresAt}
              </Text>
            )}
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconSearch size={12} />}
              onClick={() => goTo('inspector', { token: step.token })}
            >
              Open in Inspector
            </Button>
          </Group>
          <CopyValue label="JWT" value={step.token} />
          <Group grow align="flex-start" gap="xs">
            <Json value={step.header} label="JWT header" />
            <Json value={step.claims} label="JWT claims" />
          </Group>
        </Stack>
      );
    case 'token-request':
      return (
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="xs" fw={600}>
              Token request
            </Text>
            <Text size="xs" className="signet-mono">
              {step.method} {step.url}
            </Text>
            {step.status !== undefined && (
              <Badge size="xs" color={step.status < 300 ? 'teal' : 'red'}>
                {step.status}
              </Badge>
            )}
            {step.durationMs !== undefined && (
              <Text size="xs" c="dimmed">
                {formatMs(step.durationMs)}
              </Text>
            )}
          </Group>
          {step.error && (
            <Text size="xs" c="red" role="alert">
              {step.error.error}
              {step.error.description ? `: ${step.error.description}` : ''} — {step.error.message}
            </Text>
          )}
          <Json value={step.requestParams} label="Token request parameters" />
          {Object.keys(step.requestHeaders).length > 0 && <Json value={step.requestHeaders} label="Token request headers" />}
          {step.response !== undefined && <Json value={step.response} label="Token response" />}
        </Stack>
      );
    case 'cached-token':
      return (
        <Text size="xs">
          {step.tokenType} access token taken from the cache (used {step.timesUsed} time{step.timesUsed === 1 ? '' : 's'}
          {step.expiresAt ? `, expires ${step.expiresAt}` : ''}).
        </Text>
      );
    case 'static':
      return (
        <Text size="xs">
          {step.scheme}: {step.description}
        </Text>
      );
    case 'refresh':
      return (
        <Text size="xs" c="orange">
          Refresh after HTTP {step.status}: {step.reason}
        </Text>
      );
    case 'none':
      return (
        <Text size="xs" c="dimmed">
          {step.reason}
        </Text>
      );
  }
}
