/** Shows how strong a new passphrase looks, with a hint. */
import { Group, Progress, Text } from '@mantine/core';
import { passphraseStrength } from '../../../../shared/passphrase-strength';

const COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const;

export function PassphraseStrengthMeter({ passphrase }: { passphrase: string }) {
  const strength = passphraseStrength(passphrase);
  const value = passphrase ? Math.max(8, strength.score * 25) : 0;
  return (
    <div>
      {/* The bar itself is the progressbar (Mantine's own aria says only a percentage); it reads as the label. */}
      <Progress.Root size="xs">
        <Progress.Section
          value={value}
          color={COLORS[strength.score]}
          withAria={false}
          role="progressbar"
          aria-label="Passphrase strength"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={value}
          aria-valuetext={passphrase ? strength.label : 'Empty'}
        />
      </Progress.Root>
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
