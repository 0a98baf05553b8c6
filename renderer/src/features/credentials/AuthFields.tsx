/** Endpoint (Label, Name, URL, Certificate) and authentication (Identity Type, protocol and its fields), with Salesforce's labels. */
import { ActionIcon, Alert, Button, Group, Radio, Select, SimpleGrid, Stack, Table, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  CLIENT_AUTH_METHODS,
  hasTokenEndpoint,
  IDENTITY_LABELS,
  IDENTITY_TYPES,
  PROTOCOL_LABELS,
  PROTOCOLS,
  SCOPE_PLACEMENTS,
  type ClientAuthMethod,
  type IdentityType,
  type Protocol,
  type ScopePlacement,
} from '../../../../shared/credentials/profile';
import { toApiName } from '../../../../shared/names';
import { KeyValueEditor } from '../../components/KeyValueEditor';
import { CertificateSelect } from '../../components/certificates';
import { warningsFor } from './form';
import { fieldError, SecretInput, setField, type SectionProps } from './section';

const SCOPE_PLACEMENT_LABELS: Record<ScopePlacement, string> = {
  form: 'Form parameter (as Salesforce)',
  claim: 'scope claim in the JWT (as Google needs)',
  both: 'Both',
};

export function EndpointFields(props: SectionProps) {
  const { fields } = props.form;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={2} spacing="xs">
        <TextInput
          size="xs"
          label="Label"
          value={fields.label}
          error={fieldError(props, 'label')}
          onChange={(event) => {
            const label = event.currentTarget.value;
            props.update((form) => ({
              ...form,
              fields: { ...form.fields, label, ...(form.nameFollowsLabel ? { name: toApiName(label) } : {}) },
            }));
          }}
        />
        <TextInput
          size="xs"
          label="Name"
          title="API name, used in callout:Name/path"
          value={fields.name}
          error={fieldError(props, 'name')}
          spellCheck={false}
          onChange={(event) => {
            const name = event.currentTarget.value;
            props.update((form) => ({ ...form, nameFollowsLabel: false, fields: { ...form.fields, name } }));
          }}
        />
      </SimpleGrid>
      <TextInput
        size="xs"
        label="URL"
        placeholder="https://api.example.com/v1"
        value={fields.url}
        error={fieldError(props, 'url')}
        spellCheck={false}
        onChange={(event) => setField(props, 'url', event.currentTarget.value)}
      />
      <CertificateSelect
        size="xs"
        label="Certificate"
        description="Client certificate for mutual TLS with the endpoint (not the JWT signing certificate)"
        value={fields.clientCertificateId}
        onChange={(id) => setField(props, 'clientCertificateId', id)}
        include={(certificate) => certificate.hasPrivateKey && certificate.hasCertificate}
        error={fieldError(props, 'clientCertificateId')}
      />
      <Textarea
        size="xs"
        label="Description"
        autosize
        minRows={1}
        value={fields.description}
        onChange={(event) => setField(props, 'description', event.currentTarget.value)}
      />
    </Stack>
  );
}

