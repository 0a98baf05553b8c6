/** The Certificates tab (Salesforce "Certificate and Key Management"): table, create, import, details, export. */
import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import { useIntent } from '../../app/navigation';
import { useCertificates } from '../../components/certificates';
import { CertificateDrawer } from './CertificateDrawer';
import { CertificateTable } from './CertificateTable';
import { CreateCertificateDialog, type CreateMode } from './CreateCertificateDialog';
import { useExport } from './ExportMenu';
import { ImportDialog } from './ImportDialog';

export function CertificatesTab() {
  const { certificates } = useCertificates();
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [creating, setCreating] = useState<CreateMode | null>(null);
  const [importing, setImporting] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const selection = certificates.filter((record) => selected.has(record.id));
  const bulkExport = useExport();
  const intent = useIntent('certificates');

  useEffect(() => {
    if (intent?.payload.certificateId) setOpenId(intent.payload.certificateId);
  }, [intent]);

  const open = certificates.find((record) => record.id === openId);
  // A Java keystore key entry needs the private key and a certificate: say which selected entries lack them.
  const notForKeystore = selection.filter((record) => !(record.exportable && record.hasCertificate));
  const exportableSelection = selection.length > 0 && notForKeystore.length === 0;

  return (
    <Stack gap="xs" p="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Certificates
        </Title>
        <Group gap="xs">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating('self-signed')}>
            Create Self-Signed Certificate
          </Button>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCreating('ca-signed')}>
            Create CA-Signed Certificate
          </Button>
          <Button size="xs" variant="light" leftSection={<IconFileImport size={14} />} onClick={() => setImporting(true)}>
            Import
          </Button>
        </Group>
      </Group>
      <Group gap="xs" justify="space-between">
        <TextInput
          size="xs"
          w={280}
          label="Filter certificates"
          placeholder="Label, name, type, key, subject"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
        />
        <Group gap="xs" align="flex-end">
          <Button size="xs" variant="default" disabled={selection.length === 0} onClick={() => bulkExport.start(selection, 'jwks')}>
            Export JWKS ({selection.length})
          </Button>
          <Button size="xs" variant="default" disabled={!exportableSelection} onClick={() => bulkExport.start(selection, 'jks')}>
            Export to Keystore ({selection.length})
          </Button>
        </Group>
      </Group>
      {notForKeystore.length > 0 && (
        <Text size="xs" c="dimmed" ta="right" role="note" aria-label="Why Export to Keystore is off">
          Export to Keystore needs exportable private keys with certificates:{' '}
          {notForKeystore.map((record) => `${record.label} (${keystoreBlocker(record)})`).join(', ')}.
        </Text>
      )}
      <CertificateTable certificates={certificates} filter={filter} selected={selected} onSelectedChange={setSelected} onOpen={setOpenId} />
      {creating && (
        <CreateCertificateDialog
          mode={creating}
          onClose={() => setCreating(null)}
          onCreated={(record) => {
            setCreating(null);
            setOpenId(record.id);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={(records) => {
            setImporting(false);
            if (records.length === 1) setOpenId(records[0]!.id);
          }}
        />
      )}
      {open && <CertificateDrawer record={open} onClose={() => setOpenId(null)} />}
      {bulkExport.dialog}
    </Stack>
  );
}

function keystoreBlocker(record: CertificateRecord): string {
  if (!record.hasPrivateKey) return 'no private key';
  if (!record.exportable) return 'private key not exportable';
  return 'no certificate yet';
}
