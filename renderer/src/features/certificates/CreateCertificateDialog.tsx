/**
 * Create Self-Signed / CA-Signed Certificate. Key generation runs in main off its event loop; the
 * dialog shows the phase and elapsed time, and Cancel stops the creation (nothing is stored).
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  NEW_KEY_ALGORITHMS,
  type CertificateRecord,
  type CreationPhase,
  type NewKeyAlgorithm,
} from '../../../../shared/contract/certificates';
import { isAppError } from '../../../../shared/errors';
import { toApiName } from '../../../../shared/names';
import { api, events } from '../../bridge';
import { notifyError, notifySuccess } from '../../app/notify';
import { describeIssue, inputIssues } from './input-errors';
import { keyLabel } from './labels';

export type CreateMode = 'self-signed' | 'ca-signed';

const PHASES: Record<CreationPhase, string> = {
  'generating-key': 'Generating the key pair',
  'building-certificate': 'Signing',
  saving: 'Saving',
};

const SUBJECT_FIELDS = [
  ['commonName', 'Common Name'],
  ['organization', 'Organization'],
  ['organizationalUnit', 'Org Unit'],
  ['locality', 'City'],
  ['state', 'State'],
  ['country', 'Country Code'],
  ['email', 'Email'],
] as const;
type SubjectKey = (typeof SUBJECT_FIELDS)[number][0];

/** The form's label for each field of the creation input. */
const FIELD_LABELS: Record<string, string> = {
  label: 'Label',
  name: 'Unique Name',
  keyAlgorithm: 'Key Type and Size',
  validityDays: 'Validity (days)',
  ...Object.fromEntries(SUBJECT_FIELDS.map(([key, fieldLabel]) => [`subject.${key}`, fieldLabel])),
};

const defaultValidity = (algorithm: string) => (algorithm === 'RSA-4096' ? 730 : 365);

