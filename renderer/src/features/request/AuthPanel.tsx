/** How a request authenticates: from the callout's named credential, none, a pasted bearer token, or a chosen named credential. */
import { Select, Stack, Text, Textarea } from '@mantine/core';
import type { RequestAuth } from '../../../../shared/contract/http';
import { PROTOCOL_LABELS } from '../../../../shared/credentials/profile';
import type { CredentialSummary } from './model';

/** "Orders API (Orders_API), JWT" — or says the name is unknown. */
function describeCredential(credentials: CredentialSummary[], name: string): string {
  const credential = credentials.find((candidate) => candidate.name === name);
  if (!credential) return `${name} (no such named credential yet — create it in Named Credentials)`;
  return `${credential.label} (${credential.name}), ${PROTOCOL_LABELS[credential.protocol]}`;
}

export function AuthPanel({
  auth,
  onChange,
  callout,
  credentials,
}: {
  auth: RequestAuth;
  onChange(auth: RequestAuth): void;
  /** The URL is `callout:Name/...` (then "From named credential" applies). */
  callout: string | null;
  credentials: CredentialSummary[];
}) {
  const credentialNames = credentials.map((credential) => credential.name);
  const data = [
    { value: 'inherit', label: 'From named credential' },
    { value: 'none', label: 'No auth' },
    { value: 'bearer', label: 'Bearer token' },
    { value: 'credential', label: 'Named credential' },
  ];
  const setType = (type: RequestAuth['type'] | null) => {
    if (type === 'bearer') onChange({ type, token: auth.type === 'bearer' ? auth.token : '' });
    else if (type === 'credential') onChange({ type, name: auth.type === 'credential' ? auth.name : (credentialNames[0] ?? '') });
    else if (type) onChange({ type });
  };
  return (
    <Stack gap="xs" maw={640}>
      <Select
        label="Auth type"
        data={data}
        value={auth.type}
        onChange={(value) => setType(value as RequestAuth['type'])}
        allowDeselect={false}
      />
      {auth.type === 'inherit' && (
        <Text size="xs" c="dimmed" role="note">
          {callout
            ? `Signet authenticates with the named credential ${describeCredential(credentials, callout)}: it mints or fetches the token and adds its headers, as a Salesforce callout does.`
            : 'Only callout:Name/… URLs carry a named credential. This absolute URL is sent without auth; choose "Named credential" to apply one.'}
        </Text>
      )}
      {auth.type === 'bearer' && (
        <Textarea
          label="Token"
          description="Sent as Authorization: Bearer <token>. {{variables}} work here."
          autosize
          minRows={2}
          maxRows={6}
          value={auth.token}
          onChange={(event) => onChange({ type: 'bearer', token: event.currentTarget.value })}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          spellCheck={false}
        />
      )}
      {auth.type === 'credential' && (
        <Select
          label="Named credential"
          description="Its auth (token, headers, client certificate) is applied to this URL."
          data={credentials.map((credential) => ({
            value: credential.name,
            label: `${credential.name} — ${PROTOCOL_LABELS[credential.protocol]}`,
          }))}
          value={auth.name || null}
          onChange={(value) => onChange({ type: 'credential', name: value ?? '' })}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No named credentials yet"
        />
      )}
    </Stack>
  );
}
