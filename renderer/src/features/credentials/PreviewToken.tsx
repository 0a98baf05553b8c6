/**
 * Preview Token: mints (or, for exchange and client credentials, requests) the token the profile
 * would send now, and shows it raw and decoded beside the token request and response.
 */
import { Alert, Badge, Button, Code, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconExternalLink, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuthTrace, AuthTraceStep } from '../../../../shared/contract/auth-trace';
import type { TokenPreview } from '../../../../shared/contract/credentials';
import type { NamedCredentialFields } from '../../../../shared/credentials/profile';
import { isAppError } from '../../../../shared/errors';
import { useNavigation } from '../../app/navigation';
import { CodeEditor } from '../../components/CodeEditor';
import { CopyValue } from '../../components/CopyValue';
import { KeyValueEditor, type KeyValueRow } from '../../components/KeyValueEditor';
import { api } from '../../bridge';

interface Failure {
  message: string;
  code: string;
  /** The token endpoint said no (an HTTP error or an RFC 6749 error), as opposed to answering with something that is not a token. */
  refused: boolean;
  trace?: AuthTrace;
}

export interface PreviewState {
  result: TokenPreview | null;
  failure: Failure | null;
  busy: boolean;
  variables: KeyValueRow[];
  setVariables(rows: KeyValueRow[]): void;
  /** Previews the saved profile `id`, or the unsaved `draft` with the stored secrets. */
  run(id: string, draft?: NamedCredentialFields): Promise<void>;
}

export function usePreview(onCached?: () => void): PreviewState {
  const [variables, setVariables] = useState<KeyValueRow[]>([]);
  const [result, setResult] = useState<TokenPreview | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (id: string, draft?: NamedCredentialFields) => {
    setBusy(true);
    setFailure(null);
    try {
      const vars = Object.fromEntries(variables.filter((row) => row.enabled && row.name).map((row) => [row.name, row.value]));
      setResult(await api.credentials.previewToken({ id, ...(draft ? { draft } : {}), variables: vars }));
      if (!draft) onCached?.();
    } catch (error) {
      setResult(null);
      setFailure({
        message: error instanceof Error ? error.message : String(error),
        code: isAppError(error) ? error.code : 'INTERNAL',
        refused: isAppError(error) && (typeof error.details?.error === 'string' || Number(error.details?.status) >= 400),
        trace: isAppError(error) ? (error.details?.trace as AuthTrace | undefined) : undefined,
      });
    } finally {
      setBusy(false);
    }
  };
  return { result, failure, busy, variables, setVariables, run };
}

export interface PreviewTokenProps {
  preview: PreviewState;
  opened: boolean;
  onClose(): void;
  /** Runs the preview again (same profile, same draft). */
  onRun(): void;
  /** True when the unsaved form is previewed. */
  draft: boolean;
}

export function PreviewTokenDialog({ preview, opened, onClose, onRun, draft }: PreviewTokenProps) {
  const { goTo } = useNavigation();
  const { result, failure, busy, variables, setVariables } = preview;
  return (
    <Modal opened={opened} onClose={onClose} title="Preview Token" size="80rem">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {draft ? 'Previews the unsaved form with the secrets saved in the vault. ' : ''}
          This mints a fresh token now — for JWT Token Exchange and Client Credentials it calls the token endpoint.
        </Text>
        <details>
          <summary style={{ fontSize: 'var(--mantine-font-size-xs)', cursor: 'pointer' }}>
            Variables for {'{{…}}'} ({variables.length})
          </summary>
          <KeyValueEditor noun="Variable" rows={variables} onChange={setVariables} />
        </details>
        <Group>
          <Button size="xs" leftSection={<IconPlayerPlay size={14} />} loading={busy} onClick={onRun}>
            Preview again
          </Button>
          {result?.token && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconExternalLink size={14} />}
              onClick={() => {
                onClose();
                goTo('inspector', { token: result.token! });
              }}
            >
              Open in Inspector
            </Button>
          )}
        </Group>
        {busy && !result && !failure && (
          <Text size="xs" c="dimmed">
            Working…
          </Text>
        )}
        {failure && (
          <Alert
            color="red"
            role="alert"
            title={
              failure.code !== 'TOKEN_EXCHANGE_FAILED'
                ? 'Preview failed'
                : failure.refused
                  ? 'The token endpoint refused'
                  : 'The token endpoint answered, but not with a token'
            }
          >
            {failure.message}
          </Alert>
        )}
        {result && <PreviewResult result={result} />}
        {(result?.trace ?? failure?.trace) && <TraceView trace={(result?.trace ?? failure?.trace)!} />}
      </Stack>
    </Modal>
  );
}

