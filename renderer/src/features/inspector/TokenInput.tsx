/** The Token box: decodes as the user types; a bad token gets the decoder's message, the text stays. */
import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { IconEdit, IconPin, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { DecodeResult } from '../../../../shared/jwt/decode';
import { api } from '../../bridge';
import { notifyError, notifySuccess } from '../../app/notify';
import { CopyTextButton } from './CopyTextButton';
import { TokenSegments } from './TokenSegments';
import { usePins } from './usePins';

export function TokenInput({
  text,
  onChange,
  decoded,
  onEditInCraft,
}: {
  text: string;
  onChange(text: string): void;
  decoded: DecodeResult | null;
  onEditInCraft?: () => void;
}) {
  const [pinning, setPinning] = useState(false);
  const { reload } = usePins();
  const pin = async () => {
    if (!decoded?.ok) return;
    setPinning(true);
    try {
      const pinned = await api.inspector.pin({ token: decoded.token.token });
      await reload();
      notifySuccess(`Pinned as "${pinned.label}". Pinned tokens are kept in the vault.`);
    } catch (error) {
      notifyError(error, 'Pinning the token');
    } finally {
      setPinning(false);
    }
  };
  return (
    <Stack gap="xs">
      <Textarea
        label="Token"
        description='A JWT, "Bearer …", or a whole Authorization header.'
        placeholder="eyJhbGciOi…"
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
        autosize
        minRows={4}
        maxRows={10}
        spellCheck={false}
        error={decoded && !decoded.ok ? ' ' : undefined}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11, wordBreak: 'break-all' } }}
      />
      {decoded && !decoded.ok && (
        <Alert color="red" title="Cannot decode this token" role="alert" p="xs">
          {decoded.error.message}
        </Alert>
      )}
      {decoded?.ok && <TokenSegments token={decoded.token} />}
      <Group gap="xs">
        {decoded?.ok && <CopyTextButton value={decoded.token.token} label="Copy token" />}
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconPin size={12} />}
          onClick={pin}
          loading={pinning}
          disabled={!decoded?.ok}
        >
          Pin token
        </Button>
        {onEditInCraft && (
          <Button size="compact-xs" variant="light" leftSection={<IconEdit size={12} />} onClick={onEditInCraft}>
            Edit in Craft
          </Button>
        )}
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={<IconX size={12} />}
          onClick={() => onChange('')}
          disabled={!text}
        >
          Clear
        </Button>
      </Group>
    </Stack>
  );
}
