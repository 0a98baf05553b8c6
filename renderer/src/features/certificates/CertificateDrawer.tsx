/** Details of one entry: every identifying value with a copy button, the chain, and the entry's actions. */
import { Alert, Badge, Button, Code, CopyButton, Divider, Drawer, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CertificateDetails, CertificateRecord } from '../../../../shared/contract/certificates';
import { isAppError } from '../../../../shared/errors';
import { api } from '../../bridge';
import { CopyValue } from '../../components/CopyValue';
import { notifyError, notifySuccess } from '../../app/notify';
import { Expiry } from './CertificateTable';
import { ExportMenu, useExport } from './ExportMenu';
import { inputIssues } from './input-errors';
import { formatDate, keyLabel, typeLabel } from './labels';
import { UploadSignedDialog } from './UploadSignedDialog';

export function CertificateDrawer({ record, onClose }: { record: CertificateRecord; onClose(): void }) {
  const [details, setDetails] = useState<CertificateDetails | null>(null);
  const [uploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const csrExport = useExport();

  useEffect(() => {
    let live = true;
    api.certificates.details(record.id).then(
      (value) => live && setDetails(value),
      (error: unknown) => notifyError(error, 'Loading details'),
    );
    return () => {
      live = false;
    };
  }, [record]);

  const awaiting = record.status === 'awaiting-signed-cert';
  const facts: [string, string][] = [
    ['Unique Name', record.name],
    ['Type', typeLabel(record)],
    ['Key', keyLabel(record.keyAlgorithm)],
    ['Subject', record.subject],
  ];
  if (record.hasCertificate) {
    facts.push(
      ['Issuer', record.issuer],
      ['Serial number', record.serial],
      ['Valid from', record.notBefore],
      ['Valid until', record.notAfter],
      ['Signature algorithm', details?.signatureAlgorithm ?? ''],
      ['Subject Alternative Names', details?.subjectAltNames.join(', ') ?? ''],
      ['Key usages', [...(details?.keyUsages ?? []), ...(details?.extendedKeyUsages ?? [])].join(', ')],
      ['SHA-1 fingerprint', record.fingerprints.sha1],
      ['SHA-256 fingerprint', record.fingerprints.sha256],
      ['x5t', record.x5t],
      ['x5t#S256', record['x5t#S256']],
    );
  }
  facts.push(['JWK thumbprint (kid)', record.jwkThumbprint]);

  return (
    <Drawer
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close details' }}
      position="right"
      size="xl"
      title={<Title order={3}>{record.label}</Title>}
    >
      <Stack gap="sm">
        <Group gap="xs">
          <Badge variant="light">{typeLabel(record)}</Badge>
          {awaiting && <Badge color="orange">Awaiting signed certificate</Badge>}
          {record.hasCertificate && <Expiry record={record} />}
          {!record.exportable && record.hasPrivateKey && <Badge color="gray">Private key not exportable</Badge>}
        </Group>
        {record.warnings.map((warning) => (
          <Alert key={warning} color="yellow" p="xs">
            {warning}
          </Alert>
        ))}
        <Group gap="xs">
          {awaiting && (
            <>
              <Button size="xs" onClick={() => setUploading(true)}>
                Upload Signed Certificate
              </Button>
              <Button size="xs" variant="light" onClick={() => csrExport.start([record], 'csr')}>
                Download CSR
              </Button>
            </>
          )}
          <ExportMenu record={record} />
          <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </Group>
        <RenameForm record={record} />
        <Table verticalSpacing={2} fz="xs" aria-label="Certificate facts">
          <Table.Tbody>
            {facts.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={170} fw={500}>
                  {label}
                </Table.Th>
                <Table.Td>
                  <CopyValue
                    label={label}
                    value={label.startsWith('Valid') ? value && `${formatDate(value)} ${value.slice(11, 19)} UTC` : value}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {details && details.chain.length > 1 && (
          <>
            <Divider label="Chain" labelPosition="left" />
            <Stack gap={4} aria-label="Chain">
              {details.chain.map((entry, index) => (
                <Text key={entry.sha256} size="xs">
                  {index + 1}. {entry.subject}{' '}
                  <Text span c="dimmed" size="xs">
                    issued by {entry.issuer}, until {formatDate(entry.notAfter)}
                  </Text>
                </Text>
              ))}
            </Stack>
          </>
        )}
        {awaiting && record.csrPem && <PemBlock label="Certificate signing request (PEM)" pem={record.csrPem} />}
        {record.hasCertificate && (
          <PemBlock label="Certificate (PEM)" pem={record.chainPem.split(/(?<=-----END CERTIFICATE-----\n?)/)[0] ?? ''} />
        )}
        <PemBlock label="Public key (PEM)" pem={record.publicKeyPem} />
        {details && <PemBlock label="Public key (JWK)" pem={JSON.stringify(details.publicJwk, null, 2)} />}
      </Stack>
      {uploading && <UploadSignedDialog record={record} onClose={() => setUploading(false)} />}
      {deleting && <DeleteDialog record={record} onClose={() => setDeleting(false)} onDeleted={onClose} />}
      {csrExport.dialog}
    </Drawer>
  );
}

function PemBlock({ label, pem }: { label: string; pem: string }) {
  return (
    <Stack gap={2}>
      <Group justify="space-between">
        <Text size="xs" fw={600}>
          {label}
        </Text>
        <CopyButton value={pem} timeout={1500}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`Copy ${label}`}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      {/* Focusable so that a keyboard can scroll it (it scrolls past 180 px). */}
      <Code block style={{ fontSize: 10, maxHeight: 180, overflow: 'auto' }} aria-label={label} tabIndex={0}>
        {pem}
      </Code>
    </Stack>
  );
}

function RenameForm({ record }: { record: CertificateRecord }) {
  const [label, setLabel] = useState(record.label);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setLabel(record.label), [record.label]);
  const save = async () => {
    try {
      await api.certificates.rename({ id: record.id, label });
      setError(null);
      notifySuccess('Label saved.');
    } catch (failure) {
      if (isAppError(failure, 'BAD_INPUT')) setError(inputIssues(failure)[0]?.message ?? failure.message);
      else notifyError(failure, 'Renaming');
    }
  };
  return (
    <Group gap="xs" align="flex-end">
      <TextInput
        size="xs"
        label="Label"
        value={label}
        error={error}
        onChange={(event) => setLabel(event.currentTarget.value)}
        style={{ flex: 1 }}
      />
      <Button size="xs" variant="default" disabled={label === record.label} onClick={() => void save()}>
        Rename
      </Button>
    </Group>
  );
}

function DeleteDialog({ record, onClose, onDeleted }: { record: CertificateRecord; onClose(): void; onDeleted(): void }) {
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    try {
      await api.certificates.delete(record.id);
      notifySuccess(`${record.label} was deleted.`);
      onClose();
      onDeleted();
    } catch (failure) {
      if (isAppError(failure, 'CONFLICT') || isAppError(failure, 'NOT_FOUND')) setError(failure.message);
      else notifyError(failure, 'Deleting');
    }
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Delete ${record.label}?`}>
      <Stack gap="xs">
        <Text size="sm">
          The certificate {record.hasPrivateKey ? 'and its private key are' : 'is'} removed from Signet. This cannot be undone
          {record.exportable ? ' — export it first if you need it again.' : '.'}
        </Text>
        {error && (
          <Alert color="red" role="alert" p="xs">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void remove()}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
