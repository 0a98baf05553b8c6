/** Paste a cURL command into a new request; export the open request as cURL (token only on request) or Apex. */
import { Alert, Button, Checkbox, Code, Group, List, Modal, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { SentRequest } from '../../../../shared/contract/http';
import { exportApex } from '../../../../shared/request/apex-export';
import { exportCurl } from '../../../../shared/request/curl-export';
import { importCurl, type CurlImport } from '../../../../shared/request/curl-import';
import { CopyValue } from '../../components/CopyValue';
import { toSpec, type RequestDraft } from './model';

/**
 * Imports on Import. When the command had options Signet could not apply (client certificates,
 * files, unknown options) the dialog stays open and lists them before the user goes to the request.
 */
export function CurlImportDialog({ opened, onClose, onImport }: { opened: boolean; onClose(): void; onImport(result: CurlImport): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[] | null>(null);
  const close = () => {
    setNotes(null);
    onClose();
  };
  const submit = () => {
    try {
      const imported = importCurl(text);
      onImport(imported);
      setText('');
      setError(null);
      if (imported.notes.length) setNotes(imported.notes);
      else close();
    } catch (failure) {
      setError(`${(failure as Error).message} Check the command and paste it again.`);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title="Import cURL" size="lg">
      {notes ? (
        <Stack gap="xs">
          <Alert color="yellow" p="xs" title="Imported, with notes">
            <List size="sm" spacing={4}>
              {notes.map((note, index) => (
                <List.Item key={index}>{note}</List.Item>
              ))}
            </List>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>Open request</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="xs">
          <Textarea
            label="cURL command"
            autosize
            minRows={4}
            maxRows={12}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            spellCheck={false}
          />
          {error && (
            <Alert color="red" role="alert" p="xs">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={submit} disabled={!text.trim()}>
              Import
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

export function ExportDialog({
  opened,
  onClose,
  draft,
  sent,
  changedSinceSend = false,
}: {
  opened: boolean;
  onClose(): void;
  draft: RequestDraft;
  /** The first hop of the last send, while the draft is still the one sent. */
  sent?: SentRequest;
  /** There was a send, but the request was edited since: export shows the edited request. */
  changedSinceSend?: boolean;
}) {
  const [format, setFormat] = useState<'curl' | 'apex'>('curl');
  const [includeToken, setIncludeToken] = useState(false);
  const spec = toSpec(draft);
  const text = format === 'apex' ? exportApex(spec) : exportCurl(spec, { sent, includeToken });
  return (
    <Modal opened={opened} onClose={onClose} title="Export request" size="xl">
      <Stack gap="xs">
        <SegmentedControl
          aria-label="Export format"
          value={format}
          onChange={(value) => setFormat(value as 'curl' | 'apex')}
          data={[
            { value: 'curl', label: 'cURL' },
            { value: 'apex', label: 'Apex' },
          ]}
          w="fit-content"
        />
        {format === 'curl' && (
          <Checkbox
            label={
              sent
                ? 'Include the token as sent'
                : changedSinceSend
                  ? 'Include the token (the request changed since it was sent: send it again to export exactly what goes out)'
                  : 'Include the token (send the request first to export exactly what was sent)'
            }
            checked={includeToken}
            onChange={(e) => setIncludeToken(e.currentTarget.checked)}
          />
        )}
        <Code block aria-label="Exported code" style={{ whiteSpace: 'pre-wrap', fontSize: 11 }}>
          {text}
        </Code>
        <CopyValue label="exported code" value={text} />
      </Stack>
    </Modal>
  );
}
