/**
 * "Import Postman collection": a v2.1 collection from a file or pasted, saved into Collections,
 * its variables into a new environment, JWT Bearer auth into named credentials; then a summary of
 * what was created and what is left to complete. Bad input keeps the text and says why.
 */
import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { importPostman } from '../../../../shared/request/postman-import';
import { useNavigation } from '../../app/navigation';
import { FilePicker } from '../certificates/FilePicker';
import { savePostmanImport, type PostmanSaveSummary } from './postman-save';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function PostmanImportDialog({ onClose, onImported }: { onClose(): void; onImported(summary: PostmanSaveSummary): void }) {
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<PostmanSaveSummary | null>(null);

  const choose = async (files: File[]) => {
    const chosen = files[0] ?? null;
    setFile(chosen);
    setError(null);
    if (chosen) setText(await chosen.text());
  };

  const run = async () => {
    let parsed;
    try {
      parsed = importPostman(text);
    } catch (failure) {
      setError((failure as Error).message);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await savePostmanImport(parsed);
      setSummary(result);
      onImported(result);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Import Postman collection" size="xl">
      {summary ? (
        <ImportSummary summary={summary} onClose={onClose} />
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Export the collection from Postman as Collection v2.1, then choose the file or paste its JSON. Folders and requests go to
            Collections, collection variables to a new environment, JWT Bearer auth to named credentials.
          </Text>
          <FilePicker label="Choose collection file" files={file ? [file] : []} onFiles={(files) => void choose(files)} />
          <Textarea
            label="Collection JSON"
            autosize
            minRows={6}
            maxRows={14}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setError(null);
            }}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
          />
          {error && (
            <Alert color="red" role="alert" p="xs" title="Not imported">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void run()} disabled={!text.trim()} loading={busy}>
              Import collection
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function ImportSummary({ summary, onClose }: { summary: PostmanSaveSummary; onClose(): void }) {
  const { goTo } = useNavigation();
  const created = summary.credentials.filter((credential) => credential.created);
  const incomplete = summary.credentials.filter((credential) => !credential.created);
  return (
    <Stack gap="xs" role="region" aria-label="Import summary">
      {summary.failure && (
        <Alert color="red" role="alert" p="xs" title="The import stopped part way">
          {summary.failure} What is listed below was saved.
        </Alert>
      )}
      <List size="sm" spacing={4}>
        <List.Item>
          Collections: folder “{summary.rootFolder}” with {plural(summary.folders, 'subfolder')} and {plural(summary.requests, 'request')}.
        </List.Item>
        <List.Item>
          {summary.environment
            ? `Environment “${summary.environment.name}” with ${plural(summary.environment.variables, 'variable')} (not active: choose it to use it).`
            : 'No collection variables, so no environment was created.'}
        </List.Item>
        {created.length > 0 && <List.Item>Named credentials created: {created.map((credential) => credential.name).join(', ')}.</List.Item>}
      </List>
      {incomplete.map((credential) => (
        <Alert key={credential.name} color="orange" p="xs" title={`Named credential ${credential.name} needs completing`}>
          <Stack gap={4}>
            <Text size="sm">{credential.problem} The requests that use it refer to it by this name.</Text>
            {credential.notes.map((note) => (
              <Text key={note} size="xs">
                {note}
              </Text>
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  onClose();
                  goTo('credentials', { draft: credential.draft });
                }}
              >
                Complete {credential.name} in Named Credentials
              </Button>
            </Group>
          </Stack>
        </Alert>
      ))}
      {created.flatMap((credential) => credential.notes).length > 0 && (
        <List size="xs" aria-label="Credential notes">
          {created.flatMap((credential) =>
            credential.notes.map((note) => <List.Item key={`${credential.name}${note}`}>{`${credential.name}: ${note}`}</List.Item>),
          )}
        </List>
      )}
      {summary.notes.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            To check
          </Text>
          <List size="xs" aria-label="Import notes">
            {summary.notes.map((note, index) => (
              <List.Item key={index}>{note}</List.Item>
            ))}
          </List>
        </>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
