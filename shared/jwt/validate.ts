/**
 * Validating a token's claims against what the recipient expects (RFC 7519 §7.2): each check listed
 * with pass/fail and the values compared. Pure; signature verification is separate (in main).
 */
import { formatDuration, toSeconds } from './claims';

export interface ClaimExpectations {
  issuer?: string;
  /** One audience the token must include. */
  audience?: string;
  subject?: string;
  /** Allowed clock skew, seconds (default 0). */
  clockToleranceSeconds?: number;
  /** The token must be younger than this (from `iat`), seconds. */
  maxAgeSeconds?: number;
}

export type CheckName = 'exp' | 'nbf' | 'iat' | 'iss' | 'aud' | 'sub' | 'maxAge';

export interface ClaimCheck {
  check: CheckName;
  label: string;
  status: 'pass' | 'fail' | 'skip';
  /** What was expected and what the token says, for display. */
  expected: string;
  actual: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  checks: ClaimCheck[];
}

const show = (value: unknown) => (value === undefined ? '(absent)' : typeof value === 'string' ? value : JSON.stringify(value));
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** `now` in milliseconds since the epoch. */
export function validateClaims(payload: Record<string, unknown>, expected: ClaimExpectations, now: number): ValidationResult {
  const tolerance = expected.clockToleranceSeconds ?? 0;
  const nowSeconds = now / 1000;
  const checks: ClaimCheck[] = [];
  const push = (check: ClaimCheck) => checks.push(check);

  const exp = payload.exp;
  if (exp === undefined) {
    push({
      check: 'exp',
      label: 'Not expired',
      status: 'skip',
      expected: `after ${iso(nowSeconds)}`,
      actual: '(absent)',
      message: 'No exp claim: the token never expires.',
    });
  } else if (typeof exp !== 'number') {
    push({
      check: 'exp',
      label: 'Not expired',
      status: 'fail',
      expected: 'a number of seconds',
      actual: show(exp),
      message: 'exp must be a NumericDate (seconds since 1970).',
    });
  } else {
    const ok = nowSeconds < toSeconds(exp) + tolerance;
    const span = formatDuration(toSeconds(exp) - nowSeconds);
    push({
      check: 'exp',
      label: 'Not expired',
      status: ok ? 'pass' : 'fail',
      expected: `after now − ${tolerance} s tolerance`,
      actual: iso(toSeconds(exp)),
      message: ok ? `Expires in ${span}.` : `Expired ${span} ago${tolerance ? ` (beyond the ${tolerance} s tolerance)` : ''}.`,
    });
  }

  const nbf = payload.nbf;
  if (nbf === undefined) {
    push({
      check: 'nbf',
      label: 'Already valid (nbf)',
      status: 'skip',
      expected: 'before now',
      actual: '(absent)',
      message: 'No nbf claim.',
    });
  } else if (typeof nbf !== 'number') {
    push({
      check: 'nbf',
      label: 'Already valid (nbf)',
      status: 'fail',
      expected: 'a number of seconds',
      actual: show(nbf),
      message: 'nbf must be a NumericDate.',
    });
  } else {
    const ok = toSeconds(nbf) <= nowSeconds + tolerance;
    push({
      check: 'nbf',
      label: 'Already valid (nbf)',
      status: ok ? 'pass' : 'fail',
      expected: `before now + ${tolerance} s tolerance`,
      actual: iso(toSeconds(nbf)),
      message: ok ? 'The token is already valid.' : `Not valid yet: valid in ${formatDuration(toSeconds(nbf) - nowSeconds)}.`,
    });
  }

  const iat = payload.iat;
  if (iat === undefined) {
    push({
      check: 'iat',
      label: 'Issued in the past',
      status: 'skip',
      expected: 'before now',
      actual: '(absent)',
      message: 'No iat claim.',
    });
  } else if (typeof iat !== 'number') {
    push({
      check: 'iat',
      label: 'Issued in the past',
      status: 'fail',
      expected: 'a number of seconds',
      actual: show(iat),
      message: 'iat must be a NumericDate.',
    });
  } else {
    const ok = toSeconds(iat) <= nowSeconds + tolerance;
    push({
      check: 'iat',
      label: 'Issued in the past',
      status: ok ? 'pass' : 'fail',
      expected: `before now + ${tolerance} s tolerance`,
      actual: iso(toSeconds(iat)),
      message: ok
        ? `Issued ${formatDuration(nowSeconds - toSeconds(iat))} ago.`
        : `Issued in the future (${formatDuration(toSeconds(iat) - nowSeconds)} ahead): check the issuer's clock.`,
    });
  }

  if (expected.maxAgeSeconds !== undefined) {
    const max = expected.maxAgeSeconds;
    if (typeof iat !== 'number') {
      push({
        check: 'maxAge',
        label: 'Max age',
        status: 'fail',
        expected: `≤ ${formatDuration(max)}`,
        actual: show(iat),
        message: 'A max age needs an iat claim, and the token has none.',
      });
    } else {
      const age = nowSeconds - toSeconds(iat);
      const ok = age <= max + tolerance;
      push({
        check: 'maxAge',
        label: 'Max age',
        status: ok ? 'pass' : 'fail',
        expected: `≤ ${formatDuration(max)}`,
        actual: formatDuration(age),
        message: ok
          ? `The token is ${formatDuration(age)} old.`
          : `The token is ${formatDuration(age)} old, older than ${formatDuration(max)}.`,
      });
    }
  }

  if (expected.issuer) {
    const ok = payload.iss === expected.issuer;
    push({
      check: 'iss',
      label: 'Issuer',
      status: ok ? 'pass' : 'fail',
      expected: expected.issuer,
      actual: show(payload.iss),
      message: ok ? 'The issuer matches.' : `iss is ${show(payload.iss)}, expected ${expected.issuer}.`,
    });
  }
  if (expected.audience) {
    const aud = payload.aud;
    const list = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
    const ok = list.includes(expected.audience);
    push({
      check: 'aud',
      label: 'Audience',
      status: ok ? 'pass' : 'fail',
      expected: expected.audience,
      actual: show(aud),
      message: ok ? 'The audience includes the expected value.' : `aud is ${show(aud)}, expected it to include ${expected.audience}.`,
    });
  }
  if (expected.subject) {
    const ok = payload.sub === expected.subject;
    push({
      check: 'sub',
      label: 'Subject',
      status: ok ? 'pass' : 'fail',
      expected: expected.subject,
      actual: show(payload.sub),
      message: ok ? 'The subject matches.' : `sub is ${show(payload.sub)}, expected ${expected.subject}.`,
    });
  }
  return { valid: checks.every((check) => check.status !== 'fail'), checks };
}
