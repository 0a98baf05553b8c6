/** Validate claims: what the recipient expects, each check listed pass/fail with the values compared. */
import { Badge, Group, NumberInput, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { validateClaims, type ClaimExpectations } from '../../../../shared/jwt/validate';
import { useNow } from './hooks';

export interface ValidateForm {
  issuer: string;
  audience: string;
  subject: string;
  clockToleranceSeconds: number | string;
  maxAgeSeconds: number | string;
}

export const EMPTY_VALIDATE_FORM: ValidateForm = { issuer: '', audience: '', subject: '', clockToleranceSeconds: 0, maxAgeSeconds: '' };

function expectations(form: ValidateForm): ClaimExpectations {
  const number = (value: number | string) => (typeof value === 'number' ? value : value.trim() ? Number(value) : undefined);
  const tolerance = number(form.clockToleranceSeconds);
  const maxAge = number(form.maxAgeSeconds);
  return {
    ...(form.issuer.trim() ? { issuer: form.issuer.trim() } : {}),
    ...(form.audience.trim() ? { audience: form.audience.trim() } : {}),
    ...(form.subject.trim() ? { subject: form.subject.trim() } : {}),
    ...(tolerance !== undefined && Number.isFinite(tolerance) ? { clockToleranceSeconds: tolerance } : {}),
    ...(maxAge !== undefined && Number.isFinite(maxAge) ? { maxAgeSeconds: maxAge } : {}),
  };
}

const STATUS_COLOR = { pass: 'teal', fail: 'red', skip: 'gray' } as const;

export function ValidatePanel({
  payload,
  form,
  onChange,
}: {
  payload: Record<string, unknown>;
  form: ValidateForm;
  onChange(form: ValidateForm): void;
}) {
  const now = useNow();
  const result = validateClaims(payload, expectations(form), now);
  const set =
    <K extends keyof ValidateForm>(key: K) =>
    (value: ValidateForm[K]) =>
      onChange({ ...form, [key]: value });
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <TextInput label="Expected issuer" value={form.issuer} onChange={(e) => set('issuer')(e.currentTarget.value)} size="xs" />
        <TextInput label="Expected audience" value={form.audience} onChange={(e) => set('audience')(e.currentTarget.value)} size="xs" />
        <TextInput label="Expected subject" value={form.subject} onChange={(e) => set('subject')(e.currentTarget.value)} size="xs" />
        <NumberInput
          label="Clock tolerance (seconds)"
          value={form.clockToleranceSeconds}
          onChange={set('clockToleranceSeconds')}
          min={0}
          max={86_400}
          size="xs"
        />
        <NumberInput
          label="Max age (seconds)"
          value={form.maxAgeSeconds}
          onChange={set('maxAgeSeconds')}
          min={1}
          size="xs"
          placeholder="No limit"
        />
      </SimpleGrid>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Result:
        </Text>
        <Badge color={result.valid ? 'teal' : 'red'} role="status" aria-label="Validation result">
          {result.valid ? 'Claims valid' : 'Claims invalid'}
        </Badge>
      </Group>
      <Table aria-label="Claim checks" withTableBorder verticalSpacing={4} fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Check</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Expected</Table.Th>
            <Table.Th>Token</Table.Th>
            <Table.Th>Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.checks.map((check) => (
            <Table.Tr key={check.check} data-check={check.check}>
              <Table.Td>{check.label}</Table.Td>
              <Table.Td>
                <Badge size="xs" color={STATUS_COLOR[check.status]}>
                  {check.status}
                </Badge>
              </Table.Td>
              <Table.Td className="signet-mono">{check.expected}</Table.Td>
              <Table.Td className="signet-mono">{check.actual}</Table.Td>
              <Table.Td>{check.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
