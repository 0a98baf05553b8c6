/** The receiver's configuration form: listening, TLS and mutual TLS, trusted keys and token rules. */
import {
  Alert,
  Checkbox,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { isLoopbackHost, type ReceiverConfig } from '../../../../shared/contract/receiver';
import { CertificateSelect, useCertificates } from '../../components/certificates';

export interface ReceiverSettingsProps {
  draft: ReceiverConfig;
  onChange(patch: Partial<ReceiverConfig>): void;
  running: boolean;
  /** Field name → message from a refused save. */
  errors: Record<string, string>;
}

const asInt = (value: string | number, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback;

export function ReceiverSettings({ draft, onChange, running, errors }: ReceiverSettingsProps) {
  const { certificates } = useCertificates();
  const certificateOptions = certificates.map((certificate) => ({
    value: certificate.id,
    label: `${certificate.label} (${certificate.name}, ${certificate.keyAlgorithm})`,
  }));
  // Keep chosen ids visible even if the certificate went away.
  const withChosen = (ids: string[]) => [
    ...certificateOptions,
    ...ids
      .filter((id) => !certificateOptions.some((option) => option.value === id))
      .map((id) => ({ value: id, label: 'Deleted certificate' })),
  ];
  const external = !isLoopbackHost(draft.host.trim() || '127.0.0.1');

  return (
    <Stack gap="md">
      <section aria-labelledby="receiver-listening">
        <Title order={3} size="h6" id="receiver-listening" mb={6}>
          Listening
        </Title>
        {running && (
          <Text size="xs" c="dimmed" mb={6}>
            Changes to listening and TLS settings apply at the next start.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Host"
            error={errors.host}
            description="127.0.0.1 keeps the receiver on this machine"
            value={draft.host}
            onChange={(event) => onChange({ host: event.currentTarget.value })}
          />
          <NumberInput
            label="Port"
            error={errors.port}
            description="0 picks a free port"
            min={0}
            max={65535}
            allowDecimal={false}
            value={draft.port}
            onChange={(value) => onChange({ port: asInt(value, 0) })}
          />
          <div>
            <Text size="sm" fw={500} id="receiver-protocol-label">
              Protocol
            </Text>
            <SegmentedControl
              aria-labelledby="receiver-protocol-label"
              value={draft.protocol}
              onChange={(value) => onChange({ protocol: value as ReceiverConfig['protocol'] })}
              data={[
                { value: 'http', label: 'HTTP' },
                { value: 'https', label: 'HTTPS' },
              ]}
            />
          </div>
        </SimpleGrid>
        {external && (
          <Alert color="orange" icon={<IconAlertTriangle size={16} />} mt="sm" title="Reachable from other machines">
            <Stack gap={6}>
              <Text size="sm">Listening on {draft.host} lets other machines on your network call the receiver.</Text>
              <Checkbox
                label="Allow other interfaces"
                checked={draft.allowExternalInterface}
                onChange={(event) => onChange({ allowExternalInterface: event.currentTarget.checked })}
              />
            </Stack>
          </Alert>
        )}
        {draft.protocol === 'https' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
            <CertificateSelect
              label="Server certificate"
              placeholder="Generated for localhost and 127.0.0.1"
              description="Empty: Signet generates one; clients must trust it (shown once running)"
              value={draft.serverCertificateId}
              onChange={(id) => onChange({ serverCertificateId: id })}
              include={(certificate) => certificate.hasPrivateKey && certificate.hasCertificate}
            />
            <Select
              label="Mutual TLS"
              allowDeselect={false}
              value={draft.mtls}
              onChange={(value) => value && onChange({ mtls: value as ReceiverConfig['mtls'] })}
              data={[
                { value: 'off', label: 'Off' },
                { value: 'optional', label: 'Optional: ask for a client certificate' },
                { value: 'required', label: 'Required: refuse clients without a trusted certificate' },
              ]}
            />
            {draft.mtls !== 'off' && (
              <>
                <MultiSelect
                  label="Trusted client certificates"
                  description="Client certificates that are (or chain to) one of these are trusted"
                  data={withChosen(draft.mtlsTrustedCertificateIds)}
                  value={draft.mtlsTrustedCertificateIds}
                  onChange={(ids) => onChange({ mtlsTrustedCertificateIds: ids })}
                  searchable
                />
                <Textarea
                  label="Trusted CA certificates (PEM)"
                  error={errors.mtlsCaPem}
                  autosize
                  minRows={2}
                  maxRows={6}
                  placeholder="-----BEGIN CERTIFICATE-----"
                  value={draft.mtlsCaPem}
                  onChange={(event) => onChange({ mtlsCaPem: event.currentTarget.value })}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
                />
              </>
            )}
          </SimpleGrid>
        )}
      </section>

      <section aria-labelledby="receiver-trust">
        <Title order={3} size="h6" id="receiver-trust" mb={6}>
          Trusted keys and token rules
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MultiSelect
            label="Trusted certificates"
            description="JWTs signed by these keys are accepted; they are also published in the JWKS"
            placeholder={draft.trustedCertificateIds.length ? undefined : 'Choose certificates'}
            data={withChosen(draft.trustedCertificateIds)}
            value={draft.trustedCertificateIds}
            onChange={(ids) => onChange({ trustedCertificateIds: ids })}
            searchable
          />
          <TextInput
            label="JWKS URL"
            error={errors.jwksUrl}
            description="Also trust the keys published here"
            placeholder="https://issuer.example.com/.well-known/jwks.json"
            value={draft.jwksUrl}
            onChange={(event) => onChange({ jwksUrl: event.currentTarget.value.trim() })}
          />
          <TagsInput
            label="Expected audiences"
            error={errors.audiences}
            description="Besides the token endpoint, issuer and /api URLs; press Enter after each"
            value={draft.audiences}
            onChange={(audiences) => onChange({ audiences })}
          />
          <TagsInput
            label="Expected issuers"
            error={errors.issuers}
            description="Empty accepts any issuer"
            value={draft.issuers}
            onChange={(issuers) => onChange({ issuers })}
          />
          <NumberInput
            label="Max token lifetime (seconds)"
            error={errors.maxLifetimeSeconds}
            min={1}
            allowDecimal={false}
            value={draft.maxLifetimeSeconds}
            onChange={(value) => onChange({ maxLifetimeSeconds: asInt(value, draft.maxLifetimeSeconds) })}
          />
          <NumberInput
            label="Clock skew (seconds)"
            error={errors.clockSkewSeconds}
            min={0}
            max={3600}
            allowDecimal={false}
            value={draft.clockSkewSeconds}
            onChange={(value) => onChange({ clockSkewSeconds: asInt(value, draft.clockSkewSeconds) })}
          />
          <NumberInput
            label="Access token lifetime (seconds)"
            error={errors.accessTokenLifetimeSeconds}
            description="expires_in of the tokens the receiver issues"
            min={1}
            max={86400}
            allowDecimal={false}
            value={draft.accessTokenLifetimeSeconds}
            onChange={(value) => onChange({ accessTokenLifetimeSeconds: asInt(value, draft.accessTokenLifetimeSeconds) })}
          />
          <TagsInput
            label="Allowed scopes"
            error={errors.allowedScopes}
            description="Empty allows any scope"
            value={draft.allowedScopes}
            onChange={(allowedScopes) => onChange({ allowedScopes })}
          />
        </SimpleGrid>
        <Stack mt="sm" gap="sm">
          <Checkbox
            label="Refuse replayed assertions (jti)"
            description="At /oauth2/token only (RFC 7523 §3): an assertion or client_assertion whose jti was already accepted is refused. Bearer tokens sent to /api/* may be reused until they expire."
            checked={draft.refuseReplayedJti}
            onChange={(event) => onChange({ refuseReplayedJti: event.currentTarget.checked })}
          />
          <Checkbox
            label="Start with Signet"
            checked={draft.autoStart}
            onChange={(event) => onChange({ autoStart: event.currentTarget.checked })}
          />
        </Stack>
      </section>
    </Stack>
  );
}