export function AuthenticationFields(props: SectionProps) {
  const { fields } = props.form;
  const tokenFlow = hasTokenEndpoint(fields.protocol);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={2} spacing="xs">
        <Select
          size="xs"
          label="Identity Type"
          data={IDENTITY_TYPES.map((value) => ({ value, label: IDENTITY_LABELS[value] }))}
          value={fields.identityType}
          allowDeselect={false}
          onChange={(value) => value && setField(props, 'identityType', value as IdentityType)}
        />
        <Select
          size="xs"
          label="Authentication Protocol"
          data={PROTOCOLS.map((value) => ({ value, label: PROTOCOL_LABELS[value] }))}
          value={fields.protocol}
          allowDeselect={false}
          onChange={(value) => value && setField(props, 'protocol', value as Protocol)}
        />
      </SimpleGrid>
      {fields.identityType === 'named-principal' && (
        <TextInput
          size="xs"
          label="Named Principal Subject"
          description="Sent as sub"
          value={fields.namedPrincipalSubject}
          onChange={(event) => setField(props, 'namedPrincipalSubject', event.currentTarget.value)}
        />
      )}
      {fields.identityType === 'per-user' && <PerUserTable {...props} />}

      {fields.protocol === 'password' && (
        <SimpleGrid cols={2} spacing="xs">
          <TextInput
            size="xs"
            label="Username"
            value={fields.username}
            error={fieldError(props, 'username')}
            onChange={(event) => setField(props, 'username', event.currentTarget.value)}
          />
          <SecretInput props={props} kind="password" label="Password" />
        </SimpleGrid>
      )}
      {fields.protocol === 'bearer' && (
        <>
          <SecretInput props={props} kind="bearerToken" label="Token" />
          <Alert color="yellow" p="xs" title="Not refreshed">
            A static bearer token is sent as is and never refreshed. When it expires, paste a new one — or use JWT, JWT Token Exchange or
            Client Credentials so Signet makes fresh tokens.
          </Alert>
        </>
      )}
      {tokenFlow && (
        <>
          <TextInput
            size="xs"
            label="Token Endpoint URL"
            placeholder="https://auth.example.com/oauth2/token"
            value={fields.tokenEndpointUrl}
            error={fieldError(props, 'tokenEndpointUrl')}
            spellCheck={false}
            onChange={(event) => setField(props, 'tokenEndpointUrl', event.currentTarget.value)}
          />
          {fields.protocol === 'client-credentials' && (
            <SimpleGrid cols={2} spacing="xs">
              <TextInput
                size="xs"
                label="Client ID"
                value={fields.clientId}
                error={fieldError(props, 'clientId')}
                onChange={(event) => setField(props, 'clientId', event.currentTarget.value)}
              />
              <Select
                size="xs"
                label="Client Authentication"
                data={CLIENT_AUTH_METHODS.map((value) => ({ value, label: value }))}
                value={fields.clientAuth}
                allowDeselect={false}
                onChange={(value) => value && setField(props, 'clientAuth', value as ClientAuthMethod)}
              />
            </SimpleGrid>
          )}
          {fields.protocol === 'client-credentials' && fields.clientAuth !== 'private_key_jwt' && (
            <SecretInput props={props} kind="clientSecret" label="Client Secret" />
          )}
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              size="xs"
              label="Scope"
              value={fields.scope}
              onChange={(event) => setField(props, 'scope', event.currentTarget.value)}
            />
            {/* A client secret signs no JWT: Scope can only be a form parameter there. */}
            {(fields.protocol === 'jwt-exchange' || fields.clientAuth === 'private_key_jwt') && (
              <Radio.Group
                size="xs"
                label="Send Scope as"
                value={fields.scopePlacement}
                onChange={(value) => setField(props, 'scopePlacement', value as ScopePlacement)}
              >
                <Group gap="xs" mt={4}>
                  {SCOPE_PLACEMENTS.map((value) => (
                    <Radio key={value} size="xs" value={value} label={SCOPE_PLACEMENT_LABELS[value]} />
                  ))}
                </Group>
              </Radio.Group>
            )}
          </SimpleGrid>
          <div>
            <TextInputLabel text="Extra Parameters" hint="Added to the token request, e.g. audience or resource" />
            <KeyValueEditor
              noun="Extra parameter"
              withoutToggle
              rows={fields.extraParams.map((row) => ({ ...row, enabled: true }))}
              onChange={(rows) =>
                setField(
                  props,
                  'extraParams',
                  rows.map(({ name, value }) => ({ name, value })),
                )
              }
              nameSuggestions={['audience', 'resource', 'client_id']}
            />
          </div>
          <CertificateSelect
            size="xs"
            label="Token Endpoint CA Certificate"
            description="Trust this certificate for the token endpoint's TLS, besides the system's CAs"
            value={fields.tokenEndpointCaCertificateId}
            onChange={(id) => setField(props, 'tokenEndpointCaCertificateId', id)}
            include={(certificate) => certificate.hasCertificate}
            error={fieldError(props, 'tokenEndpointCaCertificateId')}
          />
        </>
      )}
      {warningsFor(props.problems, 'clientCertificateId') && (
        <Alert color="yellow" p="xs">
          {warningsFor(props.problems, 'clientCertificateId')}
        </Alert>
      )}
    </Stack>
  );
}

function TextInputLabel({ text, hint }: { text: string; hint: string }) {
  return (
    <div style={{ fontSize: 'var(--mantine-font-size-xs)', fontWeight: 500 }}>
      {text} <span style={{ color: 'var(--mantine-color-dimmed)', fontWeight: 400 }}>— {hint}</span>
    </div>
  );
}

function PerUserTable(props: SectionProps) {
  const rows = props.form.fields.perUserSubjects;
  const set = (next: typeof rows, active = props.form.fields.activeUser) =>
    props.update((form) => ({ ...form, fields: { ...form.fields, perUserSubjects: next, activeUser: active } }));
  return (
    <Stack gap={4}>
      <Table fz="xs" verticalSpacing={2} aria-label="Per User subjects">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>Active</Table.Th>
            <Table.Th>User</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th w={32} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={index}>
              <Table.Td>
                <Radio
                  size="xs"
                  aria-label={`Active user ${index + 1}`}
                  checked={row.user !== '' && row.user === props.form.fields.activeUser}
                  onChange={() => set(rows, row.user)}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  aria-label={`User ${index + 1}`}
                  value={row.user}
                  onChange={(event) => {
                    const user = event.currentTarget.value;
                    const wasActive = props.form.fields.activeUser === row.user;
                    set(
                      rows.map((entry, i) => (i === index ? { ...entry, user } : entry)),
                      wasActive ? user : props.form.fields.activeUser,
                    );
                  }}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  aria-label={`Subject for user ${index + 1}`}
                  value={row.subject}
                  onChange={(event) => {
                    const subject = event.currentTarget.value;
                    set(rows.map((entry, i) => (i === index ? { ...entry, subject } : entry)));
                  }}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove user ${index + 1}`}
                  onClick={() => set(rows.filter((_, i) => i !== index))}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(fieldError(props, 'perUserSubjects') ?? fieldError(props, 'activeUser')) && (
        <Alert color="red" p="xs" role="alert">
          {fieldError(props, 'perUserSubjects') ?? fieldError(props, 'activeUser')}
        </Alert>
      )}
      <Button
        size="xs"
        variant="subtle"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        onClick={() => set([...rows, { user: '', subject: '' }])}
      >
        Add user
      </Button>
    </Stack>
  );
}
