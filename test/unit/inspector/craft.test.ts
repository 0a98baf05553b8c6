// Craft's quick claim buttons (pure helpers): "Expired" and "nbf in the future" make tokens that the
// Inspector's own validation and lint then call expired / not yet valid, at a frozen clock.
import { describe, expect, it } from 'vitest';
import { QUICK_CLAIMS } from '../../../renderer/src/features/inspector/craft';
import type { DecodedJws } from '../../../shared/jwt/decode';
import { lintToken } from '../../../shared/jwt/lint';
import { validateClaims } from '../../../shared/jwt/validate';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0, 500);
const now = Math.floor(NOW / 1000);
const quick = (label: string) => QUICK_CLAIMS.find((button) => button.label === label)!;
const BASE = { iss: 'https://signet.local', sub: 'alice', aud: 'https://api.example.com', iat: now - 10, exp: now + 290 };
const jws = (payload: Record<string, unknown>): DecodedJws => ({
  kind: 'jws',
  token: 'x.y.z',
  header: { alg: 'HS256', typ: 'JWT' },
  payload,
  segments: { header: 'x', payload: 'y', signature: 'z' },
  signatureBytes: 32,
});

describe('Craft quick claims', () => {
  it('"Expired" sets iat 10 min ago and exp 5 min ago, keeping the other claims', () => {
    const expired = quick('Expired').apply(BASE, NOW);
    expect(expired).toEqual({ ...BASE, iat: now - 600, exp: now - 300 });
    const result = validateClaims(expired, {}, NOW);
    expect(result.valid).toBe(false);
    expect(result.checks.find((check) => check.check === 'exp')).toMatchObject({ status: 'fail' });
  });

  it('"nbf in the future" sets nbf 10 min ahead, which the lint and validation flag', () => {
    const early = quick('nbf in the future').apply(BASE, NOW);
    expect(early).toEqual({ ...BASE, nbf: now + 600 });
    expect(lintToken(jws(early), { now: NOW }).map((warning) => warning.code)).toEqual(['NBF_IN_FUTURE']);
    const result = validateClaims(early, {}, NOW);
    expect(result.valid).toBe(false);
    expect(result.checks.find((check) => check.check === 'nbf')).toMatchObject({ status: 'fail' });
  });
});
