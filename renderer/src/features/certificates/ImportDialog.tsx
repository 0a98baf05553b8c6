/**
 * Import: choose or drop files; Signet detects the format, asks for a password when the file needs
 * one, lists what it found, and imports the chosen entries. Nothing typed is lost on an error.
 */
import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { FileUpload, ImportAnalysis, ImportCandidate } from '../../../../shared/contract/certificate-files';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import { isAppError } from '../../../../shared/errors';
import { api } from '../../bridge';
import { notifyError, notifySuccess } from '../../app/notify';
import { FilePicker } from './FilePicker';
import { describeIssue, inputIssues } from './input-errors';
import { formatDate, keyLabel } from './labels';
import { readUpload } from './read-upload';

interface Choice {
  import: boolean;
  label: string;
  name: string;
  exportable: boolean;
}

const PROMPTS = { password: 'Password', passphrase: 'Passphrase', 'store-password': 'Keystore password' } as const;

export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(records: CertificateRecord[]): void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [uploads, setUploads] = useState<FileUpload[]>([]);
  const [password, setPassword] = useState('');
  const [keyPassword, setKeyPassword] = useState('');
  const [analysis, setAnalysis] = useState<ImportAnalysis | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const secrets = () => ({ password: password || undefined, keyPassword: keyPassword || undefined });

  const analyze = async (next: FileUpload[]) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.certificates.analyzeImport({ files: next, ...secrets() });
      setAnalysis(result);
      if (result.status === 'ready') {
        setChoices(
          Object.fromEntries(
            result.candidates.map((candidate) => [
              candidate.ref,
              { import: true, label: candidate.suggestedLabel, name: candidate.suggestedName, exportable: candidate.hasPrivateKey },
            ]),
          ),
        );
      }
    } catch (failure) {
      show(failure);
    } finally {
      setBusy(false);
    }
  };

  const show = (failure: unknown) => {
    if (isAppError(failure) && failure.code !== 'INTERNAL') setError(failure.message);
    else notifyError(failure, 'Import');
  };

  const choose = async (chosen: File[]) => {
    setFiles(chosen);
    setAnalysis(null);
    setError(null);
    try {
      const read = await Promise.all(chosen.map(readUpload));
      setUploads(read);
      await analyze(read);
    } catch (failure) {
      setUploads([]);
      show(failure);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!analysis || analysis.status === 'needs-password') return analyze(uploads);
    const entries = analysis.candidates
      .filter((candidate) => choices[candidate.ref]?.import)
      .map((candidate) => ({ ref: candidate.ref, ...choices[candidate.ref]! }));
    if (entries.length === 0) return setError('Choose at least one entry to import.');
    setBusy(true);
    setError(null);
    try {
      const records = await api.certificates.importEntries({ files: uploads, ...secrets(), entries });
      notifySuccess(`Imported ${records.map((record) => record.label).join(', ')}.`);
      onImported(records);
    } catch (failure) {
      // "entries.1.name: …" → "Unique Name for ec_key: …", as the field is labelled.
      const issue = inputIssues(failure)[0];
      const [, index, key] = issue?.field.split('.') ?? [];
      const candidate = issue ? analysis.candidates.find((entry) => entry.ref === entries[Number(index)]?.ref) : undefined;
      if (issue && candidate) {
        setError(describeIssue(`${key === 'label' ? 'Label' : 'Unique Name'} for ${candidateTitle(candidate)}`, issue.message));
      } else show(failure);
    } finally {
      setBusy(false);
    }
  };

  const prompt = analysis?.status === 'needs-password' ? analysis.prompt : null;
  const askSecrets = prompt !== null || (analysis === null && error !== null && uploads.length > 0);
  const update = (ref: string, change: Partial<Choice>) =>
    setChoices((current) => ({ ...current, [ref]: { ...current[ref]!, ...change } }));

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Import" size="xl">
      <form onSubmit={submit} aria-label="Import certificates and keys">
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            PEM (certificates, PKCS#1 / PKCS#8 / SEC1 / encrypted keys), DER, PKCS#7 (.p7b), PKCS#12 / PFX, Java keystores (JKS), JWK and
            JWKS. A key and its certificate may be in one file or two.
          </Text>
          <FilePicker label="Choose files" multiple files={files} onFiles={(chosen) => void choose(chosen)} />
          {(askSecrets || analysis?.format === 'JKS') && (
            <SimpleGrid cols={2} spacing="xs">
              <PasswordInput
                label={prompt ? PROMPTS[prompt] : analysis?.format === 'JKS' ? 'Keystore password' : 'Password or passphrase'}
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                data-autofocus
              />
              {(prompt === 'store-password' || analysis?.format === 'JKS') && (
                <PasswordInput
                  label="Key password"
                  description="Only if it differs from the keystore password"
                  value={keyPassword}
                  onChange={(event) => setKeyPassword(event.currentTarget.value)}
                />
              )}
            </SimpleGrid>
          )}
          {analysis?.status === 'ready' && (
            <Stack gap={6} aria-label="Entries found">
              <Text size="sm">
                Found in the {analysis.format} file: {analysis.candidates.length} {analysis.candidates.length === 1 ? 'entry' : 'entries'}
                {analysis.candidates.length > 1 ? '. Choose which to import.' : '.'}
              </Text>
              {analysis.candidates.map((candidate) => (
                <CandidateRow
                  key={candidate.ref}
                  candidate={candidate}
                  choice={choices[candidate.ref]}
                  onChange={(change) => update(candidate.ref, change)}
                />
              ))}
            </Stack>
          )}
          {error && (
            <Alert color="red" role="alert" p="xs">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            {analysis?.status === 'ready' ? (
              <Button type="submit" loading={busy}>
                Import
              </Button>
            ) : (
              <Button type="submit" loading={busy} disabled={uploads.length === 0}>
                Continue
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CandidateRow({
  candidate,
  choice,
  onChange,
}: {
  candidate: ImportCandidate;
  choice?: Choice;
  onChange(change: Partial<Choice>): void;
}) {
  if (!choice) return null;
  const title = candidateTitle(candidate);
  return (
    <Paper withBorder p="xs">
      <Stack gap={4}>
        <Group gap="xs">
          <Checkbox
            label={`Import ${title}`}
            checked={choice.import}
            onChange={(event) => onChange({ import: event.currentTarget.checked })}
          />
          <Badge size="xs" variant="light">
            {keyLabel(candidate.keyAlgorithm)}
          </Badge>
          <Badge size="xs" variant="light" color={candidate.hasPrivateKey ? 'teal' : 'gray'}>
            {candidate.hasPrivateKey ? 'Private key' : candidate.hasCertificate ? 'Certificate only' : 'Public key only'}
          </Badge>
          {candidate.hasCertificate && (
            <Text size="xs" c="dimmed">
              {candidate.subject} · until {formatDate(candidate.notAfter)}
              {candidate.chainLength > 1 ? ` · chain of ${candidate.chainLength}` : ''}
            </Text>
          )}
        </Group>
        {candidate.warnings.map((warning) => (
          <Text key={warning} size="xs" c="orange" role="note">
            {warning}
          </Text>
        ))}
        {choice.import && (
          <Group gap="xs" grow>
            <TextInput
              size="xs"
              label={`Label for ${title}`}
              value={choice.label}
              onChange={(event) => onChange({ label: event.currentTarget.value })}
            />
            <TextInput
              size="xs"
              label={`Unique Name for ${title}`}
              value={choice.name}
              onChange={(event) => onChange({ name: event.currentTarget.value })}
            />
            {candidate.hasPrivateKey && (
              <Checkbox
                size="xs"
                mt="lg"
                label="Exportable Private Key"
                checked={choice.exportable}
                onChange={(event) => onChange({ exportable: event.currentTarget.checked })}
              />
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** How an entry is named in the dialog: its alias (or kid), else the label Signet suggests. */
function candidateTitle(candidate: ImportCandidate): string {
  return candidate.alias ?? candidate.suggestedLabel;
}
