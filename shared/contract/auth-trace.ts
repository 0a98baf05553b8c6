/**
 * The auth trace of a callout or a token preview (DESIGN §5): what Signet did to authenticate — the
 * exact JWT it sent (decoded), the token request and response with secrets redacted, cache hits.
 * Plain JSON; shown in the Request tab's Auth view and in Named Credentials' Preview Token.
 */

export type AuthTraceStep =
  /** A JWT was minted (or taken from the cache) and sent as the bearer token or used as an assertion. */
  | {
      kind: 'jwt';
      /** What the JWT was for. */
      purpose: 'bearer' | 'assertion' | 'client-assertion';
      /**
       * The compact token as minted, in full with its signature — also for assertions, whose copy in
       * the token request's `requestParams` has the signature redacted. The live view shows it (Open
       * in Inspector); persisted history redacts it.
       */
      token: string;
      header: Record<string, unknown>;
      claims: Record<string, unknown>;
      fromCache: boolean;
      /** ISO time the token expires. */
      expiresAt?: string;
    }
  /** A request to a token endpoint (jwt-bearer grant or client credentials). */
  | {
      kind: 'token-request';
      url: string;
      method: 'POST';
      /** Form parameters as sent, with `client_secret` and the assertion's signature redacted. */
      requestParams: Record<string, string>;
      requestHeaders: Record<string, string>;
      status?: number;
      /**
       * Parsed JSON response, or the raw text when not JSON. Access, refresh and ID tokens are
       * shortened: no trace carries an access token in full (the callout's `sent.headers` do).
       */
      response?: unknown;
      durationMs?: number;
      /** RFC 6749 §5.2 error and description, when the endpoint refused. */
      error?: { error: string; description?: string; message: string };
    }
  /** An access token taken from the cache instead of a new token request. */
  | { kind: 'cached-token'; tokenType: string; expiresAt?: string; timesUsed: number }
  /** Static credentials (bearer token, basic auth) applied. */
  | { kind: 'static'; scheme: 'Bearer' | 'Basic'; description: string }
  /** A refresh after the API answered with a status that triggers it (401 or a listed code). */
  | { kind: 'refresh'; status: number; reason: string }
  /** Authentication was skipped or not applicable. */
  | { kind: 'none'; reason: string };

export interface AuthTrace {
  /** The named credential used, if any. */
  credential?: { id: string; name: string; label: string; protocol: string };
  steps: AuthTraceStep[];
}
