/**
 * The variables of one environment: name, value, enabled, secret. A secret's saved value never
 * comes back from main: the row says whether one is set and offers to replace it.
 */
import { ActionIcon, Button, Checkbox, Group, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { blankVariable, editsSecretValue, keepsStoredSecret, variableNameErrors, type VariableRow } from './environment-form';

export function EnvironmentVariables({ rows, onChange }: { rows: VariableRow[]; onChange(rows: VariableRow[]): void }) {
  const errors = variableNameErrors(rows);
  const update = (index: number, patch: Partial<VariableRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap={6}>
      <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={6} aria-label="Variables">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>On</Table.Th>
            <Table.Th w="32%">Name</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th w={64}>Secret</Table.Th>
            <Table.Th w={36} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => {
            const n = index + 1;
            return (
              <Table.Tr key={index}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Enable variable ${n}`}
                    checked={row.enabled}
                    onChange={(event) => update(index, { enabled: event.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`Variable ${n} name`}
                    placeholder="name"
                    value={row.name}
                    error={errors[index]}
                    spellCheck={false}
                    onChange={(event) => update(index, { name: event.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <ValueCell row={row} n={n} onChange={(patch) => update(index, patch)} />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`Variable ${n} secret`}
                    checked={row.secret}
                    onChange={(event) => update(index, { secret: event.currentTarget.checked, replacing: false })}
                  />
                </Table.Td>
                <Table.Td>
                  <Tooltip label="Remove">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Remove variable ${n}`}
                      onClick={() => onChange(rows.filter((_, i) => i !== index))}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && (
        <Text size="xs" c="dimmed">
          No variables yet. Requests use them as {'{{name}}'} in the URL, headers and body.
        </Text>
      )}
      <Group>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, blankVariable()])}
          disabled={rows.length >= 500}
        >
          Add variable
        </Button>
      </Group>
    </Stack>
  );
}

function ValueCell({ row, n, onChange }: { row: VariableRow; n: number; onChange(patch: Partial<VariableRow>): void }) {
  if (!row.secret) {
    return (
      <TextInput
        size="xs"
        aria-label={`Variable ${n} value`}
        placeholder="value"
        value={row.value}
        spellCheck={false}
        onChange={(event) => onChange({ value: event.currentTarget.value })}
      />
    );
  }
  const stored = keepsStoredSecret(row);
  if (!editsSecretValue(row)) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Text size="xs" aria-label={`Variable ${n} secret value`} role="status">
          Set (kept in the vault)
        </Text>
        <Button
          size="compact-xs"
          variant="default"
          aria-label={`Replace variable ${n} value`}
          onClick={() => onChange({ replacing: true })}
        >
          Replace
        </Button>
      </Group>
    );
  }
  const renamed = row.storedSecretName !== null && !stored;
  return (
    <Stack gap={2}>
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          type="password"
          autoComplete="off"
          style={{ flex: 1 }}
          aria-label={`Variable ${n} new secret value`}
          placeholder={stored ? 'New value' : 'Not set'}
          value={row.value}
          onChange={(event) => onChange({ value: event.currentTarget.value })}
        />
        {stored && (
          <Button
            size="compact-xs"
            variant="subtle"
            aria-label={`Keep variable ${n} saved value`}
            onClick={() => onChange({ replacing: false, value: '' })}
          >
            Keep saved
          </Button>
        )}
      </Group>
      <Text size="xs" c={renamed ? 'orange' : 'dimmed'}>
        {renamed
          ? `Renamed from ${row.storedSecretName}: its saved value is dropped on save. Enter the value again.`
          : stored
            ? 'A value is set; what you type here replaces it on save.'
            : 'Not set. Stored encrypted in the vault; it is never shown again.'}
      </Text>
    </Stack>
  );
}
