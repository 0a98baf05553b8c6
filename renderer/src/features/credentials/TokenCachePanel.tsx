/** The token cache of one profile: cached JWT or access token per user, expiry countdown, uses, Clear. */
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconRefresh, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { TokenCacheEntryView } from '../../../../shared/contract/credentials';
import { notifyError } from '../../app/notify';
import { api } from '../../bridge';

export function useTokenCache(id: string | null) {
  const [entries, setEntries] = useState<TokenCacheEntryView[]>([]);
  const reload = useCallback(async () => {
    if (!id) return;
    try {
      setEntries(await api.credentials.tokenCache(id));
    } catch (error) {
      notifyError(error, 'Reading the token cache');
    }
  }, [id]);
  useEffect(() => {
    let live = true;
    if (id) {
      void api.credentials.tokenCache(id).then(
        (next) => live && setEntries(next),
        () => live && setEntries([]),
      );
    }
    return () => {
      live = false;
    };
  }, [id]);
  return { entries: id ? entries : [], reload };
}

export function TokenCachePanel({ id, cache }: { id: string; cache: ReturnType<typeof useTokenCache> }) {
  const [now, setNow] = useState(() => Date.now());
  const { reload } = cache;
  useEffect(() => {
    // The countdown ticks each second; callouts from the Request tab show up within a few seconds.
    let ticks = 0;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (++ticks % 5 === 0) void reload();
    }, 1000);
    return () => clearInterval(timer);
  }, [reload]);
  const clear = async () => {
    try {
      await api.credentials.clearTokenCache(id);
      await cache.reload();
    } catch (error) {
      notifyError(error, 'Clearing the token cache');
    }
  };
  return (
    <Stack gap={6} aria-label="Token cache">
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          Tokens Signet reuses for callouts until they are due (expiry minus the clock skew).
        </Text>
        <Group gap={4}>
          <Button size="xs" variant="subtle" leftSection={<IconRefresh size={14} />} onClick={() => void cache.reload()}>
            Refresh
          </Button>
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconTrash size={14} />}
            disabled={cache.entries.length === 0}
            onClick={() => void clear()}
          >
            Clear
          </Button>
        </Group>
      </Group>
      {cache.entries.length === 0 ? (
        <Text size="xs" c="dimmed" aria-label="Token cache is empty">
          Nothing cached. The next callout or Preview Token fills it.
        </Text>
      ) : (
        <Table fz="xs" verticalSpacing={2} aria-label="Cached tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Token</Table.Th>
              <Table.Th>Expires in</Table.Th>
              <Table.Th>Times used</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cache.entries.map((entry) => (
              <Table.Tr key={entry.user}>
                <Table.Td>{entry.user || '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {entry.kind === 'jwt' ? 'JWT' : entry.tokenType} {entry.preview}
                  </Text>
                </Table.Td>
                <Table.Td>{countdown(entry.expiresAt, now)}</Table.Td>
                <Table.Td>{entry.timesUsed}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function countdown(expiresAt: string | undefined, now: number): string {
  if (!expiresAt) return 'no expiry given';
  const seconds = Math.round((new Date(expiresAt).getTime() - now) / 1000);
  if (seconds <= 0) return 'expired';
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}
