/** The Named Credentials tab. */
import { EmptyState } from '../../app/EmptyState';

export function CredentialsTab() {
  return (
    <EmptyState title="Named Credentials">
      Named credential profiles will live here: endpoint, identity and authentication protocol (JWT, JWT Token Exchange, client
      credentials), with token preview and cache.
    </EmptyState>
  );
}
