/** Drop files here or choose them: the hidden input carries the accessible name tests and screen readers use. */
import { Button, Group, Paper, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useRef, useState } from 'react';

export function FilePicker({
  label,
  files,
  onFiles,
  multiple = false,
}: {
  label: string;
  files: File[];
  onFiles(files: File[]): void;
  multiple?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <Paper
      withBorder
      p="sm"
      style={{ borderStyle: 'dashed', background: over ? 'var(--mantine-color-default-hover)' : undefined }}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const dropped = [...event.dataTransfer.files];
        if (dropped.length) onFiles(multiple ? dropped : dropped.slice(0, 1));
      }}
    >
      <Group gap="sm" wrap="nowrap">
        <Button size="xs" variant="default" leftSection={<IconUpload size={14} />} onClick={() => input.current?.click()}>
          {label}
        </Button>
        <Text size="xs" c="dimmed" style={{ flex: 1 }} aria-live="polite">
          {files.length ? files.map((file) => file.name).join(', ') : `or drop ${multiple ? 'files' : 'a file'} here`}
        </Text>
      </Group>
      <input
        ref={input}
        type="file"
        aria-label={label}
        multiple={multiple}
        hidden
        onChange={(event) => {
          const chosen = [...(event.currentTarget.files ?? [])];
          if (chosen.length) onFiles(chosen);
          event.currentTarget.value = '';
        }}
      />
    </Paper>
  );
}
