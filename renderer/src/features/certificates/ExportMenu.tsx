/** Export of one entry (or a selection): public formats at once, private formats after a password. */
import { Alert, Button, Group, Menu, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { exportFileName, PRIVATE_EXPORT_FORMATS, type ExportFormat } from '../../../../shared/contract/certificate-files';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import { isAppError } from '../../../../shared/errors';
import { api } from '../../bridge';
import { useSaveFile } from '../../components/SaveFile';
import { keyLabel } from './labels';

const FORMAT_LABELS: Record<ExportFormat, string> = {
  'certificate-pem': 'Certificate (PEM)',
  'certificate-der': 'Certificate (DER)',
  'chain-pem': 'Certificate chain (PEM)',
  'public-key-pem': 'Public key (PEM)',
  'public-key-jwk': 'Public key (JWK)',
  jwks: 'JWKS',
  csr: 'Certificate signing request (CSR)',
  pkcs12: 'PKCS#12 with private key…',
  'pkcs8-encrypted': 'Encrypted private key (PKCS#8 PEM)…',
  jks: 'Java keystore (JKS)…',
};

/** Starts an export; private formats ask for a password first. */
export function useExport() {
  const saveFile = useSaveFile();
  const [asking, setAsking] = useState<{ records: CertificateRecord[]; format: ExportFormat } | null>(null);
  const run = async (records: CertificateRecord[], format: ExportFormat, password?: string) =>
    saveFile({
      title: `Export ${FORMAT_LABELS[format].replace('…', '')}`,
      suggestedName: exportFileName(
        records.map((record) => record.name),
        format,
      ),
      save: (destination) => api.certificates.export({ ids: records.map((record) => record.id), format, password, destination }),
    });
  const start = (records: CertificateRecord[], format: ExportFormat) => {
    if (PRIVATE_EXPORT_FORMATS.includes(format)) setAsking({ records, format });
    else void run(records, format);
  };
  const dialog = asking && (
    <ExportPasswordDialog
      format={asking.format}
      records={asking.records}
      onClose={() => setAsking(null)}
      onSubmit={async (password) => {
        setAsking(null);
        await run(asking.records, asking.format, password);
      }}
    />
  );
  return { start, dialog };
}

export function ExportMenu({ record }: { record: CertificateRecord }) {
  const { start, dialog } = useExport();
  const formats: ExportFormat[] = [];
  if (record.hasCertificate) formats.push('certificate-pem', 'certificate-der', 'chain-pem');
  formats.push('public-key-pem', 'public-key-jwk');
  if (record.csrPem) formats.push('csr');
  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="light" leftSection={<IconDownload size={14} />}>
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {formats.map((format) => (
            <Menu.Item key={format} onClick={() => start([record], format)}>
              {FORMAT_LABELS[format]}
            </Menu.Item>
          ))}
          {record.hasPrivateKey && (
            <>
              <Menu.Divider />
              <Menu.Label>{record.exportable ? 'With the private key' : 'Private key not exportable'}</Menu.Label>
              {PRIVATE_EXPORT_FORMATS.map((format) => (
                <Menu.Item
                  key={format}
                  disabled={!record.exportable || (format === 'jks' && !record.hasCertificate)}
                  onClick={() => start([record], format)}
                >
                  {FORMAT_LABELS[format]}
                </Menu.Item>
              ))}
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {dialog}
    </>
  );
}

function ExportPasswordDialog({
  format,
  records,
  onClose,
  onSubmit,
}: {
  format: ExportFormat;
  records: CertificateRecord[];
  onClose(): void;
  onSubmit(password: string): Promise<void>;
}) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 6) return setError('Use at least 6 characters (keytool refuses shorter keystore passwords).');
    if (password !== confirmation) return setError('The two passwords do not match. Type the same password twice.');
    try {
      await onSubmit(password);
    } catch (failure) {
      setError(isAppError(failure) ? failure.message : String(failure));
    }
  };
  const title = `Export ${FORMAT_LABELS[format].replace('…', '')}`;
  // Salesforce's Import from Keystore refuses other keys ("The key is not an RSA key", "Imported keys must have a bit size of 2048, 3072, or 4096").
  const refusedBySalesforce =
    format === 'jks' ? records.filter((record) => !['RSA-2048', 'RSA-3072', 'RSA-4096'].includes(record.keyAlgorithm)) : [];
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={title}>
      <form onSubmit={submit} aria-label={title}>
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {format === 'jks'
              ? `The keystore holds ${records.map((record) => record.name.toLowerCase()).join(', ')} (alias = Unique Name), as Salesforce's Import from Keystore expects.`
              : 'The file will hold the private key, encrypted with this password.'}
          </Text>
          {refusedBySalesforce.length > 0 && (
            <Alert color="yellow" p="xs" role="note">
              Salesforce&apos;s Import from Keystore accepts only RSA keys of 2048, 3072 or 4096 bits, so it would refuse{' '}
              {refusedBySalesforce.map((record) => `${record.name.toLowerCase()} (${keyLabel(record.keyAlgorithm)})`).join(', ')}. Java
              tools and keytool read them.
            </Alert>
          )}
          <PasswordInput
            label="Export password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            data-autofocus
          />
          <PasswordInput
            label="Confirm export password"
            value={confirmation}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
          />
          {error && (
            <Alert color="red" role="alert" p="xs">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Export</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
