/**
 * The Named Credentials tab: profile list with search on the left, the editor on the right.
 * Unsaved changes are never lost: switching profile asks first, and the form survives leaving the
 * tab or locking the vault (it is kept outside the component).
 */
import { Box, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useIntent } from '../../app/navigation';
import { useCertificates } from '../../components/certificates';
import { formFromDraft, formFromProfile, isDirty, newForm, type FormState } from './form';
import { ImportExportMenu } from './ImportExport';
import { ProfileEditor } from './ProfileEditor';
import { ProfileList } from './ProfileList';
import { useCredentials } from './useCredentials';

interface Session {
  /** The profile open in the editor (null: a new, unsaved one). */
  selectedId: string | null;
  form: FormState | null;
  /** The form as last loaded or saved, to tell whether there are unsaved changes. */
  initial: FormState | null;
}

/** Survives unmounting (vault lock, reload of the tab) for the lifetime of the page. */
let remembered: Session = { selectedId: null, form: null, initial: null };

let handledIntent: number | undefined;

function sessionDirty(session: Session): boolean {
  return !!session.form && !!session.initial && isDirty(session.form, session.initial);
}

type Pending =
  | { kind: 'select'; id: string }
  | { kind: 'new' }
  | { kind: 'draft'; form: FormState; initial: FormState }
  /** An editor action that replaces the form (Duplicate copies the saved profile). */
  | { kind: 'action'; run: () => void };

export function CredentialsTab() {
  const { profiles, reload } = useCredentials();
  const { certificates } = useCertificates();
  const [session, setSessionState] = useState<Session>(remembered);
  const [query, setQuery] = useState('');
  const [checked, setChecked] = useState<string[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const intent = useIntent('credentials');

  const setSession = (next: Session) => {
    remembered = next;
    setSessionState(next);
  };
  const saved = session.selectedId ? (profiles.find((profile) => profile.id === session.selectedId) ?? null) : null;
  const dirty = sessionDirty(session);

  const open = (target: Pending) => {
    if (target.kind === 'action') {
      target.run();
      return;
    }
    if (target.kind === 'draft') {
      setSession({ selectedId: null, form: target.form, initial: target.initial });
      return;
    }
    if (target.kind === 'new') {
      const form = newForm(profiles.map((profile) => profile.name));
      setSession({ selectedId: null, form, initial: form });
      return;
    }
    const profile = profiles.find((entry) => entry.id === target.id);
    if (!profile) return;
    const form = formFromProfile(profile);
    setSession({ selectedId: profile.id, form, initial: form });
  };

  const request = (target: Pending) => {
    if (target.kind === 'select' && target.id === session.selectedId) return;
    if (dirty) setPending(target);
    else open(target);
  };

  // Another tab asked to open a profile ("Edit credential"): handled once per hand-off.
  const intentId = intent?.payload.credentialId;
  const intentSeq = intent?.seq;
  useEffect(() => {
    if (!intentId || intentSeq === undefined || handledIntent === intentSeq) return;
    const profile = profiles.find((entry) => entry.id === intentId);
    if (!profile) return;
    handledIntent = intentSeq;
    if (remembered.selectedId === intentId) return;
    if (sessionDirty(remembered)) {
      setPending({ kind: 'select', id: intentId });
    } else {
      const form = formFromProfile(profile);
      remembered = { selectedId: profile.id, form, initial: form };
      setSessionState(remembered);
    }
  }, [intentId, intentSeq, profiles]);

  // Another tab handed over a profile to complete ("Create named credential", Postman import): a
  // new form filled from it, unsaved (compared with a blank one, so it shows as changed).
  const draft = intent?.payload.draft;
  useEffect(() => {
    if (!draft || intentSeq === undefined || handledIntent === intentSeq) return;
    handledIntent = intentSeq;
    const names = profiles.map((profile) => profile.name);
    const form = formFromDraft(draft, names);
    if (sessionDirty(remembered)) setPending({ kind: 'draft', form, initial: newForm(names) });
    else setSession({ selectedId: null, form, initial: newForm(names) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per hand-off
  }, [draft, intentSeq]);

  // The open profile was deleted elsewhere (or by import overwrite): keep the form, mark it new.
  const selectedMissing = session.selectedId !== null && profiles.length > 0 && !saved;

  return (
    <Group align="stretch" gap={0} h="100%" wrap="nowrap">
      <Stack gap="xs" p="sm" w={420} miw={340} style={{ borderRight: '1px solid var(--mantine-color-default-border)' }}>
        <Group justify="space-between">
          <Title order={2} size="h4">
            Named Credentials
          </Title>
          <Group gap={4}>
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => request({ kind: 'new' })}>
              New
            </Button>
            <ImportExportMenu checked={checked} profiles={profiles} onImported={() => void reload()} />
          </Group>
        </Group>
        <ProfileList
          profiles={profiles}
          query={query}
          onQuery={setQuery}
          selectedId={session.selectedId}
          onSelect={(id) => request({ kind: 'select', id })}
          checked={checked}
          onChecked={setChecked}
        />
      </Stack>
      <Box style={{ flex: 1, minWidth: 0, overflow: 'auto' }}>
        {session.form ? (
          <>
            {selectedMissing && (
              <Text size="xs" c="orange" p="sm" role="status">
                This profile was deleted. Your form is kept: Save creates it again.
              </Text>
            )}
            <ProfileEditor
              key={session.selectedId ?? 'new'}
              saved={saved}
              form={session.form}
              onChange={(form) => setSession({ ...session, form })}
              dirty={dirty}
              guard={(run) => request({ kind: 'action', run })}
              certificates={certificates}
              onSaved={(view) => {
                const form = formFromProfile(view);
                setSession({ selectedId: view.id, form, initial: form });
                void reload();
              }}
              onDuplicated={(view) => {
                const form = formFromProfile(view);
                setSession({ selectedId: view.id, form, initial: form });
                void reload();
              }}
              onDeleted={() => {
                setSession({ selectedId: null, form: null, initial: null });
                void reload();
              }}
            />
          </>
        ) : (
          <Stack align="center" justify="center" gap={6} p="xl" mih={240} ta="center">
            <Text size="sm" c="dimmed" maw={520}>
              A named credential keeps an endpoint and how to authenticate to it — a static token, a JWT Signet signs for each callout, or
              an access token from a token endpoint. Requests use it as callout:Name/path. Choose a profile, or New.
            </Text>
          </Stack>
        )}
      </Box>
      <Modal opened={pending !== null} onClose={() => setPending(null)} title="Discard unsaved changes?">
        <Stack gap="sm">
          <Text size="sm">
            {session.form?.fields.label ?? 'This profile'} has changes that are not saved. Discard them, or stay and save first.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setPending(null)}>
              Keep editing
            </Button>
            <Button
              color="red"
              onClick={() => {
                const target = pending;
                setPending(null);
                if (target) open(target);
              }}
            >
              Discard changes
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
