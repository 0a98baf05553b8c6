/** The certificate table: sortable by any column, filtered by text, rows selectable for a JWKS/JKS export. */
import { Anchor, Badge, Checkbox, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import { daysLeftLabel, expiryState, formatDate, keyLabel, typeLabel } from './labels';

type Column = 'label' | 'name' | 'type' | 'key' | 'expires' | 'exportable';
const COLUMNS: { id: Column; title: string; value(record: CertificateRecord): string }[] = [
  { id: 'label', title: 'Label', value: (record) => record.label.toLowerCase() },
  { id: 'name', title: 'Unique Name', value: (record) => record.name.toLowerCase() },
  { id: 'type', title: 'Type', value: typeLabel },
  { id: 'key', title: 'Key', value: (record) => keyLabel(record.keyAlgorithm) },
  { id: 'expires', title: 'Expires', value: (record) => record.notAfter || '9999' },
  { id: 'exportable', title: 'Exportable', value: (record) => (record.exportable ? 'yes' : 'no') },
];

export interface CertificateTableProps {
  certificates: CertificateRecord[];
  filter: string;
  selected: Set<string>;
  onSelectedChange(selected: Set<string>): void;
  onOpen(id: string): void;
}

export function CertificateTable({ certificates, filter, selected, onSelectedChange, onOpen }: CertificateTableProps) {
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: 'label', descending: false });
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const shown = needle
      ? certificates.filter((record) =>
          [record.label, record.name, typeLabel(record), keyLabel(record.keyAlgorithm), record.subject].some((text) =>
            text.toLowerCase().includes(needle),
          ),
        )
      : certificates;
    const column = COLUMNS.find((entry) => entry.id === sort.column)!;
    return [...shown].sort((a, b) => column.value(a).localeCompare(column.value(b)) * (sort.descending ? -1 : 1));
  }, [certificates, filter, sort]);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelectedChange(next);
  };
  const allShownSelected = rows.length > 0 && rows.every((record) => selected.has(record.id));

  return (
    <Table striped highlightOnHover verticalSpacing={4} fz="sm" aria-label="Certificates">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={32}>
            <Checkbox
              size="xs"
              aria-label="Select all shown"
              checked={allShownSelected}
              onChange={(event) => onSelectedChange(event.currentTarget.checked ? new Set(rows.map((record) => record.id)) : new Set())}
            />
          </Table.Th>
          {COLUMNS.map((column) => {
            const active = sort.column === column.id;
            const Icon = active ? (sort.descending ? IconChevronDown : IconChevronUp) : IconSelector;
            return (
              <Table.Th key={column.id} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <UnstyledButton
                  onClick={() => setSort({ column: column.id, descending: active ? !sort.descending : false })}
                  aria-label={`Sort by ${column.title}`}
                >
                  <Group gap={4} wrap="nowrap">
                    <Text fw={600} size="sm">
                      {column.title}
                    </Text>
                    <Icon size={12} />
                  </Group>
                </UnstyledButton>
              </Table.Th>
            );
          })}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((record) => (
          <Table.Tr key={record.id} data-certificate={record.name}>
            <Table.Td>
              <Checkbox
                size="xs"
                aria-label={`Select ${record.label}`}
                checked={selected.has(record.id)}
                onChange={(event) => toggle(record.id, event.currentTarget.checked)}
              />
            </Table.Td>
            <Table.Td>
              <Anchor component="button" size="sm" onClick={() => onOpen(record.id)}>
                {record.label}
              </Anchor>
            </Table.Td>
            <Table.Td className="signet-mono">{record.name}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                {typeLabel(record)}
                {record.status === 'awaiting-signed-cert' && (
                  <Badge size="xs" color="orange" variant="light">
                    Awaiting signed certificate
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>{keyLabel(record.keyAlgorithm)}</Table.Td>
            <Table.Td>
              <Expiry record={record} />
            </Table.Td>
            <Table.Td>{record.exportable ? 'Yes' : 'No'}</Table.Td>
          </Table.Tr>
        ))}
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={COLUMNS.length + 1}>
              <Text size="sm" c="dimmed" ta="center" py="sm">
                {certificates.length === 0 ? 'No certificates yet. Create or import one.' : 'No certificate matches the filter.'}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

export function Expiry({ record }: { record: CertificateRecord }) {
  const state = expiryState(record);
  return (
    <Group gap={4} wrap="nowrap">
      <span>{formatDate(record.notAfter)}</span>
      {state === 'expired' && (
        <Badge size="xs" color="red" aria-label={`${record.label} has expired`}>
          Expired
        </Badge>
      )}
      {state === 'soon' && (
        <Badge size="xs" color="yellow" aria-label={`${record.label} expires soon`}>
          {daysLeftLabel(record.notAfter)}
        </Badge>
      )}
    </Group>
  );
}
