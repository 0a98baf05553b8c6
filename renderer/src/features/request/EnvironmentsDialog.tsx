/**
 * "Manage environments": the list of environments (one active) beside the editor of the chosen one
 * — its name and variables. Unsaved edits are never dropped silently: switching, creating or
 * closing asks first.
 */
import { Alert, Badge, Box, Button, Group, Modal, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { notifyError } from '../../app/notify';
import { formFromEnvironment, inputFromForm, isFormDirty, uniqueName, variableNameErrors, type EnvironmentForm } from './environment-form';
import { EnvironmentVariables } from './EnvironmentVariables';
import type { EnvironmentsState } from './useEnvironments';

type Pending = { kind: 'select'; id: string } | { kind: 'new' } | { kind: 'close' };

export function EnvironmentsDialog({ environments, onClose }: { environments: EnvironmentsState; onClose(): void }) {
  const list = environments.environments;
  const [selectedId, setSelectedId] = useState<string | null>(environments.activeId ?? list[0]?.id ?? null);
  const selected = list.find((environment) => environment.id === selectedId) ?? null;
  const [form, setForm] = useState<EnvironmentForm | null>(selected ? formFromEnvironment(selected) : null);
  const [initial, setInitial] = useState<EnvironmentForm | null>(form);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const dirty = !!form && !!initial && isFormDirty(form, initial);

  // The list loads after the dialog opens: pick the first environment once there is one.
  useEffect(() => {
    if (selectedId === null && form === null && list.length > 0) load(environments.activeId ?? list[0]!.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the list arrives
  }, [list.length]);

  function load(id: string | null, source = list) {
    const environment = source.find((candidate) => candidate.id === id) ?? null;
    const next = environment ? formFromEnvironment(environment) : null;
    setSelectedId(environment?.id ?? null);
    setForm(next);
    setInitial(next);
    setError(null);
    setConfirmDelete(false);
  }

  async function create() {
    setBusy(true);
    try {
      const name = uniqueName(
        'New environment',
        list.map((environment) => environment.name),
      );
      const saved = await environments.save({ name, variables: [] });
      const next = formFromEnvironment(saved);
      setSelectedId(saved.id);
      setForm(next);
      setInitial(next);
      setError(null);
    } catch (failure) {
      notifyError(failure, 'Creating the environment');
    } finally {
      setBusy(false);
    }
  }

  function proceed(target: Pending) {
    setPending(null);
    if (target.kind === 'close') onClose();
    else if (target.kind === 'new') void create();
    else load(target.id);
  }

  const request = (target: Pending) => (dirty ? setPending(target) : proceed(target));

  async function save() {
    if (!form) return;
    setBusy(true);
    try {
      const saved = await environments.save(inputFromForm(form));
      const next = formFromEnvironment(saved);
      setForm(next);
      setInitial(next);
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!form) return;
    setBusy(true);
    try {
      await environments.remove(form.id);
      load(null);
    } finally {
      setBusy(false);
    }
  }

  const nameErrors = form ? variableNameErrors(form.variables) : [];
  const invalid = !form || form.name.trim() === '' || nameErrors.some((message) => message !== null);

  return (
    <Modal opened onClose={() => request({ kind: 'close' })} closeButtonProps={{ 'aria-label': 'Close' }} title="Environments" size="80rem">
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6} w={220} miw={180}>
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => request({ kind: 'new' })} loading={busy && !form}>
            New environment
          </Button>
          <ScrollArea.Autosize mah={420}>
            <Box component="nav" aria-label="Environment list">
              {list.map((environment) => (
                <NavLink
                  key={environment.id}
                  component="button"
                  active={environment.id === selectedId}
                  aria-current={environment.id === selectedId ? 'true' : undefined}
                  label={environment.name}
                  aria-label={environment.id === environments.activeId ? `${environment.name} (active)` : environment.name}
                  rightSection={
                    environment.id === environments.activeId ? (
                      <Badge size="xs" variant="light" color="teal">
                        active
                      </Badge>
                    ) : undefined
                  }
                  onClick={() => environment.id !== selectedId && request({ kind: 'select', id: environment.id })}
                />
              ))}
            </Box>
          </ScrollArea.Autosize>
          {list.length === 0 && (
            <Text size="xs" c="dimmed">
              No environments yet. An environment holds the values of {'{{variables}}'}; the active one resolves them when you send.
            </Text>
          )}
        </Stack>
        <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
          {pending && (
            <Alert color="orange" role="alert" title="Unsaved changes" p="xs">
              <Text size="sm">{initial?.name ?? 'This environment'} has changes that are not saved.</Text>
              <Group gap="xs" mt={6}>
                <Button size="xs" variant="default" onClick={() => setPending(null)}>
                  Keep editing
                </Button>
                <Button size="xs" color="red" onClick={() => proceed(pending)}>
                  Discard changes
                </Button>
              </Group>
            </Alert>
          )}
          {form ? (
            <>
              <Group align="flex-end" gap="sm">
                <TextInput
                  label="Environment name"
                  value={form.name}
                  maxLength={80}
                  error={form.name.trim() === '' ? 'Enter a name.' : undefined}
                  onChange={(event) => setForm({ ...form, name: event.currentTarget.value })}
                  style={{ flex: 1 }}
                />
                {environments.activeId === form.id ? (
                  <Button variant="default" onClick={() => void environments.setActive(null)}>
                    Stop using it
                  </Button>
                ) : (
                  <Button variant="light" onClick={() => void environments.setActive(form.id)}>
                    Make active
                  </Button>
                )}
              </Group>
              <Text size="xs" c={environments.activeId === form.id ? 'teal' : 'dimmed'} role="status" aria-label="Active state">
                {environments.activeId === form.id
                  ? 'Active: requests resolve {{variables}} from this environment.'
                  : 'Not active. Make it active to use its variables when you send.'}
              </Text>
              <EnvironmentVariables rows={form.variables} onChange={(variables) => setForm({ ...form, variables })} />
              {error && (
                <Alert color="red" role="alert" p="xs">
                  {error}
                </Alert>
              )}
              <Group justify="space-between">
                {confirmDelete ? (
                  <Group gap="xs">
                    <Text size="sm">Delete {initial?.name} and its secret values?</Text>
                    <Button size="xs" variant="default" onClick={() => setConfirmDelete(false)}>
                      Keep it
                    </Button>
                    <Button size="xs" color="red" onClick={() => void remove()} loading={busy}>
                      Delete
                    </Button>
                  </Group>
                ) : (
                  <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                    Delete environment
                  </Button>
                )}
                <Group gap="xs">
                  {dirty && (
                    <Text size="xs" c="orange">
                      Unsaved changes
                    </Text>
                  )}
                  <Button variant="default" onClick={() => setForm(initial)} disabled={!dirty}>
                    Revert
                  </Button>
                  <Button onClick={() => void save()} disabled={!dirty || invalid} loading={busy}>
                    Save environment
                  </Button>
                </Group>
              </Group>
            </>
          ) : (
            <Text size="sm" c="dimmed" p="md">
              Choose an environment, or create one.
            </Text>
          )}
        </Stack>
      </Group>
    </Modal>
  );
}