function PreviewResult({ result }: { result: TokenPreview }) {
  if (!result.token) {
    return (
      <Alert color="gray" p="xs">
        {result.note}
      </Alert>
    );
  }
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge variant="light">{result.kind === 'jwt' ? 'JWT' : 'Access token'}</Badge>
        <Text size="xs" aria-label="Preview timing">
          {result.kind === 'jwt' ? 'Minted' : 'Fetched'} in {result.durationMs.toFixed(0)} ms
          {result.expiresAt ? ` · expires ${new Date(result.expiresAt).toLocaleString()}` : ' · no expiry given'}
        </Text>
      </Group>
      <CopyValue label="Token" value={result.token} />
      {result.decoded ? (
        <SimpleGrid cols={2} spacing="xs">
          <CodeEditor
            label="Decoded header"
            language="json"
            readOnly
            value={JSON.stringify(result.decoded.header, null, 2)}
            maxHeight={220}
          />
          <CodeEditor
            label="Decoded claims"
            language="json"
            readOnly
            value={JSON.stringify(result.decoded.claims, null, 2)}
            maxHeight={220}
          />
        </SimpleGrid>
      ) : (
        <Text size="xs" c="dimmed">
          The access token is not a JWT (an opaque token), so there is nothing to decode.
        </Text>
      )}
    </Stack>
  );
}

function TraceView({ trace }: { trace: AuthTrace }) {
  return (
    <Stack gap={6} aria-label="Auth trace">
      <Text size="xs" fw={600}>
        What Signet did
      </Text>
      {trace.steps.map((step, index) => (
        <TraceStep key={index} step={step} />
      ))}
    </Stack>
  );
}

function TraceStep({ step }: { step: AuthTraceStep }) {
  switch (step.kind) {
    case 'jwt':
      return (
        <Stack gap={4}>
          <Text size="xs">
            Minted a JWT (
            {step.purpose === 'bearer'
              ? 'sent as the bearer token'
              : step.purpose === 'assertion'
                ? 'the jwt-bearer assertion'
                : 'the client assertion'}
            ), {String(step.header.alg)}, expires {step.expiresAt ? new Date(step.expiresAt).toLocaleTimeString() : '—'}
            {step.fromCache ? ' (from the cache)' : ''}
          </Text>
          {step.purpose !== 'bearer' && (
            <CodeEditor
              label={step.purpose === 'assertion' ? 'Assertion claims' : 'Client assertion claims'}
              language="json"
              readOnly
              value={JSON.stringify({ header: step.header, claims: step.claims }, null, 2)}
              maxHeight={180}
            />
          )}
        </Stack>
      );
    case 'token-request':
      return (
        <Stack gap={4}>
          <Text size="xs">
            POST <Code>{step.url}</Code> → {step.status ?? 'no response'}
            {step.durationMs !== undefined ? ` in ${step.durationMs.toFixed(0)} ms` : ''}
          </Text>
          <SimpleGrid cols={2} spacing="xs">
            <CodeEditor
              label="Token request"
              language="json"
              readOnly
              value={JSON.stringify({ headers: step.requestHeaders, form: step.requestParams }, null, 2)}
              maxHeight={220}
              lineWrapping
            />
            {step.response === undefined ? (
              <Text size="xs" c="dimmed">
                No response: {step.error?.message ?? 'the request did not complete.'}
              </Text>
            ) : (
              <CodeEditor
                label="Token response"
                language={typeof step.response === 'string' ? 'text' : 'json'}
                readOnly
                value={typeof step.response === 'string' ? step.response : JSON.stringify(step.response, null, 2)}
                maxHeight={220}
                lineWrapping
              />
            )}
          </SimpleGrid>
        </Stack>
      );
    case 'cached-token':
      return <Text size="xs">Used the cached access token ({step.timesUsed} uses).</Text>;
    case 'static':
      return <Text size="xs">{step.description}</Text>;
    case 'refresh':
      return (
        <Text size="xs">
          Refreshed after HTTP {step.status}: {step.reason}
        </Text>
      );
    case 'none':
      return <Text size="xs">{step.reason}</Text>;
  }
}
