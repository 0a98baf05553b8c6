/** The profile editor: sections with Salesforce's labels, Save (Ctrl+S), Preview Token (Ctrl+Enter), Duplicate, Delete, token cache. */
import { Alert, Badge, Button, Fieldset, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { IconCopy, IconDeviceFloppy, IconKey, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import type { NamedCredentialView } from '../../../../shared/contract/credentials';
import { signsJwt } from '../../../../shared/credentials/checks';
import { PROTOCOL_LABELS } from '../../../../shared/credentials/profile';
import { isAppError } from '../../../../shared/errors';
import { notifyError, notifySuccess } from '../../app/notify';
import { api } from '../../bridge';
import { AuthenticationFields, EndpointFields } from './AuthFields';
import { CalloutFields } from './CalloutFields';
import { draftOf, formProblems, secretsInput, type FormState } from './form';
import { JwtFields } from './JwtFields';
import { PreviewTokenDialog, usePreview } from './PreviewToken';
import type { SectionProps } from './section';
import { TokenCachePanel, useTokenCache } from './TokenCachePanel';

export interface ProfileEditorProps {
  saved: NamedCredentialView | null;
  form: FormState;
  onChange(form: FormState): void;
  dirty: boolean;
  /** Runs an action that replaces the form, after asking when there are unsaved changes. */
  guard(run: () => void): void;
  certificates: CertificateRecord[];
  onSaved(profile: NamedCredentialView): void;
  onDuplicated(profile: NamedCredentialView): void;
  onDeleted(): void;
}

export function ProfileEditor({ saved, form, onChange, dirty, guard, certificates, onSaved, onDuplicated, onDeleted }: ProfileEditorProps) {
  const [submitted, setSubmitted] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [previewOpen, setPreviewOpen] = useState(false);
  const cache = useTokenCache(saved?.id ?? null);
  const preview = usePreview(() => void cache.reload());

  const problems = formProblems(form, saved, certificates);
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  const props: SectionProps = {
    form,
    update: (change) => onChange(change(form)),
    problems,
    // A stored profile shows its errors at once (e.g. a deleted certificate); a new one after the first Save.
    showErrors: submitted || saved !== null,
    saved,
    certificates,
  };
  const { fields } = form;

  const save = async () => {
    setSubmitted(true);
    setSaveError(null);
    if (errors.length > 0) return;
    setSaving(true);
    try {
      const input = { profile: draftOf(form), secrets: secretsInput(form) };
      const view = saved ? await api.credentials.update({ id: saved.id, ...input }) : await api.credentials.create(input);
      setSubmitted(false);
      notifySuccess(`${view.label} saved.`);
      onSaved(view);
    } catch (error) {
      // The form stays as typed; the message says what to fix.
      if (isAppError(error) && (error.code === 'BAD_INPUT' || error.code === 'CONFLICT' || error.code === 'VAULT_LOCKED'))
        setSaveError(error.message);
      else notifyError(error, 'Saving the named credential');
    } finally {
      setSaving(false);
    }
  };

  const runPreview = () => {
    if (!saved) return;
    setPreviewOpen(true);
    void preview.run(saved.id, dirty ? draftOf(form) : undefined);
  };

  const duplicate = async () => {
    if (!saved) return;
    try {
      onDuplicated(await api.credentials.duplicate(saved.id));
    } catch (error) {
      notifyError(error, 'Duplicating');
    }
  };

  const remove = async () => {
    if (!saved) return;
    try {
      await api.credentials.remove(saved.id);
      setConfirmDelete(false);
      notifySuccess(`${saved.label} deleted.`);
      onDeleted();
    } catch (error) {
      notifyError(error, 'Deleting');
    }
  };

  return (
    <form
      aria-label="Named credential editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
          event.preventDefault();
          void save();
        } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
          event.preventDefault();
          runPreview();
        }
      }}
    >
      <Stack gap="sm" p="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={3} size="h5">
              {saved ? saved.label : 'New named credential'}
            </Title>
            <Badge variant="light" size="sm">
              {PROTOCOL_LABELS[fields.protocol]}
            </Badge>
            {dirty && (
              <Badge color="orange" variant="light" size="sm">
                Unsaved changes
              </Badge>
            )}
          </Group>
          <Group gap={6}>
            <Button size="xs" type="submit" leftSection={<IconDeviceFloppy size={14} />} loading={saving}>
              Save
            </Button>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconKey size={14} />}
              disabled={!saved}
              onClick={runPreview}
              title={saved ? 'Ctrl+Enter' : 'Save first'}
            >
              Preview Token
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconCopy size={14} />}
              disabled={!saved}
              onClick={() => guard(() => void duplicate())}
            >
              Duplicate
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              disabled={!saved}
              onClick={() => setConfirmDelete(true)}
            >
              Delete
            </Button>
          </Group>
        </Group>
        {submitted && errors.length > 0 && (
          <Alert
            color="red"
            role="alert"
            p="xs"
            title={`Fix ${errors.length === 1 ? 'this' : `these ${errors.length} things`} before saving`}
          >
            {errors.map((problem) => (
              <Text key={`${problem.field}:${problem.message}`} size="xs">
                {problem.message}
              </Text>
            ))}
          </Alert>
        )}
        {saveError && (
          <Alert color="red" role="alert" p="xs" title="Not saved">
            {saveError}
          </Alert>
        )}
        {warnings.length > 0 && (
          <Alert color="yellow" p="xs" aria-label="Warnings">
            {warnings.map((problem) => (
              <Text key={`${problem.field}:${problem.message}`} size="xs">
                {problem.message}
              </Text>
            ))}
          </Alert>
        )}
        <Fieldset legend="Endpoint" variant="filled">
          <EndpointFields {...props} />
        </Fieldset>
        <Fieldset legend="Authentication" variant="filled">
          <AuthenticationFields {...props} />
        </Fieldset>
        {signsJwt(fields) && (
          <Fieldset legend="JWT Settings" variant="filled">
            <JwtFields {...props} />
          </Fieldset>
        )}
        <Fieldset legend="Callout Options" variant="filled">
          <CalloutFields {...props} />
        </Fieldset>
        {saved && (fields.protocol === 'jwt' || fields.protocol === 'jwt-exchange' || fields.protocol === 'client-credentials') && (
          <Fieldset legend="Token Cache" variant="filled">
            <TokenCachePanel id={saved.id} cache={cache} />
          </Fieldset>
        )}
      </Stack>
      {saved && (
        <PreviewTokenDialog
          preview={preview}
          opened={previewOpen}
          draft={dirty}
          onClose={() => setPreviewOpen(false)}
          onRun={() => void preview.run(saved.id, dirty ? draftOf(form) : undefined)}
        />
      )}
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={`Delete ${saved?.label ?? ''}?`}>
        <Stack gap="sm">
          <Text size="sm">
            The profile and its secrets in the vault are deleted. Requests that use callout:{saved?.name} will stop working.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void remove()}>
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
