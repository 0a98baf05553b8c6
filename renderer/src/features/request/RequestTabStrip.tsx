/** The inner tabs of the Request tab: one per open request, with unsaved marker, rename (double-click) and close. */
import { ActionIcon, Box, Group, ScrollArea, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconDeviceFloppy, IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { methodColor } from './MethodLabel';
import { isDirty, type OpenRequest } from './model';

export interface RequestTabStripProps {
  tabs: OpenRequest[];
  activeId: string;
  onSelect(id: string): void;
  onClose(id: string): void;
  onRename(id: string, name: string): void;
  onNew(): void;
  /** Saves the active request (Ctrl/Cmd+S does the same). */
  onSave(): void;
}

export function RequestTabStrip({ tabs, activeId, onSelect, onClose, onRename, onNew, onSave }: RequestTabStripProps) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Group gap={0} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <ScrollArea type="never" style={{ flex: 1 }}>
        {/*
          A tablist may hold only tabs (WAI-ARIA), so the close buttons sit after it in the DOM; the tablist is
          display: contents and CSS order puts each close button next to its tab.
        */}
        <Group gap={0} wrap="nowrap">
          <div role="tablist" aria-label="Open requests" style={{ display: 'contents' }}>
            {tabs.map((tab, index) => {
              const active = tab.id === activeId;
              const dirty = isDirty(tab);
              const cell = {
                order: 2 * index,
                whiteSpace: 'nowrap',
                background: active ? 'var(--mantine-color-default-hover)' : undefined,
                borderBottom: active ? '2px solid var(--mantine-primary-color-filled)' : '2px solid transparent',
              } as const;
              return editing === tab.id ? (
                <Box key={tab.id} role="presentation" px={6} py={2} style={cell}>
                  <TextInput
                    size="xs"
                    aria-label="Request name"
                    defaultValue={tab.name}
                    autoFocus
                    onBlur={(event) => {
                      onRename(tab.id, event.currentTarget.value.trim() || tab.name);
                      setEditing(null);
                    }}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') event.currentTarget.blur();
                      if (event.key === 'Escape') setEditing(null);
                    }}
                  />
                </Box>
              ) : (
                <UnstyledButton
                  key={tab.id}
                  role="tab"
                  aria-selected={active}
                  aria-label={`${tab.draft.method} ${tab.name}${dirty ? ' (unsaved)' : ''}`}
                  onClick={() => onSelect(tab.id)}
                  onDoubleClick={() => setEditing(tab.id)}
                  title="Double-click to rename"
                  fz="xs"
                  pl={10}
                  pr={2}
                  py={2}
                  style={{ ...cell, maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}
                >
                  <Box component="span" c={methodColor(tab.draft.method)} fw={700}>
                    {tab.draft.method}
                  </Box>{' '}
                  {tab.name}
                  {dirty && (
                    <Box component="span" ml={4} c="orange" aria-hidden>
                      ●
                    </Box>
                  )}
                </UnstyledButton>
              );
            })}
          </div>
          {tabs.map((tab, index) => {
            const active = tab.id === activeId;
            return (
              <Box
                key={tab.id}
                pr={6}
                py={2}
                style={{
                  order: 2 * index + 1,
                  alignSelf: 'stretch',
                  display: 'flex',
                  alignItems: 'center',
                  borderRight: '1px solid var(--mantine-color-default-border)',
                  background: active ? 'var(--mantine-color-default-hover)' : undefined,
                  borderBottom: active ? '2px solid var(--mantine-primary-color-filled)' : '2px solid transparent',
                }}
              >
                <ActionIcon size="xs" variant="subtle" color="gray" aria-label={`Close ${tab.name}`} onClick={() => onClose(tab.id)}>
                  <IconX size={12} />
                </ActionIcon>
              </Box>
            );
          })}
        </Group>
      </ScrollArea>
      <Tooltip label="Save (Ctrl+S)">
        <ActionIcon variant="subtle" aria-label="Save request" onClick={onSave} ml={4}>
          <IconDeviceFloppy size={14} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="New request">
        <ActionIcon variant="subtle" aria-label="New request" onClick={onNew} mx={4}>
          <IconPlus size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
