/** The lint warnings for a token, most serious first. */
import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { LintWarning } from '../../../../shared/jwt/lint';

export function WarningsList({ warnings }: { warnings: LintWarning[] }) {
  if (warnings.length === 0) {
    return (
      <Text size="xs" c="dimmed" aria-label="Warnings">
        No warnings.
      </Text>
    );
  }
  const sorted = [...warnings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'danger' ? -1 : 1));
  const danger = warnings.some((warning) => warning.severity === 'danger');
  return (
    <Alert
      color={danger ? 'red' : 'yellow'}
      icon={<IconAlertTriangle size={16} />}
      title={`${warnings.length} warning${warnings.length > 1 ? 's' : ''}`}
      p="xs"
    >
      <List size="xs" spacing={2} aria-label="Warnings">
        {sorted.map((warning) => (
          <List.Item key={`${warning.code}-${warning.field ?? ''}`} data-lint={warning.code}>
            {warning.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
