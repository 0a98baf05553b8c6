/** A calm placeholder that names what will live in a view. */
import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack align="center" justify="center" gap={6} p="xl" mih={240} ta="center">
      <Title order={4} c="dimmed">
        {title}
      </Title>
      <Text size="sm" c="dimmed" maw={560}>
        {children}
      </Text>
    </Stack>
  );
}
