/**
 * The Claims table: each registered claim named and explained, times shown as local time, UTC and
 * relative to now. Pure (no Node, no DOM) so the renderer computes it as the user types.
 */

export interface ClaimInfo {
  title: string;
  explanation: string;
  /** Where the claim is defined. */
  source: string;
}

/** Registered and widely used claims (RFC 7519 §4.1, RFC 8693, RFC 9068, RFC 7800, OIDC Core). */
export const CLAIM_INFO: Record<string, ClaimInfo> = {
  iss: { title: 'Issuer', explanation: 'Who issued the token; the verifier checks it is a party it trusts.', source: 'RFC 7519 §4.1.1' },
  sub: { title: 'Subject', explanation: 'Who the token is about: the user or client it speaks for.', source: 'RFC 7519 §4.1.2' },
  aud: {
    title: 'Audience',
    explanation: 'Who the token is for; a recipient must reject a token whose audience is not itself.',
    source: 'RFC 7519 §4.1.3',
  },
  exp: { title: 'Expiration time', explanation: 'The token must not be accepted at or after this time.', source: 'RFC 7519 §4.1.4' },
  nbf: { title: 'Not before', explanation: 'The token must not be accepted before this time.', source: 'RFC 7519 §4.1.5' },
  iat: { title: 'Issued at', explanation: 'When the token was issued; gives its age.', source: 'RFC 7519 §4.1.6' },
  jti: { title: 'JWT ID', explanation: 'A unique id for this token, so a recipient can refuse a replay.', source: 'RFC 7519 §4.1.7' },
  scope: { title: 'Scope', explanation: 'Space-separated permissions granted to the token.', source: 'RFC 8693 §4.2' },
  scp: {
    title: 'Scopes',
    explanation: 'Permissions granted (a list or a string); Microsoft and Okta spell scope this way.',
    source: 'vendor',
  },
  azp: { title: 'Authorized party', explanation: 'The client the token was issued to (OpenID Connect).', source: 'OIDC Core §2' },
  client_id: { title: 'Client ID', explanation: 'The OAuth client that requested the token.', source: 'RFC 8693 §4.3' },
  cnf: {
    title: 'Confirmation',
    explanation: 'Binds the token to a key (proof of possession), e.g. an mTLS certificate thumbprint x5t#S256.',
    source: 'RFC 7800',
  },
  auth_time: { title: 'Authentication time', explanation: 'When the user last authenticated.', source: 'OIDC Core §2' },
  nonce: { title: 'Nonce', explanation: 'Ties an ID token to the client session that asked for it.', source: 'OIDC Core §2' },
  acr: { title: 'Authentication context', explanation: 'How strongly the user was authenticated.', source: 'OIDC Core §2' },
  amr: { title: 'Authentication methods', explanation: 'How the user authenticated (pwd, mfa, otp...).', source: 'OIDC Core §2' },
  sid: { title: 'Session ID', explanation: 'The login session at the issuer.', source: 'OIDC Front-Channel Logout' },
  act: { title: 'Actor', explanation: 'Who acts on behalf of the subject (token exchange).', source: 'RFC 8693 §4.1' },
  may_act: { title: 'May act', explanation: 'Who is allowed to act on behalf of the subject.', source: 'RFC 8693 §4.4' },
  roles: { title: 'Roles', explanation: 'Roles granted to the subject.', source: 'RFC 9068 §2.2.3.1' },
  groups: { title: 'Groups', explanation: 'Groups the subject belongs to.', source: 'RFC 9068 §2.2.3.1' },
  entitlements: { title: 'Entitlements', explanation: 'Entitlements of the subject.', source: 'RFC 9068 §2.2.3.1' },
  email: { title: 'Email', explanation: "The subject's email address.", source: 'OIDC Core §5.1' },
  name: { title: 'Name', explanation: "The subject's full name.", source: 'OIDC Core §5.1' },
  preferred_username: { title: 'Preferred username', explanation: 'The name the subject goes by.', source: 'OIDC Core §5.1' },
  tid: { title: 'Tenant ID', explanation: 'The directory tenant that issued the token (Microsoft Entra).', source: 'vendor' },
  oid: { title: 'Object ID', explanation: "The subject's immutable id in the directory (Microsoft Entra).", source: 'vendor' },
};

