/** The small dialogs of the Collections sidebar: name a folder or request, move, delete, save a request. */
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Collections } from '../../../../shared/contract/collections';
import { isAppError } from '../../../../shared/errors';
import { folderContents, folderOptions } from '../../../../shared/request/collection-tree';

const TOP = '';

/** Failures a dialog shows beside its fields; anything else is unexpected and says so. */
function messageOf(error: unknown): string {
  return isAppError(error) ? error.message : 'Something went wrong. Try again.';
}

interface DialogFrameProps {
  title: string;
  submitLabel: string;
  /** Does the work; a thrown coded error is shown in the dialog, which then stays open. */
  onSubmit(): Promise<void>;
  onClose(): void;
  danger?: boolean;
  disabled?: boolean;
  children: ReactNode;
}

function DialogFrame(props: DialogFrameProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || props.disabled) return;
    setBusy(true);
    try {
      await props.onSubmit();
      props.onClose();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={props.onClose} title={props.title} closeButtonProps={{ 'aria-label': 'Close' }} size="sm">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="xs">
          {props.children}
          {error && (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color={props.danger ? 'red' : undefined} loading={busy} disabled={props.disabled}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Asks for a name: a new folder, or renaming a folder or a request. `onSubmit` throws a coded error to show. */
export function NameDialog(props: {
  title: string;
  submitLabel: string;
  initial?: string;
  onSubmit(name: string): Promise<void>;
  onClose(): void;
}) {
  const [name, setName] = useState(props.initial ?? '');
  return (
    <DialogFrame
      title={props.title}
      submitLabel={props.submitLabel}
      onClose={props.onClose}
      disabled={!name.trim()}
      onSubmit={() => props.onSubmit(name.trim())}
    >
      <TextInput label="Name" value={name} onChange={(event) => setName(event.currentTarget.value)} data-autofocus />
    </DialogFrame>
  );
}

/** Moves a folder or request to another folder or the top level. */
export function MoveDialog(props: {
  collections: Collections;
  item: { kind: 'folder' | 'request'; id: string; name: string; folderId: string | null };
  onMove(folderId: string | null): Promise<void>;
  onClose(): void;
}) {
  const options = folderOptions(props.collections, props.item);
  const [target, setTarget] = useState(props.item.folderId ?? TOP);
  return (
    <DialogFrame
      title={`Move ${props.item.name}`}
      submitLabel="Move"
      onClose={props.onClose}
      disabled={target === (props.item.folderId ?? TOP)}
      onSubmit={() => props.onMove(target || null)}
    >
      <NativeSelect
        label="Move to"
        value={target}
        onChange={(event) => setTarget(event.currentTarget.value)}
        data={options.map((option) => ({ value: option.id ?? TOP, label: option.label }))}
        data-autofocus
      />
    </DialogFrame>
  );
}

/** Confirms a delete; for a folder, says what it holds goes with it. */
export function DeleteDialog(props: {
  collections: Collections;
  item: { kind: 'folder' | 'request'; id: string; name: string };
  onDelete(): Promise<void>;
  onClose(): void;
}) {
  const { item } = props;
  let detail = 'The saved request is removed from its collection. This cannot be undone.';
  if (item.kind === 'folder') {
    const held = folderContents(props.collections, item.id);
    const parts = [`${held.requests} request${held.requests === 1 ? '' : 's'}`];
    if (held.folders) parts.push(`${held.folders} subfolder${held.folders === 1 ? '' : 's'}`);
    detail = `Deleting the folder also deletes everything in it (${parts.join(' and ')}). This cannot be undone.`;
  }
  return (
    <DialogFrame title={`Delete ${item.name}?`} submitLabel="Delete" danger onClose={props.onClose} onSubmit={props.onDelete}>
      <Text size="sm">{detail}</Text>
    </DialogFrame>
  );
}

export interface SaveTarget {
  name: string;
  /** An existing folder, or null for the top level. */
  folderId: string | null;
  /** A new folder to create inside `folderId` and save into. */
  newFolder: string;
}

/** Names a request that is not in a collection yet and picks (or creates) its folder. */
export function SaveRequestDialog(props: {
  collections: Collections;
  initialName: string;
  onSave(target: SaveTarget): Promise<void>;
  onClose(): void;
}) {
  const [name, setName] = useState(props.initialName);
  const [folder, setFolder] = useState(TOP);
  const [newFolder, setNewFolder] = useState('');
  return (
    <DialogFrame
      title="Save request"
      submitLabel="Save"
      onClose={props.onClose}
      disabled={!name.trim()}
      onSubmit={() => props.onSave({ name: name.trim(), folderId: folder || null, newFolder: newFolder.trim() })}
    >
      <TextInput label="Name" value={name} onChange={(event) => setName(event.currentTarget.value)} data-autofocus />
      <NativeSelect
        label="Folder"
        value={folder}
        onChange={(event) => setFolder(event.currentTarget.value)}
        data={folderOptions(props.collections).map((option) => ({ value: option.id ?? TOP, label: option.label }))}
      />
      <TextInput
        label="New folder"
        description={folder ? 'Optional: created inside the folder above.' : 'Optional: a new folder to save into.'}
        value={newFolder}
        onChange={(event) => setNewFolder(event.currentTarget.value)}
      />
    </DialogFrame>
  );
}
