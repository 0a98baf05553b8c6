/** Header, payload and signature of a decoded token, as pretty JSON with copy buttons. */
import { Alert, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { DecodedToken } from '../../../../shared/jwt/decode';
import { CodeEditor } from '../../components/CodeEditor';
import { CopyValue } from '../../components/CopyValue';
import { CopyTextButton } from './CopyTextButton';
import { SEGMENT_COLORS } from './TokenSegments';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function JsonBlock({ title, value, color }: { title: string; value: string; color: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={600} c={color}>
          {title}
        </Text>
        <CopyTextButton value={value} label={`Copy ${title.toLowerCase()}`} />
      </Group>
      <CodeEditor label={`${title} JSON`} value={value} language="json" readOnly maxHeight={320} lineWrapping />
    </Stack>
  );
}

export function DecodedView({ token }: { token: DecodedToken }) {
  if (token.kind === 'jwe') {
    return (
      <Stack gap="xs">
        <Alert color="blue" title="Encrypted token (JWE)">
          This token has five parts: it is encrypted (RFC 7516). Only the protected header can be read; the payload is encrypted for its
          recipient ({String(token.header.enc ?? 'unknown enc')}, key management {String(token.header.alg ?? 'unknown')}), so there are no
          claims to show and no signature to verify here.
        </Alert>
        <JsonBlock title="Protected header" value={pretty(token.header)} color={SEGMENT_COLORS.header} />
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <JsonBlock title="Header" value={pretty(token.header)} color={SEGMENT_COLORS.header} />
        {token.notJwt ? (
          <Stack gap={4}>
            <Text size="sm" fw={600} c={SEGMENT_COLORS.payload}>
              Payload
            </Text>
            <Alert color="yellow" title="Not a JWT">
              {token.notJwt.error.message} The signature can still be verified.
            </Alert>
            <CodeEditor
              label="Payload text"
              value={token.notJwt.payloadText ?? '(binary: not UTF-8 text)'}
              readOnly
              maxHeight={200}
              lineWrapping
            />
          </Stack>
        ) : (
          <JsonBlock title="Payload" value={pretty(token.payload)} color={SEGMENT_COLORS.payload} />
        )}
      </SimpleGrid>
      <Stack gap={2}>
        <Text size="sm" fw={600} c={SEGMENT_COLORS.signature}>
          Signature ({token.signatureBytes} bytes)
        </Text>
        <CopyValue label="Signature" value={token.segments.signature} />
      </Stack>
    </Stack>
  );
}
