/** Shows how strong a new passphrase looks, with a hint. */
import { Group, Progress, Text } from '@mantine/core';
import { passphraseStrength } from '../../../../shared/passphrase-strength';

const COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const;

export function PassphraseStrengthMeter({ passphrase }: { passphrase: string }) {
  const strength = passphraseStrength(passphrase);
  return (
    <div>
      <Progress
        value={passphrase ? Math.max(8, strength.score * 25) : 0}
        color={COLORS[strength.score]}
        size="xs"
        aria-label="Passphrase strength"
        aria-valuetext={strength.label}
      />
      <Group justify="space-between" gap="xs" mt={4}>
        <Text size="xs" fw={600} c={COLORS[strength.score]} data-testid="passphrase-strength">
          {passphrase ? strength.label : ' '}
        </Text>
        <Text size="xs" c="dimmed">
          {passphrase ? strength.hint : 'A few random words make a strong, memorable passphrase.'}
        </Text>
      </Group>
    </div>
  );
}
