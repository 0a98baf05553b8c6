/** Recent tokens (this run only, in memory) and pinned tokens (in the vault). */
import { ActionIcon, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconPinnedOff, IconX } from '@tabler/icons-react';
import { formatDuration } from '../../../../shared/jwt/claims';
import { notifyError } from '../../app/notify';
import { api } from '../../bridge';
import type { RecentToken } from './hooks';
import { usePins } from './usePins';

function Entry({
  label,
  detail,
  active,
  onOpen,
  action,
}: {
  label: string;
  detail: string;
  active: boolean;
  onOpen(): void;
  action: React.ReactNode;
}) {
  return (
    <Group gap={4} wrap="nowrap" justify="space-between">
      <UnstyledButton onClick={onOpen} aria-label={detail ? `Open ${label}, ${detail}` : `Open ${label}`} style={{ flex: 1, minWidth: 0 }}>
        <Text size="xs" fw={active ? 700 : 500} truncate>
          {label}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {detail}
        </Text>
      </UnstyledButton>
      {action}
    </Group>
  );
}

export function TokenLists({
  recent,
  onForget,
  onOpen,
  current,
}: {
  recent: RecentToken[];
  onForget(token: string): void;
  onOpen(token: string): void;
  current: string | null;
}) {
  const { pins, reload } = usePins();
  const openPin = async (id: string) => {
    try {
      onOpen((await api.inspector.openPin(id)).token);
    } catch (error) {
      notifyError(error, 'Opening the pinned token');
    }
  };
  const unpin = async (id: string) => {
    try {
      await api.inspector.unpin(id);
      await reload();
    } catch (error) {
      notifyError(error, 'Unpinning');
    }
  };
  const now = Date.now();
  return (
    <Stack gap="xs">
      <Stack gap={2} component="section" aria-label="Pinned tokens">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          Pinned
        </Text>
        {pins.length === 0 && (
          <Text size="xs" c="dimmed">
            No pinned tokens. Pin one to keep it (in the vault) across runs.
          </Text>
        )}
        {pins.map((pin) => (
          <Entry
            key={pin.id}
            label={pin.label}
            detail={`${pin.alg}${pin.iss ? ` · ${pin.iss}` : ''}${pin.exp ? ` · exp ${new Date(pin.exp * 1000).toLocaleString()}` : ''}`}
            active={false}
            onOpen={() => void openPin(pin.id)}
            action={
              <Tooltip label="Unpin">
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Unpin ${pin.label}`} onClick={() => void unpin(pin.id)}>
                  <IconPinnedOff size={12} />
                </ActionIcon>
              </Tooltip>
            }
          />
        ))}
      </Stack>
      <Stack gap={2} component="section" aria-label="Recent tokens">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          Recent (this run)
        </Text>
        {recent.length === 0 && (
          <Text size="xs" c="dimmed">
            Tokens you open appear here until Signet locks or closes.
          </Text>
        )}
        {recent.map((entry) => (
          <Entry
            key={entry.token}
            label={entry.label}
            detail={`${entry.token.slice(0, 24)}… · ${formatDuration((now - entry.seenAt) / 1000)} ago`}
            active={entry.token === current}
            onOpen={() => onOpen(entry.token)}
            action={
              <Tooltip label="Forget">
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={`Forget ${entry.label}`}
                  onClick={() => onForget(entry.token)}
                >
                  <IconX size={12} />
                </ActionIcon>
              </Tooltip>
            }
          />
        ))}
      </Stack>
    </Stack>
  );
}
