/** Method, URL (absolute or callout:Name/path, with completion of named-credential names), Send/Cancel with elapsed time. */
import { Autocomplete, Badge, Button, Group, Stack, Text, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { IconPlayerStop, IconSend } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { HTTP_METHODS } from '../../../../shared/contract/http';
import { parseCalloutUrl } from '../../../../shared/request/callout-url';
import { referencedVariables } from '../../../../shared/request/variables';
import { formatMs } from './model';
import { useVariableMirror, type VariableLookup } from './VariableMirror';

export interface UrlBarProps {
  method: string;
  url: string;
  onMethod(method: string): void;
  onUrl(url: string): void;
  credentialNames: string[];
  /** Where each `{{name}}` gets its value (the active environment). */
  lookup: VariableLookup;
  sending: { startedAt: number } | null;
  onSend(): void;
  onCancel(): void;
}

/** Every method while the field holds one of them (as a picker does); typed text filters them, e.g. "PA" → PATCH. */
const methodFilter: OptionsFilter = ({ options, search }) => {
  const typed = search.trim().toUpperCase();
  if ((HTTP_METHODS as readonly string[]).includes(typed)) return options;
  return (options as ComboboxItem[]).filter((option) => option.value.includes(typed));
};

export function UrlBar({ method, url, onMethod, onUrl, credentialNames, lookup, sending, onSend, onCancel }: UrlBarProps) {
  const callout = parseCalloutUrl(url);
  const suggestions =
    url.trim().toLowerCase().startsWith('callout:') && callout && !callout.rest
      ? credentialNames.map((name) => `callout:${name}/`)
      : !url.trim()
        ? credentialNames.slice(0, 8).map((name) => `callout:${name}/`)
        : [];
  const referenced = referencedVariables(url);
  const unresolved = referenced.filter((name) => !lookup(name).defined);
  const mirror = useVariableMirror(url, lookup);
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Autocomplete
          aria-label="Method"
          w={120}
          data={[...HTTP_METHODS]}
          filter={methodFilter}
          value={method}
          onChange={(value) => onMethod(value.toUpperCase())}
          styles={{ input: { fontWeight: 600 } }}
        />
        <Autocomplete
          aria-label="URL"
          placeholder="https://api.example.com/path  or  callout:My_Credential/path"
          style={{ flex: 1 }}
          data={suggestions}
          value={url}
          onChange={onUrl}
          spellCheck={false}
          ref={mirror.inputRef}
          inputContainer={mirror.inputContainer}
          onMouseMove={mirror.onMouseMove}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12, ...mirror.inputStyle } }}
        />
        {sending ? (
          <Button color="red" variant="light" leftSection={<IconPlayerStop size={14} />} onClick={onCancel}>
            Cancel <Elapsed since={sending.startedAt} />
          </Button>
        ) : (
          <Button leftSection={<IconSend size={14} />} onClick={onSend}>
            Send
          </Button>
        )}
      </Group>
      {referenced.length > 0 && (
        <Group gap={4} aria-label="Variables in the URL">
          {referenced.map((name) => (
            <Badge key={name} size="xs" variant="light" color={lookup(name).defined ? 'teal' : 'red'} title={lookup(name).description}>
              {`{{${name}}}`}
            </Badge>
          ))}
        </Group>
      )}
      {unresolved.length > 0 && (
        <Text size="xs" c="red" role="status" aria-label="Unresolved variables">
          Unresolved: {unresolved.map((name) => `{{${name}}}`).join(', ')} — not defined in the active environment, so Send refuses.
        </Text>
      )}
      {callout && callout.name && credentialNames.length > 0 && !credentialNames.includes(callout.name) && (
        <Text size="xs" c="orange" role="status">
          There is no named credential called {callout.name}.
        </Text>
      )}
    </Stack>
  );
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text span size="xs" ml={6} aria-label="Elapsed time">
      {formatMs(now - since)}
    </Text>
  );
}
