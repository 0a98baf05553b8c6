/** Catches render errors in a view and says so in words, with a way back. */
import { Alert, Button, Code, Stack } from '@mantine/core';
import { Component, type ReactNode } from 'react';

interface Props {
  /** What the boundary wraps, for the message ("the Certificates tab"). */
  area: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error(`Render error in ${this.props.area}`, error);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert color="red" title={`Something went wrong in ${this.props.area}`} role="alert" m="md">
        <Stack gap="xs">
          <span>
            This view hit an unexpected error. Your saved data is not affected. Try again; if it keeps happening, reload the window.
          </span>
          <Code block>{error.message}</Code>
          <Button variant="light" color="red" onClick={() => this.setState({ error: null })} w="fit-content">
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
}
