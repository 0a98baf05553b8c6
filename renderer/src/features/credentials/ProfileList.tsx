/** The profile list: search, selection for export, and one row per profile (Label, Name, URL, protocol, last used). */
import { Badge, Checkbox, Group, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { NamedCredentialView } from '../../../../shared/contract/credentials';
import { PROTOCOL_LABELS } from '../../../../shared/credentials/profile';

export interface ProfileListProps {
  profiles: NamedCredentialView[];
  query: string;
  onQuery(query: string): void;
  selectedId: string | null;
  onSelect(id: string): void;
  checked: string[];
  onChecked(ids: string[]): void;
}

export function matches(profile: NamedCredentialView, query: string): boolean {
  const text = query.trim().toLowerCase();
  if (!text) return true;
  return [profile.label, profile.name, profile.url, PROTOCOL_LABELS[profile.protocol]].some((value) => value.toLowerCase().includes(text));
}

export function ProfileList({ profiles, query, onQuery, selectedId, onSelect, checked, onChecked }: ProfileListProps) {
  const shown = profiles.filter((profile) => matches(profile, query));
  const toggle = (id: string, on: boolean) => onChecked(on ? [...checked, id] : checked.filter((entry) => entry !== id));
  return (
    <Stack gap={6} h="100%">
      <TextInput
        size="xs"
        leftSection={<IconSearch size={14} />}
        placeholder="Label, name, URL or protocol"
        aria-label="Search named credentials"
        value={query}
        onChange={(event) => onQuery(event.currentTarget.value)}
      />
      <ScrollArea style={{ flex: 1 }}>
        <Table highlightOnHover verticalSpacing={4} fz="xs" aria-label="Named credentials">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28}>
                <Checkbox
                  size="xs"
                  aria-label="Select all shown"
                  checked={shown.length > 0 && shown.every((profile) => checked.includes(profile.id))}
                  onChange={(event) => onChecked(event.currentTarget.checked ? shown.map((profile) => profile.id) : [])}
                />
              </Table.Th>
              <Table.Th>Label</Table.Th>
              <Table.Th>Protocol</Table.Th>
              <Table.Th>Last used</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((profile) => {
              const errors = profile.problems.filter((problem) => problem.severity === 'error').length;
              return (
                <Table.Tr
                  key={profile.id}
                  onClick={() => onSelect(profile.id)}
                  aria-selected={profile.id === selectedId}
                  bg={profile.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td onClick={(event) => event.stopPropagation()}>
                    <Checkbox
                      size="xs"
                      aria-label={`Select ${profile.label}`}
                      checked={checked.includes(profile.id)}
                      onChange={(event) => toggle(profile.id, event.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text
                      size="xs"
                      fw={500}
                      component="button"
                      bd={0}
                      bg="none"
                      p={0}
                      c="inherit"
                      aria-label={`Open ${profile.label}`}
                      style={{ cursor: 'pointer', textAlign: 'left' }}
                    >
                      {profile.label}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {profile.name}
                    </Text>
                    <Text size="xs" c="dimmed" truncate maw={220} title={profile.url}>
                      {profile.url}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Text size="xs">{PROTOCOL_LABELS[profile.protocol]}</Text>
                      {errors > 0 && (
                        <Badge size="xs" color="red" variant="light" title={profile.problems.map((problem) => problem.message).join('\n')}>
                          needs attention
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {profile.lastUsedAt ? new Date(profile.lastUsedAt).toLocaleString() : 'never'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {shown.length === 0 && (
          <Text size="xs" c="dimmed" p="sm">
            {profiles.length === 0 ? 'No named credentials yet. Choose New to create one.' : 'No named credential matches the search.'}
          </Text>
        )}
      </ScrollArea>
    </Stack>
  );
}
