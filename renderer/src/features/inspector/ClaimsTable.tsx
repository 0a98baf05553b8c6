/** The Claims table: each claim named and explained; times as local, UTC and relative; the lifetime. */
import { Badge, Stack, Table, Text, Tooltip } from '@mantine/core';
import { claimRows, formatDuration, tokenLifetime } from '../../../../shared/jwt/claims';
import { useNow } from './hooks';

export function ClaimsTable({ payload }: { payload: Record<string, unknown> }) {
  const now = useNow();
  const rows = claimRows(payload, now);
  const lifetime = tokenLifetime(payload);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The payload has no claims.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Table aria-label="Claims" striped withTableBorder verticalSpacing={4} fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Claim</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Meaning</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.claim} data-claim={row.claim}>
              <Table.Td>
                <Text size="xs" className="signet-mono" fw={600}>
                  {row.claim}
                </Text>
              </Table.Td>
              <Table.Td style={{ maxWidth: 360 }}>
                <Text size="xs" className="signet-mono">
                  {row.value}
                </Text>
                {row.time && (
                  <Stack gap={0} mt={2}>
                    <Text size="xs">{row.time.local} (local)</Text>
                    <Text size="xs" c="dimmed">
                      {row.time.utc}
                    </Text>
                    <Badge
                      size="xs"
                      variant="light"
                      tt="none"
                      color={row.time.relative.startsWith('expired') ? 'red' : 'blue'}
                      w="fit-content"
                    >
                      {row.time.relative}
                    </Badge>
                  </Stack>
                )}
              </Table.Td>
              <Table.Td>
                <Tooltip label={row.explanation} multiline w={300} openDelay={300}>
                  <Text size="xs" fw={500}>
                    {row.title}
                  </Text>
                </Tooltip>
                <Text size="xs" c="dimmed">
                  {row.explanation}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" aria-label="Lifetime">
        {lifetime === null ? 'Lifetime: unknown (needs exp and iat or nbf).' : `Lifetime: ${formatDuration(lifetime)} (${lifetime} s).`}
      </Text>
    </Stack>
  );
}
