/** The Receiver tab. */
import { EmptyState } from '../../app/EmptyState';

export function ReceiverTab() {
  return (
    <EmptyState title="Receiver">
      The receiver will live here: a local service that publishes a JWKS, runs the jwt-bearer grant and verifies bearer tokens — and says
      why it rejects one.
    </EmptyState>
  );
}