/** Claims whose value is a NumericDate (seconds since the epoch, RFC 7519 §2). */
export const TIME_CLAIMS = ['exp', 'nbf', 'iat', 'auth_time'] as const;

/** Above this a NumericDate is almost surely milliseconds (1e11 seconds is the year 5138). */
export const MILLISECONDS_THRESHOLD = 1e11;

export interface TimeView {
  /** The instant in the viewer's local time zone. */
  local: string;
  /** The instant in UTC, ISO 8601. */
  utc: string;
  /** "expires in 4 min", "expired 2 h ago", "issued 3 min ago". */
  relative: string;
  /** True when the number looks like milliseconds rather than seconds. */
  milliseconds: boolean;
}

export interface ClaimRow {
  claim: string;
  title: string;
  explanation: string;
  /** The value as JSON (strings unquoted). */
  value: string;
  time?: TimeView;
}

/** "4 min", "2 h", "3 d" — short and rounded. */
export function formatDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400 * 2) {
    const hours = s / 3600;
    return `${hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours)} h`;
  }
  if (s < 86_400 * 730) return `${Math.round(s / 86_400)} d`;
  return `${Math.round(s / (86_400 * 365))} years`;
}

function relativePhrase(claim: string, delta: number): string {
  const span = formatDuration(delta);
  const future = delta > 0;
  switch (claim) {
    case 'exp':
      return future ? `expires in ${span}` : `expired ${span} ago`;
    case 'nbf':
      return future ? `not valid for another ${span}` : `valid since ${span} ago`;
    case 'iat':
      return future ? `issued ${span} in the future` : `issued ${span} ago`;
    default:
      return future ? `in ${span}` : `${span} ago`;
  }
}

/** Shows a NumericDate three ways. `now` is in milliseconds. */
export function describeTime(claim: string, value: number, now: number): TimeView {
  const milliseconds = Math.abs(value) >= MILLISECONDS_THRESHOLD;
  const ms = milliseconds ? value : value * 1000;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return { local: 'not a valid date', utc: 'not a valid date', relative: '', milliseconds };
  return {
    local: date.toLocaleString(),
    utc: date.toISOString().replace('.000Z', 'Z'),
    relative: relativePhrase(claim, (ms - now) / 1000),
    milliseconds,
  };
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One row per claim, registered claims first in a fixed order, then the rest as they appear. */
export function claimRows(payload: Record<string, unknown>, now: number): ClaimRow[] {
  const known = Object.keys(CLAIM_INFO);
  const names = [...known.filter((name) => name in payload), ...Object.keys(payload).filter((name) => !(name in CLAIM_INFO))];
  return names.map((claim) => {
    const info = CLAIM_INFO[claim];
    const value = payload[claim];
    const row: ClaimRow = {
      claim,
      title: info?.title ?? 'Custom claim',
      explanation: info?.explanation ?? 'Not a registered claim: its meaning is agreed between issuer and recipient.',
      value: show(value),
    };
    if ((TIME_CLAIMS as readonly string[]).includes(claim) && typeof value === 'number') row.time = describeTime(claim, value, now);
    return row;
  });
}

/** Seconds from `iat` (or `nbf`) to `exp`; null when the token does not say. */
export function tokenLifetime(payload: Record<string, unknown>): number | null {
  const { exp } = payload;
  const start = typeof payload.iat === 'number' ? payload.iat : payload.nbf;
  if (typeof exp !== 'number' || typeof start !== 'number') return null;
  return toSeconds(exp) - toSeconds(start);
}

/** A NumericDate in seconds, reading an accidental milliseconds value as what it meant. */
export function toSeconds(value: number): number {
  return Math.abs(value) >= MILLISECONDS_THRESHOLD ? value / 1000 : value;
}
