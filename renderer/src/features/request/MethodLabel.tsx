/** An HTTP method in its colour, as the inner tabs and the sidebar show it. */
import { Box } from '@mantine/core';

export function methodColor(method: string): string {
  switch (method) {
    case 'GET':
      return 'teal';
    case 'POST':
      return 'blue';
    case 'PUT':
    case 'PATCH':
      return 'orange';
    case 'DELETE':
      return 'red';
    default:
      return 'gray';
  }
}

export function MethodLabel({ method, width }: { method: string; width?: number }) {
  return (
    <Box component="span" c={methodColor(method)} fw={700} mr={4} fz="xs" w={width} style={{ flexShrink: 0, display: 'inline-block' }}>
      {method}
    </Box>
  );
}
