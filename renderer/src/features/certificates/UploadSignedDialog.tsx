/** Upload Signed Certificate: a PEM, DER or PKCS#7 file (or pasted PEM), one certificate or a chain in any order. */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import { isAppError } from '../../../../shared/errors';
import { api } from '../../bridge';
import { notifyError, notifySuccess } from '../../app/notify';
import { FilePicker } from './FilePicker';
import { readUpload, textUpload } from './read-upload';

export function UploadSignedDialog({ record, onClose }: { record: CertificateRecord; onClose(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    setError(null);
    if (!file && !pasted.trim()) return setError('Choose the signed certificate file, or paste it as PEM.');
    setBusy(true);
    try {
      const upload = file ? await readUpload(file) : textUpload(pasted);
      const active = await api.certificates.uploadSigned({ id: record.id, file: upload });
      notifySuccess(`${active.label} is now active.`);
      onClose();
    } catch (failure) {
      if (isAppError(failure) && failure.code !== 'INTERNAL') setError(failure.message);
      else notifyError(failure, 'Uploading the signed certificate');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Upload Signed Certificate" size="lg">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          The certificate your CA issued for {record.label}’s CSR, as PEM, DER or a PKCS#7 bundle (.p7b) — alone or with its chain, in any
          order.
        </Text>
        <FilePicker label="Choose certificate file" files={file ? [file] : []} onFiles={(files) => setFile(files[0] ?? null)} />
        <Textarea
          label="Or paste the certificate (PEM)"
          autosize
          minRows={3}
          maxRows={10}
          value={pasted}
          onChange={(event) => setPasted(event.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
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
          <Button onClick={() => void upload()} loading={busy}>
            Upload
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