export function CreateCertificateDialog({
  mode,
  onClose,
  onCreated,
}: {
  mode: CreateMode;
  onClose(): void;
  onCreated(record: CertificateRecord): void;
}) {
  const [label, setLabel] = useState('');
  const [name, setName] = useState('');
  const [nameEdited, setNameEdited] = useState(false);
  const [keyAlgorithm, setKeyAlgorithm] = useState<NewKeyAlgorithm>('RSA-2048');
  const [subject, setSubject] = useState<Record<SubjectKey, string>>({
    commonName: '',
    organization: '',
    organizationalUnit: '',
    locality: '',
    state: '',
    country: '',
    email: '',
  });
  const [validity, setValidity] = useState<number | string>(365);
  const [validityEdited, setValidityEdited] = useState(false);
  const [altNames, setAltNames] = useState('');
  const [exportable, setExportable] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<{ id: string; phase: CreationPhase; started: number } | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const jobRef = useRef(job);
  jobRef.current = job;

  useEffect(
    () =>
      events.on('certificates.progress', ({ jobId, phase }) =>
        setJob((current) => (current?.id === jobId ? { ...current, phase } : current)),
      ),
    [],
  );
  useEffect(() => {
    if (!job) return;
    const timer = setInterval(() => setElapsed(Date.now() - job.started), 100);
    return () => clearInterval(timer);
  }, [job]);

  const title = mode === 'self-signed' ? 'Create Self-Signed Certificate' : 'Create CA-Signed Certificate';

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (jobRef.current) return;
    const id = `create-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    setErrors({});
    setError(null);
    setElapsed(0);
    setJob({ id, phase: 'generating-key', started: Date.now() });
    const input = {
      label,
      name,
      keyAlgorithm,
      subject: Object.fromEntries(Object.entries(subject).filter(([, value]) => value.trim())),
      validityDays: mode === 'self-signed' && validity !== '' ? Number(validity) : undefined,
      exportable,
      subjectAltNames: altNames
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((value) => ({ type: /^[\d.]+$|:/.test(value) ? ('ip' as const) : ('dns' as const), value })),
      jobId: id,
    };
    try {
      const record = mode === 'self-signed' ? await api.certificates.createSelfSigned(input) : await api.certificates.createCaSigned(input);
      notifySuccess(
        mode === 'self-signed' ? `${record.label} was created.` : `${record.label} was created. Download its CSR and have your CA sign it.`,
      );
      onCreated(record);
    } catch (failure) {
      if (isAppError(failure, 'ABORTED')) setError(null);
      else if (isAppError(failure, 'BAD_INPUT') || isAppError(failure, 'CONFLICT')) {
        const fieldErrors: Record<string, string> = {};
        const issues = inputIssues(failure);
        for (const issue of issues) fieldErrors[issue.field] = issue.message;
        if (failure.details?.field === 'name') fieldErrors.name = failure.message;
        setErrors(fieldErrors);
        const first = issues[0];
        const altName = first?.field.startsWith('subjectAltNames') ? 'Subject Alternative Names' : undefined;
        setError(first ? describeIssue(FIELD_LABELS[first.field] ?? altName, first.message) : failure.message);
      } else if (isAppError(failure)) setError(failure.message);
      else notifyError(failure, title);
    } finally {
      setJob(null);
    }
  };

  const cancel = () => {
    if (job) void api.certificates.cancelCreate(job.id);
    else onClose();
  };

  const setSubjectField = (key: SubjectKey, value: string) => setSubject((current) => ({ ...current, [key]: value }));

  return (
    <Modal opened onClose={cancel} closeButtonProps={{ 'aria-label': 'Close' }} title={title} size="lg" closeOnClickOutside={!job}>
      <form
        onSubmit={submit}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
        }}
        aria-label={title}
      >
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              label="Label"
              value={label}
              error={errors.label}
              data-autofocus
              onChange={(event) => {
                const value = event.currentTarget.value;
                setLabel(value);
                if (!nameEdited) setName(toApiName(value));
              }}
            />
            <TextInput
              label="Unique Name"
              value={name}
              error={errors.name}
              description="Letters, digits and underscores"
              onChange={(event) => {
                setName(event.currentTarget.value);
                setNameEdited(true);
              }}
            />
            <NativeSelect
              label="Key Type and Size"
              value={keyAlgorithm}
              data={NEW_KEY_ALGORITHMS.map((value) => ({ value, label: keyLabel(value) }))}
              onChange={(event) => {
                const next = event.currentTarget.value as NewKeyAlgorithm;
                setKeyAlgorithm(next);
                if (!validityEdited) setValidity(defaultValidity(next));
              }}
            />
            {mode === 'self-signed' ? (
              <NumberInput
                label="Validity (days)"
                min={1}
                max={3650}
                value={validity}
                error={errors.validityDays}
                onChange={(value) => {
                  setValidity(value);
                  setValidityEdited(true);
                }}
              />
            ) : (
              <div />
            )}
            {SUBJECT_FIELDS.map(([key, fieldLabel]) => (
              <TextInput
                key={key}
                label={fieldLabel}
                value={subject[key]}
                error={errors[`subject.${key}`]}
                placeholder={key === 'commonName' ? name || 'Defaults to the Unique Name' : undefined}
                onChange={(event) => setSubjectField(key, event.currentTarget.value)}
              />
            ))}
          </SimpleGrid>
          {mode === 'self-signed' && (
            <TextInput
              label="Subject Alternative Names"
              description="DNS names or IP addresses, separated by commas (for TLS use)"
              value={altNames}
              error={Object.entries(errors).find(([key]) => key.startsWith('subjectAltNames'))?.[1]}
              onChange={(event) => setAltNames(event.currentTarget.value)}
            />
          )}
          <Checkbox
            label="Exportable Private Key"
            description="Allow exporting the private key (PKCS#12, PKCS#8, Java keystore). Cannot be changed later."
            checked={exportable}
            onChange={(event) => setExportable(event.currentTarget.checked)}
          />
          {job && (
            <Stack gap={4} role="status" aria-label="Creation progress">
              <Text size="sm">
                {PHASES[job.phase]} ({keyLabel(keyAlgorithm)}) — {(elapsed / 1000).toFixed(1)} s
              </Text>
              <Progress value={100} animated striped aria-label="Working" />
            </Stack>
          )}
          {error && (
            <Alert color="red" role="alert" p="xs">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={cancel}>
              Cancel
            </Button>
            <Button type="submit" loading={!!job}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
