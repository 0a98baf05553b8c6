/**
 * The Collections section of the Request tab's sidebar: folders and saved requests as a tree.
 * Click a request to open it (or focus its inner tab); each row's menu renames, moves and deletes.
 */
import { ActionIcon, Box, Button, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconDots, IconFolder, IconFolderPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { CollectionFolder, Collections, SavedRequest } from '../../../../shared/contract/collections';
import { childrenOf } from '../../../../shared/request/collection-tree';
import { DeleteDialog, MoveDialog, NameDialog } from './CollectionDialogs';
import { MethodLabel } from './MethodLabel';
import type { CollectionsState } from './useCollections';

type Item = { kind: 'folder' | 'request'; id: string; name: string; folderId: string | null };
type Dialog = { type: 'new-folder'; parentId: string | null } | { type: 'rename' | 'move' | 'delete'; item: Item };

export interface CollectionsPanelProps {
  state: CollectionsState;
  onOpen(saved: SavedRequest): void;
  /** Keeps open inner tabs' names in step when a saved request is renamed. */
  onRenamed(savedId: string, name: string): void;
  /** Lets open inner tabs know when their saved request was deleted. */
  onRemoved(next: Collections): void;
}

export function CollectionsPanel({ state, onOpen, onRenamed, onRemoved }: CollectionsPanelProps) {
  const { collections } = state;
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const actions = (item: Item) => (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Actions for ${item.name}`}>
          <IconDots size={14} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {item.kind === 'folder' && (
          <Menu.Item onClick={() => setDialog({ type: 'new-folder', parentId: item.id })}>New subfolder</Menu.Item>
        )}
        <Menu.Item onClick={() => setDialog({ type: 'rename', item })}>Rename</Menu.Item>
        <Menu.Item onClick={() => setDialog({ type: 'move', item })}>Move</Menu.Item>
        <Menu.Item color="red" onClick={() => setDialog({ type: 'delete', item })}>
          Delete
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );

  const renderLevel = (folderId: string | null, depth: number): ReactNode => {
    const { folders, requests } = childrenOf(collections, folderId);
    return (
      <>
        {folders.map((folder) => renderFolder(folder, depth))}
        {requests.map((saved) => (
          <Row
            key={saved.id}
            depth={depth}
            actions={actions({ kind: 'request', id: saved.id, name: saved.name, folderId: saved.folderId })}
          >
            <UnstyledButton aria-label={`Open ${saved.name}`} title={saved.request.url} onClick={() => onOpen(saved)} style={rowButton}>
              <MethodLabel method={saved.request.method} />
              {saved.name}
            </UnstyledButton>
          </Row>
        ))}
      </>
    );
  };

  const renderFolder = (folder: CollectionFolder, depth: number): ReactNode => {
    const open = !collapsed.has(folder.id);
    return (
      <li key={folder.id} role="none" style={{ listStyle: 'none' }}>
        <ul role="group" aria-label={`Folder ${folder.name}`} style={{ padding: 0, margin: 0 }}>
          <Row depth={depth} actions={actions({ kind: 'folder', id: folder.id, name: folder.name, folderId: folder.parentId })}>
            <UnstyledButton aria-label={`Folder ${folder.name}`} aria-expanded={open} onClick={() => toggle(folder.id)} style={rowButton}>
              {open ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
              <IconFolder size={14} style={{ margin: '0 4px' }} />
              {folder.name}
            </UnstyledButton>
          </Row>
          {open && renderLevel(folder.id, depth + 1)}
        </ul>
      </li>
    );
  };

  const empty = collections.folders.length === 0 && collections.requests.length === 0;
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap={4}>
        <Text size="xs" c="dimmed">
          Ctrl+S saves the open request
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconFolderPlus size={14} />}
          onClick={() => setDialog({ type: 'new-folder', parentId: null })}
        >
          New folder
        </Button>
      </Group>
      {empty ? (
        <Text size="xs" c="dimmed" px={4}>
          No saved requests yet.
        </Text>
      ) : (
        <ul aria-label="Collections tree" style={{ padding: 0, margin: 0 }}>
          {renderLevel(null, 0)}
        </ul>
      )}
      {dialog?.type === 'new-folder' && (
        <NameDialog
          title="New folder"
          submitLabel="Create"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await state.createFolder(name, dialog.parentId);
            if (dialog.parentId) setCollapsed((current) => new Set([...current].filter((id) => id !== dialog.parentId)));
          }}
        />
      )}
      {dialog?.type === 'rename' && (
        <NameDialog
          title={`Rename ${dialog.item.name}`}
          submitLabel="Rename"
          initial={dialog.item.name}
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await state.rename(dialog.item.kind, dialog.item.id, name);
            if (dialog.item.kind === 'request') onRenamed(dialog.item.id, name);
          }}
        />
      )}
      {dialog?.type === 'move' && (
        <MoveDialog
          collections={collections}
          item={dialog.item}
          onClose={() => setDialog(null)}
          onMove={async (folderId) => void (await state.move(dialog.item.kind, dialog.item.id, folderId))}
        />
      )}
      {dialog?.type === 'delete' && (
        <DeleteDialog
          collections={collections}
          item={dialog.item}
          onClose={() => setDialog(null)}
          onDelete={async () => onRemoved(await state.remove(dialog.item.kind, dialog.item.id))}
        />
      )}
    </Stack>
  );
}

const rowButton = {
  flex: 1,
  minWidth: 0,
  display: 'flex',
  alignItems: 'center',
  fontSize: 'var(--mantine-font-size-xs)',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
} as const;

function Row({ depth, actions, children }: { depth: number; actions: ReactNode; children: ReactNode }) {
  return (
    <li style={{ listStyle: 'none' }}>
      <Box
        pl={4 + depth * 12}
        pr={2}
        className="signet-sidebar-row"
        style={{ display: 'flex', alignItems: 'center', gap: 2, minHeight: 24 }}
      >
        {children}
        {actions}
      </Box>
    </li>
  );
}
