/** The Inspector tab. */
import { EmptyState } from '../../app/EmptyState';

export function InspectorTab() {
  return (
    <EmptyState title="Inspector">
      The token inspector will live here: paste a JWT to decode, lint, verify and validate it, or craft one to test a server.
    </EmptyState>
  );
}
