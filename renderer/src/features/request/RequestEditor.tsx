/** One request: URL bar, then Params, Headers, Body, Auth and Settings, with the response below. */
import { Badge, Box, Stack, Tabs, Text } from '@mantine/core';
import { REDACTED } from '../../../../shared/contract/history';
import type { CredentialSummary, RequestDraft, OpenRequest } from './model';
import { COMMON_HEADERS } from './model';
import { KeyValueEditor, type ValueField } from '../../components/KeyValueEditor';
import { parseCalloutUrl } from '../../../../shared/request/callout-url';
import { redactedPlaces } from '../../../../shared/request/redacted';
import { syncParams, urlWithParams } from '../../../../shared/request/url-params';
import { AuthPanel } from './AuthPanel';
import { BodyEditor } from './BodyEditor';
import { ResponseView } from './ResponseView';
import { SettingsPanel } from './SettingsPanel';
import { UrlBar } from './UrlBar';
import { HighlightedTextInput, type VariableLookup } from './VariableMirror';

export interface RequestEditorProps {
  open: OpenRequest;
  onDraft(change: (draft: RequestDraft) => RequestDraft): void;
  onSend(): void;
  onCancel(): void;
  onRetryWithoutTls(): void;
  credentials: CredentialSummary[];
  /** Where each `{{name}}` gets its value (the active environment). */
  variables: VariableLookup;
}

function headerProblem(name: string, value: string): string | null {
  if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) return 'Contains a line break';
  if (/[^\x20-\x7e\t]/.test(name + value)) return 'Contains a non-ASCII character';
  if (name && !/^[!#$%&'*+.^_`|~0-9A-Za-z{}-]+$/.test(name)) return 'Not a valid header name';
  return null;
}

export function RequestEditor({ open, onDraft, onSend, onCancel, onRetryWithoutTls, credentials, variables }: RequestEditorProps) {
  const { draft } = open;
  const credentialNames = credentials.map((credential) => credential.name);
  const callout = parseCalloutUrl(draft.url);
  const enabledHeaders = draft.headers.filter((header) => header.enabled && header.name).length;
  const redacted = redactedPlaces(draft);
  const highlightedValue = (field: ValueField) => <HighlightedTextInput {...field} lookup={variables} />;
  return (
    <Stack gap="xs" h="100%" style={{ minHeight: 0 }}>
      <UrlBar
        method={draft.method}
        url={draft.url}
        onMethod={(method) => onDraft((current) => ({ ...current, method }))}
        onUrl={(url) => onDraft((current) => ({ ...current, url, params: syncParams(url, current.params) }))}
        credentialNames={credentialNames}
        lookup={variables}
        sending={open.sending}
        onSend={onSend}
        onCancel={onCancel}
      />
      {redacted.length > 0 && (
        <Text size="xs" c="orange" role="status" aria-label="Redacted values">
          History keeps no secrets: {redacted.join(', ')} {redacted.length === 1 ? 'holds' : 'hold'} {REDACTED}. Enter the real value before
          sending.
        </Text>
      )}
      <Tabs defaultValue={draft.body.type !== 'none' ? 'body' : 'params'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="params">Params{draft.params.length ? ` (${draft.params.length})` : ''}</Tabs.Tab>
          <Tabs.Tab value="headers">Headers{enabledHeaders ? ` (${enabledHeaders})` : ''}</Tabs.Tab>
          <Tabs.Tab value="body">Body{draft.body.type !== 'none' ? ` (${draft.body.type})` : ''}</Tabs.Tab>
          <Tabs.Tab value="auth" rightSection={callout && draft.auth.type === 'inherit' ? <Badge size="xs">{callout.name}</Badge> : null}>
            Auth
          </Tabs.Tab>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
        </Tabs.List>
        <Box pt="xs" mah={380} style={{ overflow: 'auto' }}>
          <Tabs.Panel value="params">
            <KeyValueEditor
              noun="Param"
              rows={draft.params}
              renderValueInput={highlightedValue}
              onChange={(params) => onDraft((current) => ({ ...current, params, url: urlWithParams(current.url, params) }))}
            />
          </Tabs.Panel>
          <Tabs.Panel value="headers">
            <KeyValueEditor
              noun="Header"
              rows={draft.headers}
              nameSuggestions={COMMON_HEADERS}
              errors={draft.headers.map((header) => headerProblem(header.name, header.value))}
              renderValueInput={highlightedValue}
              onChange={(headers) => onDraft((current) => ({ ...current, headers }))}
            />
          </Tabs.Panel>
          <Tabs.Panel value="body">
            <BodyEditor body={draft.body} onChange={(body) => onDraft((current) => ({ ...current, body }))} variables={variables} />
          </Tabs.Panel>
          <Tabs.Panel value="auth">
            <AuthPanel
              auth={draft.auth}
              onChange={(auth) => onDraft((current) => ({ ...current, auth }))}
              callout={callout?.name ?? null}
              credentials={credentials}
            />
          </Tabs.Panel>
          <Tabs.Panel value="settings">
            <SettingsPanel settings={draft.settings} onChange={(settings) => onDraft((current) => ({ ...current, settings }))} />
          </Tabs.Panel>
        </Box>
      </Tabs>
      <Box style={{ flex: 1, minHeight: 260, borderTop: '1px solid var(--mantine-color-default-border)' }} pt="xs" aria-label="Response">
        <ResponseView open={open} onRetryWithoutTls={onRetryWithoutTls} />
      </Box>
    </Stack>
  );
}
