/** The token with its parts colour-coded (header, payload, signature) as jwt.io shows them. */
import { Box, Group, Text } from '@mantine/core';
import type { DecodedToken } from '../../../../shared/jwt/decode';

// Theme colors (not fixed shades) so the text stays readable in light and dark (app/theme.ts cssVariablesResolver).
export const SEGMENT_COLORS = { header: 'red', payload: 'grape', signature: 'cyan', other: 'teal' } as const;

export function TokenSegments({ token }: { token: DecodedToken }) {
  const parts =
    token.kind === 'jws'
      ? [
          { text: token.segments.header, color: SEGMENT_COLORS.header, name: 'header' },
          { text: token.segments.payload, color: SEGMENT_COLORS.payload, name: 'payload' },
          { text: token.segments.signature, color: SEGMENT_COLORS.signature, name: 'signature' },
        ]
      : [
          { text: token.segments.header, color: SEGMENT_COLORS.header, name: 'protected header' },
          { text: token.segments.encryptedKey, color: SEGMENT_COLORS.other, name: 'encrypted key' },
          { text: token.segments.iv, color: SEGMENT_COLORS.payload, name: 'iv' },
          { text: token.segments.ciphertext, color: SEGMENT_COLORS.signature, name: 'ciphertext' },
          { text: token.segments.tag, color: SEGMENT_COLORS.other, name: 'tag' },
        ];
  return (
    <Box>
      <Text size="xs" className="signet-mono" aria-label="Token parts" style={{ maxHeight: 140, overflow: 'auto' }}>
        {parts.map((part, index) => (
          <span key={part.name}>
            {index > 0 && '.'}
            <Text span inherit c={part.color} title={part.name}>
              {part.text}
            </Text>
          </span>
        ))}
      </Text>
      <Group gap="sm" mt={4}>
        {parts.map((part) => (
          <Text key={part.name} size="xs" c={part.color}>
            ■ {part.name}
          </Text>
        ))}
      </Group>
    </Box>
  );
}
