/**
 * Verify signature: choose where the key comes from; main verifies (keys and fetches stay there) and
 * answers valid / invalid / no matching key with the reason and the key used.
 */
import { Alert, Box, Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import type { HmacEncoding, KeySource, KeySourceKind, VerifyResult } from '../../../../shared/contract/inspector';
import { isAppError } from '../../../../shared/errors';
import { api } from '../../bridge';
import { CertificateSelect } from '../../components/certificates';
import { HmacSecretFields } from './HmacSecretFields';

export interface VerifyForm {
  kind: KeySourceKind;
  certificateId: string | null;
  pem: string;
  jwk: string;
  jwksUrl: string;
  issuer: string;
  secret: string;
  encoding: HmacEncoding;
}

export const EMPTY_VERIFY_FORM: VerifyForm = {
  kind: 'store',
  certificateId: null,
  pem: '',
  jwk: '',
  jwksUrl: '',
  issuer: '',
  secret: '',
  encoding: 'utf8',
};

const SOURCES: { value: KeySourceKind; label: string }[] = [
  { value: 'store', label: 'Certificate from the store' },
  { value: 'pem', label: 'PEM (certificate or public key)' },
  { value: 'jwk', label: 'JWK / JWKS' },
  { value: 'jwks-url', label: 'JWKS URL' },
  { value: 'issuer', label: 'OpenID issuer (discovery)' },
  { value: 'hmac', label: 'HMAC secret' },
];

function keySource(form: VerifyForm): KeySource {
  switch (form.kind) {
    case 'store':
      return form.certificateId ? { kind: 'store', certificateId: form.certificateId } : { kind: 'store' };
    case 'pem':
      return { kind: 'pem', pem: form.pem };
    case 'jwk':
      return { kind: 'jwk', jwk: form.jwk };
    case 'jwks-url':
      return { kind: 'jwks-url', url: form.jwksUrl.trim() };
    case 'issuer':
      return { kind: 'issuer', issuer: form.issuer.trim() };
    case 'hmac':
      return { kind: 'hmac', secret: form.secret, encoding: form.encoding };
  }
}

const RESULT_STYLE = {
  valid: { color: 'teal', title: 'Signature valid' },
  invalid: { color: 'red', title: 'Signature invalid' },
  'no-key': { color: 'orange', title: 'No matching key' },
} as const;

export function VerifyPanel({
  token,
  form,
  onFormChange,
  result,
  onResult,
}: {
  token: string;
  form: VerifyForm;
  onFormChange(form: VerifyForm): void;
  result: VerifyResult | null;
  onResult(result: VerifyResult | null): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof VerifyForm>(key: K, value: VerifyForm[K]) => {
    onFormChange({ ...form, [key]: value });
    setError(null);
  };

  const verify = async () => {
    setBusy(true);
    setError(null);
    onResult(null);
    try {
      onResult(await api.inspector.verify({ token, key: keySource(form) }));
    } catch (failure) {
      setError(isAppError(failure) || failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !busy) {
      event.preventDefault();
      void verify();
    }
  };

  return (
    <Stack gap="xs" onKeyDown={onKeyDown}>
      <Select
        label="Key source"
        data={SOURCES}
        value={form.kind}
        onChange={(value) => value && set('kind', value as KeySourceKind)}
        allowDeselect={false}
        size="xs"
      />
      {form.kind === 'store' && (
        <CertificateSelect
          label="Certificate"
          description="Leave empty to choose automatically by the header's kid (JWK thumbprint), x5t or x5t#S256."
          placeholder="Automatic (kid, x5t, x5t#S256)"
          value={form.certificateId}
          onChange={(id) => set('certificateId', id)}
          size="xs"
        />
      )}
      {form.kind === 'pem' && (
        <Textarea
          label="PEM"
          description="A certificate or a public key (-----BEGIN CERTIFICATE----- or -----BEGIN PUBLIC KEY-----)."
          value={form.pem}
          onChange={(e) => set('pem', e.currentTarget.value)}
          autosize
          minRows={4}
          maxRows={10}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
        />
      )}
      {form.kind === 'jwk' && (
        <Textarea
          label="JWK or JWKS"
          description='One key ({"kty": …}) or a set ({"keys": [ … ]}); with a set, the key is chosen by kid.'
          value={form.jwk}
          onChange={(e) => set('jwk', e.currentTarget.value)}
          autosize
          minRows={4}
          maxRows={10}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
        />
      )}
      {form.kind === 'jwks-url' && (
        <TextInput
          label="JWKS URL"
          placeholder="https://issuer.example.com/.well-known/jwks.json"
          value={form.jwksUrl}
          onChange={(e) => set('jwksUrl', e.currentTarget.value)}
          size="xs"
        />
      )}
      {form.kind === 'issuer' && (
        <TextInput
          label="OpenID issuer"
          description="Signet reads <issuer>/.well-known/openid-configuration and fetches its jwks_uri."
          placeholder="https://login.example.com/tenant"
          value={form.issuer}
          onChange={(e) => set('issuer', e.currentTarget.value)}
          size="xs"
        />
      )}
      {form.kind === 'hmac' && (
        <Group grow align="flex-start">
          <HmacSecretFields
            label="HMAC secret"
            secret={form.secret}
            encoding={form.encoding}
            onSecretChange={(secret) => set('secret', secret)}
            onEncodingChange={(encoding) => set('encoding', encoding)}
          />
        </Group>
      )}
      <Group>
        <Button size="xs" leftSection={<IconShieldCheck size={14} />} onClick={verify} loading={busy} disabled={!token.trim()}>
          Verify signature
        </Button>
        <Text size="xs" c="dimmed">
          Ctrl+Enter
        </Text>
      </Group>
      {error && (
        <Alert color="red" title="Cannot verify" role="alert">
          {error}
        </Alert>
      )}
      {result && (
        <Box role="status" aria-label="Verification result">
          <Alert color={RESULT_STYLE[result.status].color} title={RESULT_STYLE[result.status].title}>
            <Text size="sm">{result.reason}</Text>
            {result.key && (
              <Text size="xs" mt={4}>
                Key used: {result.key.description}
                {result.key.matchedBy ? ` — ${result.key.matchedBy}` : ''}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={2}>
              alg {result.alg || '(none)'} · {result.tried} key{result.tried === 1 ? '' : 's'} tried
            </Text>
          </Alert>
        </Box>
      )}
    </Stack>
  );
}
