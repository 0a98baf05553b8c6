/**
 * Warnings about a decoded token (the Inspector's lint): things that are legal but usually a bug or
 * a risk. Pure, so the renderer lints as the user types.
 */
import { formatDuration, MILLISECONDS_THRESHOLD, TIME_CLAIMS, tokenLifetime } from './claims';
import type { DecodedJws } from './decode';

export type LintCode =
  | 'ALG_NONE'
  | 'EXP_MISSING'
  | 'TIME_IN_MILLISECONDS'
  | 'NBF_IN_FUTURE'
  | 'LIFETIME_TOO_LONG'
  | 'AUD_MISSING'
  | 'KID_MISSING'
  | 'HMAC_SECRET_SHORT'
  | 'TYP_UNUSUAL'
  | 'CRIT_PRESENT';

export interface LintWarning {
  code: LintCode;
  /** `danger` for what makes a token unsafe to accept, `warning` for likely bugs. */
  severity: 'danger' | 'warning';
  message: string;
  /** The claim or header parameter concerned. */
  field?: string;
}

export interface LintOptions {
  /** Milliseconds since the epoch. */
  now: number;
  /** Lifetimes longer than this are flagged (default 24 h). */
  maxLifetimeSeconds?: number;
  /** How many known keys could verify this token: store certificates or JWKS entries whose type fits its alg. */
  candidateKeys?: number;
  /** Length of the HMAC secret being used to verify an HS* token. */
  hmacSecretBytes?: number;
  /** Clock tolerance for `nbf` (default 0). */
  clockToleranceSeconds?: number;
}

export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;

/** `typ` values in common use (RFC 7519 §5.1, RFC 9068, RFC 9449, RFC 8417, OIDC Back-Channel Logout). */
const KNOWN_TYPES = [
  'jwt',
  'at+jwt',
  'dpop+jwt',
  'secevent+jwt',
  'logout+jwt',
  'jose',
  'jwt-bearer',
  'id_token+jwt',
  'client-authentication+jwt',
];

/** Bytes of HMAC key that match the hash size (RFC 7518 §3.2: the key must be at least that long). */
export function hmacMinimumBytes(alg: string): number | null {
  const match = /^HS(256|384|512)$/.exec(alg);
  return match ? Number(match[1]) / 8 : null;
}

type Add = (code: LintCode, severity: LintWarning['severity'], message: string, field?: string) => void;

export function lintToken(token: DecodedJws, options: LintOptions): LintWarning[] {
  const { header } = token;
  const warnings: LintWarning[] = [];
  const add: Add = (code, severity, message, field) =>
    warnings.push(field ? { code, severity, message, field } : { code, severity, message });
  const alg = typeof header.alg === 'string' ? header.alg : '';

  if (alg.toLowerCase() === 'none') {
    add('ALG_NONE', 'danger', 'alg is "none": the token is unsigned and anyone can forge it. A server must never accept it.', 'alg');
  }
  // A JWS whose payload is not a JSON object (RFC 8037 A.4 signs plain text) has no claims to lint.
  if (!token.notJwt) lintClaims(token.payload, options, add);
  lintHeader(header, alg, options, add);
  return warnings;
}

function lintClaims(payload: Record<string, unknown>, options: LintOptions, add: Add) {
  if (payload.exp === undefined) {
    add('EXP_MISSING', 'warning', 'No exp claim: the token never expires. Give it a short lifetime (exp).', 'exp');
  }
  for (const claim of TIME_CLAIMS) {
    const value = payload[claim];
    if (typeof value === 'number' && Math.abs(value) >= MILLISECONDS_THRESHOLD) {
      add(
        'TIME_IN_MILLISECONDS',
        'warning',
        `${claim} looks like milliseconds (${value}); JWT times are seconds since 1970 (RFC 7519 §2). Divide by 1000.`,
        claim,
      );
    }
  }
  const tolerance = options.clockToleranceSeconds ?? 0;
  if (typeof payload.nbf === 'number' && payload.nbf < MILLISECONDS_THRESHOLD && payload.nbf > options.now / 1000 + tolerance) {
    add(
      'NBF_IN_FUTURE',
      'warning',
      `nbf is in the future: the token is not valid for another ${formatDuration(payload.nbf - options.now / 1000)}.`,
      'nbf',
    );
  }
  const lifetime = tokenLifetime(payload);
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  if (lifetime !== null && lifetime > maxLifetime) {
    add(
      'LIFETIME_TOO_LONG',
      'warning',
      `The token lives ${formatDuration(lifetime)}, longer than ${formatDuration(maxLifetime)}. Short-lived tokens limit the damage of a leak.`,
      'exp',
    );
  }
  if (payload.aud === undefined) {
    add(
      'AUD_MISSING',
      'warning',
      'No aud claim: any service that trusts the issuer would accept this token. Name the intended audience.',
      'aud',
    );
  }
}

function lintHeader(header: Record<string, unknown>, alg: string, options: LintOptions, add: Add) {
  if (header.kid === undefined && (options.candidateKeys ?? 0) > 1) {
    add(
      'KID_MISSING',
      'warning',
      `No kid in the header, and ${options.candidateKeys} known keys could verify it: the verifier has to try each. Set kid.`,
      'kid',
    );
  }
  const minimum = hmacMinimumBytes(alg);
  if (minimum !== null && options.hmacSecretBytes !== undefined && options.hmacSecretBytes < minimum) {
    add(
      'HMAC_SECRET_SHORT',
      'danger',
      `The ${alg} secret is ${options.hmacSecretBytes} bytes; RFC 7518 §3.2 requires at least ${minimum} bytes. Short secrets can be brute-forced.`,
      'alg',
    );
  }
  if (header.typ !== undefined) {
    const typ = typeof header.typ === 'string' ? header.typ.toLowerCase().replace(/^application\//, '') : '';
    if (!KNOWN_TYPES.includes(typ)) {
      add(
        'TYP_UNUSUAL',
        'warning',
        `typ is ${JSON.stringify(header.typ)}, not a usual value such as "JWT" or "at+jwt". Servers checking typ may refuse it.`,
        'typ',
      );
    }
  }
  if (header.crit !== undefined) {
    add(
      'CRIT_PRESENT',
      'warning',
      `The header marks ${JSON.stringify(header.crit)} as critical: a verifier that does not understand them must reject the token (RFC 7515 §4.1.11).`,
      'crit',
    );
  }
}
