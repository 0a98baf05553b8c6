/**
 * The seam between named credentials and callouts (issue: Request tab builds on it). The credential
 * service implements `CredentialResolver`; the callout engine calls it for `callout:Name/...` URLs
 * and for requests whose auth is "Named credential". Internal to main: keys and secrets stay here.
 */
import type { AuthTrace } from '../../../shared/contract/auth-trace';

export interface CalloutContext {
  /** Variables of the active environment, for `{{var}}` in claims and custom headers. */
  variables: Record<string, string>;
  /** Ignore cached tokens and fetch/mint a fresh one (after a 401 or a listed status). */
  forceRefresh?: boolean;
  signal?: AbortSignal;
  /** For Per User profiles: the user whose subject to send (default: the profile's active user). */
  user?: string;
}

export interface ResolvedCredential {
  id: string;
  name: string;
  label: string;
  protocol: string;
  /** The profile's URL; `callout:Name/path?q` joins `path?q` onto it. */
  url: string;
  /** Headers to add to the callout: Authorization (when Generate Authorization Header is on) and the profile's custom headers, merge fields resolved. */
  headers: { name: string; value: string }[];
  /** Client certificate for mutual TLS with the endpoint (PEM; never leaves main). */
  clientTls?: { cert: string; key: string };
  /** Resolves `{!$Credential.*}` merge fields in a request header value or body, where the profile allows it. */
  mergeFields: { inHeaders: boolean; inBody: boolean; apply(text: string): string };
  /** Status codes besides 401 that trigger one refresh and retry. */
  refreshOn: number[];
  trace: AuthTrace;
}

export interface CredentialResolver {
  /** Resolves auth for the named credential `name` (its API name). NOT_FOUND when there is none. */
  resolveAuth(name: string, context: CalloutContext): Promise<ResolvedCredential>;
  /** Drops cached tokens for the profile so the next resolve fetches a fresh one. */
  invalidate(name: string): void;
}
