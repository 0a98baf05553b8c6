/** A labelled value with a copy button ("Copy x5t#S256"). */
import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

export function CopyValue({ label, value, mono = true }: { label: string; value: string; mono?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <Text size="xs" className={mono ? 'signet-mono' : undefined} aria-label={label} style={{ flex: 1 }}>
        {value || '—'}
      </Text>
      {value && (
        <CopyButton value={value} timeout={1500}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : `Copy ${label}`}>
              <ActionIcon size="sm" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`Copy ${label}`}>
                {copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      )}
    </Group>
  );
}
