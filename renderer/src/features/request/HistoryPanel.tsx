/** The History section of the Request tab's sidebar: every send, newest first, searchable; click to reopen. */
import { ActionIcon, Box, Button, Group, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { HistoryEntry } from '../../../../shared/contract/history';
import { MethodLabel } from './MethodLabel';
import type { HistoryState } from './useHistory';

export interface HistoryPanelProps {
  state: HistoryState;
  onOpen(entry: HistoryEntry): void;
}

/** The time of a send: the clock time today, the date and time before. */
function sentAt(iso: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return at.toDateString() === new Date().toDateString() ? time : `${at.toLocaleDateString()} ${time}`;
}

function outcome(entry: HistoryEntry): { text: string; color: string } {
  if (entry.error) return { text: entry.error.code, color: 'red' };
  const status = entry.status ?? 0;
  return { text: String(status), color: status >= 500 ? 'red' : status >= 400 ? 'orange' : status >= 300 ? 'blue' : 'teal' };
}

export function HistoryPanel({ state, onOpen }: HistoryPanelProps) {
  const [confirmClear, setConfirmClear] = useState(false);
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          aria-label="Search history"
          placeholder="Method, URL, status…"
          leftSection={<IconSearch size={12} />}
          value={state.query}
          onChange={(event) => state.setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && state.query) {
              event.stopPropagation();
              state.setQuery('');
            }
          }}
        />
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          onClick={() => setConfirmClear(true)}
          disabled={!state.entries.length && !state.query}
        >
          Clear history
        </Button>
      </Group>
      {state.entries.length === 0 ? (
        <Text size="xs" c="dimmed" px={4}>
          {state.query ? 'No send matches this search.' : 'Sent requests appear here.'}
        </Text>
      ) : (
        <ul aria-label="History entries" style={{ padding: 0, margin: 0 }}>
          {state.entries.map((entry) => {
            const result = outcome(entry);
            const label = `${entry.request.method} ${entry.request.url}`;
            return (
              <li key={entry.id} style={{ listStyle: 'none' }}>
                <Group gap={2} wrap="nowrap" px={4} className="signet-sidebar-row" style={{ minHeight: 24 }}>
                  <UnstyledButton
                    aria-label={`Reopen ${label}`}
                    title={entry.error ? entry.error.message : `${entry.status ?? ''} ${entry.statusText ?? ''}`.trim()}
                    onClick={() => onOpen(entry)}
                    style={{ flex: 1, minWidth: 0, fontSize: 'var(--mantine-font-size-xs)' }}
                  >
                    <Group component="span" gap={4} wrap="nowrap">
                      <MethodLabel method={entry.request.method} />
                      <Box
                        component="span"
                        style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                      >
                        {entry.request.url}
                      </Box>
                    </Group>
                    <Group component="span" gap={6} wrap="nowrap" c="dimmed">
                      <Box component="span" c={result.color} fw={600}>
                        {result.text}
                      </Box>
                      <time dateTime={entry.at}>{sentAt(entry.at)}</time>
                    </Group>
                  </UnstyledButton>
                  <ActionIcon
                    size="xs"
                    variant="subtle"
                    color="gray"
                    aria-label={`Remove ${label} from history`}
                    onClick={() => void state.remove(entry.id)}
                  >
                    <IconX size={12} />
                  </ActionIcon>
                </Group>
              </li>
            );
          })}
        </ul>
      )}
      <Modal
        opened={confirmClear}
        onClose={() => setConfirmClear(false)}
        title="Clear history?"
        closeButtonProps={{ 'aria-label': 'Close' }}
        size="sm"
      >
        <Stack gap="xs">
          <Text size="sm">Every entry of the send history is deleted. Saved requests in collections stay. This cannot be undone.</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirmClear(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirmClear(false);
                void state.clear();
              }}
            >
              Clear
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
