/** The timeline of a callout: each hop (redirects included) with DNS, connect, TLS, first byte and download. */
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { CalloutResponse } from '../../../../shared/contract/http';
import { formatMs } from './model';

export function TimelineView({ response }: { response: CalloutResponse }) {
  return (
    <Stack gap="xs">
      <Text size="xs">Total {formatMs(response.totalMs)}</Text>
      <Table withTableBorder withColumnBorders fz="xs" aria-label="Timeline">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Request</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>DNS</Table.Th>
            <Table.Th>Connect</Table.Th>
            <Table.Th>TLS</Table.Th>
            <Table.Th>First byte</Table.Th>
            <Table.Th>Download</Table.Th>
            <Table.Th>Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {response.timeline.map((hop, index) => (
            <Table.Tr key={index}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="xs" className="signet-mono">
                    {hop.method} {hop.url}
                  </Text>
                  {hop.location && (
                    <Group gap={4}>
                      <Text size="xs" c="dimmed">
                        redirect → {hop.location}
                      </Text>
                      {hop.authorizationDropped && (
                        <Badge size="xs" color="orange">
                          Authorization dropped (other origin)
                        </Badge>
                      )}
                    </Group>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{hop.status}</Table.Td>
              <Table.Td>
                {hop.phases.reusedConnection ? 'reused' : hop.phases.dnsMs === undefined ? '—' : formatMs(hop.phases.dnsMs)}
              </Table.Td>
              <Table.Td>
                {hop.phases.connectMs === undefined
                  ? hop.phases.reusedConnection
                    ? 'reused'
                    : '—'
                  : `${formatMs(hop.phases.connectMs)}${hop.phases.viaProxy ? ' via proxy' : ''}`}
              </Table.Td>
              <Table.Td>{hop.phases.tlsMs === undefined ? '—' : formatMs(hop.phases.tlsMs)}</Table.Td>
              <Table.Td>{formatMs(hop.phases.firstByteMs)}</Table.Td>
              <Table.Td>{formatMs(hop.phases.downloadMs)}</Table.Td>
              <Table.Td>{formatMs(hop.phases.totalMs)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
