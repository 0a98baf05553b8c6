/**
 * Craft: edit header and payload, sign with a store certificate, an HMAC secret or nothing
 * (alg none), then copy the token, open it in the Inspector, or send it as Bearer in a new request.
 */
import { Alert, Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconSend, IconSignature, IconZoomCode } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import type { HmacEncoding, SignedToken, Signer, SigningAlgorithm } from '../../../../shared/contract/inspector';
import { api } from '../../bridge';
import { useNavigation } from '../../app/navigation';
import { CodeEditor } from '../../components/CodeEditor';
import { CertificateSelect, useCertificates } from '../../components/certificates';
import { algorithmsFor, parseJsonObject, QUICK_CLAIMS } from './craft';
import { CopyTextButton } from './CopyTextButton';
import { HmacSecretFields } from './HmacSecretFields';
import { SEGMENT_COLORS } from './TokenSegments';

export interface CraftForm {
  header: string;
  payload: string;
  signer: 'store' | 'hmac' | 'none';
  certificateId: string | null;
  alg: SigningAlgorithm | null;
  secret: string;
  encoding: HmacEncoding;
  hmacAlg: 'HS256' | 'HS384' | 'HS512';
}

export function CraftPanel({ form, onChange }: { form: CraftForm; onChange(form: CraftForm): void }) {
  const { goTo } = useNavigation();
  const { certificates } = useCertificates();
  const [signed, setSigned] = useState<SignedToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof CraftForm>(key: K, value: CraftForm[K]) => onChange({ ...form, [key]: value });
  const header = parseJsonObject(form.header, 'The header');
  const payload = parseJsonObject(form.payload, 'The payload');
  const certificate = certificates.find((entry) => entry.id === form.certificateId);
  const algorithms = certificate ? algorithmsFor(certificate.keyAlgorithm) : [];

  const quick = (apply: (typeof QUICK_CLAIMS)[number]['apply']) => {
    if (!payload.ok) return;
    set('payload', JSON.stringify(apply(payload.value, Date.now()), null, 2));
  };

  const signer = (): Signer | null => {
    if (form.signer === 'none') return { kind: 'none' };
    if (form.signer === 'hmac')
      return form.secret ? { kind: 'hmac', secret: form.secret, encoding: form.encoding, alg: form.hmacAlg } : null;
    if (!form.certificateId) return null;
    const alg = form.alg && algorithms.includes(form.alg) ? form.alg : undefined;
    return { kind: 'store', certificateId: form.certificateId, ...(alg ? { alg } : {}) };
  };
  const ready = header.ok && payload.ok && signer() !== null;

  const sign = async () => {
    const chosen = signer();
    if (!header.ok || !payload.ok || !chosen) return;
    setBusy(true);
    setError(null);
    try {
      setSigned(await api.inspector.sign({ header: header.value, payload: payload.value, signer: chosen }));
    } catch (failure) {
      setSigned(null);
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && ready && !busy) {
      event.preventDefault();
      void sign();
    }
  };

  return (
    <Stack gap="xs" onKeyDown={onKeyDown}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <Stack gap={4}>
          <Text size="sm" fw={600} c={SEGMENT_COLORS.header}>
            Header
          </Text>
          <CodeEditor
            label="Header (JSON)"
            value={form.header}
            onChange={(value) => set('header', value)}
            language="json"
            lint
            minHeight={120}
            maxHeight={260}
          />
          {!header.ok && (
            <Text size="xs" c="red" role="alert">
              {header.message}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            alg is set by the signer; with a store certificate, kid defaults to its JWK thumbprint.
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={600} c={SEGMENT_COLORS.payload}>
            Payload
          </Text>
          <CodeEditor
            label="Payload (JSON)"
            value={form.payload}
            onChange={(value) => set('payload', value)}
            language="json"
            lint
            minHeight={120}
            maxHeight={260}
          />
          {!payload.ok && (
            <Text size="xs" c="red" role="alert">
              {payload.message}
            </Text>
          )}
          <Group gap={4}>
            {QUICK_CLAIMS.map((claim) => (
              <Button key={claim.label} size="compact-xs" variant="light" onClick={() => quick(claim.apply)} disabled={!payload.ok}>
                {claim.label}
              </Button>
            ))}
          </Group>
        </Stack>
      </SimpleGrid>
      <SegmentedControl
        aria-label="Sign with"
        size="xs"
        value={form.signer}
        onChange={(value) => set('signer', value as CraftForm['signer'])}
        data={[
          { value: 'store', label: 'Store certificate' },
          { value: 'hmac', label: 'HMAC secret' },
          { value: 'none', label: 'Unsigned (alg none)' },
        ]}
        w="fit-content"
      />
      {form.signer === 'store' && (
        <Group grow align="flex-start">
          <CertificateSelect
            label="Signing certificate"
            placeholder="Choose a certificate with a private key"
            value={form.certificateId}
            onChange={(id) => onChange({ ...form, certificateId: id, alg: null })}
            include={(entry) => entry.hasPrivateKey}
            size="xs"
          />
          <Select
            label="Algorithm"
            data={algorithms}
            value={form.alg && algorithms.includes(form.alg) ? form.alg : (algorithms[0] ?? null)}
            onChange={(value) => set('alg', value as SigningAlgorithm | null)}
            allowDeselect={false}
            disabled={!certificate}
            size="xs"
          />
        </Group>
      )}
      {form.signer === 'hmac' && (
        <Group grow align="flex-start">
          <HmacSecretFields
            label="Signing secret"
            secret={form.secret}
            encoding={form.encoding}
            onSecretChange={(secret) => set('secret', secret)}
            onEncodingChange={(encoding) => set('encoding', encoding)}
          />
          <Select
            label="HMAC algorithm"
            data={['HS256', 'HS384', 'HS512']}
            value={form.hmacAlg}
            onChange={(value) => value && set('hmacAlg', value as CraftForm['hmacAlg'])}
            allowDeselect={false}
            size="xs"
          />
        </Group>
      )}
      {form.signer === 'none' && (
        <Alert color="orange" p="xs">
          An unsigned token (alg none) must be rejected by every server. Use it to check that yours does.
        </Alert>
      )}
      <Group>
        <Button size="xs" leftSection={<IconSignature size={14} />} onClick={sign} loading={busy} disabled={!ready}>
          Sign token
        </Button>
        <Text size="xs" c="dimmed">
          Ctrl+Enter
        </Text>
      </Group>
      {error && (
        <Alert color="red" title="Cannot sign" role="alert">
          {error}
        </Alert>
      )}
      {signed && (
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              Signed token
            </Text>
            <CopyTextButton value={signed.token} label="Copy signed token" />
          </Group>
          <Textarea
            aria-label="Signed token"
            value={signed.token}
            readOnly
            autosize
            minRows={2}
            maxRows={6}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
          />
          <Text size="xs" c="dimmed" className="signet-mono">
            Header as signed: {JSON.stringify(signed.header)}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconZoomCode size={14} />}
              onClick={() => goTo('inspector', { token: signed.token })}
            >
              Open in Inspector
            </Button>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconSend size={14} />}
              onClick={() => goTo('request', { bearerToken: signed.token })}
            >
              Send as Bearer in a new request
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
