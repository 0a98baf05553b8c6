/** The Request tab. */
import { EmptyState } from '../../app/EmptyState';

export function RequestTab() {
  return (
    <EmptyState title="Request">
      The request builder will live here: method, URL (absolute or callout:Name/path), params, headers, body, and the response with its auth
      trace.
    </EmptyState>
  );
}
