// The pure parts the renderer runs as the user types: lint warnings (each listed case), the Claims
// table (explanations; local, UTC and relative times; lifetime).
import { describe, expect, it } from 'vitest';
import { claimRows, describeTime, formatDuration, tokenLifetime } from '../../../shared/jwt/claims';
import type { DecodedJws } from '../../../shared/jwt/decode';
import { lintToken, type LintCode } from '../../../shared/jwt/lint';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const now = NOW / 1000;

function jws(header: Record<string, unknown>, payload: Record<string, unknown>): DecodedJws {
  return { kind: 'jws', token: 'x.y.z', header, payload, segments: { header: 'x', payload: 'y', signature: 'z' }, signatureBytes: 32 };
}
const GOOD = { iss: 'i', aud: 'a', iat: now - 60, exp: now + 240 };
const codes = (token: DecodedJws, options: Partial<Parameters<typeof lintToken>[1]> = {}) =>
  lintToken(token, { now: NOW, ...options }).map((w) => w.code);

describe('lint', () => {
  it('a well-formed token has no warnings', () => {
    expect(codes(jws({ alg: 'RS256', typ: 'JWT', kid: 'k' }, GOOD), { candidateKeys: 3, hmacSecretBytes: 10 })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, Partial<Parameters<typeof lintToken>[1]>, LintCode[]]>([
    ['alg none', { alg: 'none' }, GOOD, {}, ['ALG_NONE']],
    ['missing exp', { alg: 'RS256' }, { iss: 'i', aud: 'a' }, {}, ['EXP_MISSING']],
    ['exp in milliseconds', { alg: 'RS256' }, { aud: 'a', exp: (now + 240) * 1000 }, {}, ['TIME_IN_MILLISECONDS']],
    ['iat in milliseconds', { alg: 'RS256' }, { aud: 'a', exp: now + 240, iat: now * 1000 }, {}, ['TIME_IN_MILLISECONDS']],
    ['nbf in the future', { alg: 'RS256' }, { ...GOOD, nbf: now + 600 }, {}, ['NBF_IN_FUTURE']],
    ['lifetime over the threshold', { alg: 'RS256' }, { ...GOOD, exp: now + 2 * 86_400 }, {}, ['LIFETIME_TOO_LONG']],
    ['lifetime over a custom threshold', { alg: 'RS256' }, GOOD, { maxLifetimeSeconds: 120 }, ['LIFETIME_TOO_LONG']],
    ['aud missing', { alg: 'RS256' }, { exp: now + 60 }, {}, ['AUD_MISSING']],
    ['kid missing where several keys could match', { alg: 'RS256' }, GOOD, { candidateKeys: 2 }, ['KID_MISSING']],
    ['HS256 with a short secret', { alg: 'HS256' }, GOOD, { hmacSecretBytes: 6 }, ['HMAC_SECRET_SHORT']],
    ['HS512 with a 32-byte secret', { alg: 'HS512' }, GOOD, { hmacSecretBytes: 32 }, ['HMAC_SECRET_SHORT']],
    ['typ unusual', { alg: 'RS256', typ: 'JWS' }, GOOD, {}, ['TYP_UNUSUAL']],
    ['crit present', { alg: 'RS256', crit: ['exp'], exp: 1 }, GOOD, {}, ['CRIT_PRESENT']],
  ])('%s', (_name, header, payload, options, expected) => {
    expect(codes(jws(header, payload), options)).toEqual(expected);
  });

  it('does not flag kid when one key could match, typ at+jwt or application/jwt, HS256 with 32 bytes, or nbf within the tolerance', () => {
    expect(codes(jws({ alg: 'RS256' }, GOOD), { candidateKeys: 1 })).toEqual([]);
    expect(codes(jws({ alg: 'RS256', typ: 'at+jwt' }, GOOD))).toEqual([]);
    expect(codes(jws({ alg: 'RS256', typ: 'application/JWT' }, GOOD))).toEqual([]);
    expect(codes(jws({ alg: 'HS256' }, GOOD), { hmacSecretBytes: 32 })).toEqual([]);
    expect(codes(jws({ alg: 'RS256' }, { ...GOOD, nbf: now + 30 }), { clockToleranceSeconds: 60 })).toEqual([]);
  });

  it('messages say what to do', () => {
    const [ms] = lintToken(jws({ alg: 'RS256' }, { aud: 'a', exp: 1764590640000 }), { now: NOW });
    expect(ms).toMatchObject({
      field: 'exp',
      message: 'exp looks like milliseconds (1764590640000); JWT times are seconds since 1970 (RFC 7519 §2). Divide by 1000.',
    });
    const [short] = lintToken(jws({ alg: 'HS256' }, GOOD), { now: NOW, hmacSecretBytes: 6 });
    expect(short!.message).toBe(
      'The HS256 secret is 6 bytes; RFC 7518 §3.2 requires at least 32 bytes. Short secrets can be brute-forced.',
    );
    expect(short!.severity).toBe('danger');
  });
});

describe('claims table', () => {
  it('names and explains registered claims first, then custom claims', () => {
    const rows = claimRows({ custom: { a: 1 }, exp: now + 240, iss: 'https://issuer', scope: 'read write' }, NOW);
    expect(rows.map((row) => [row.claim, row.title])).toEqual([
      ['iss', 'Issuer'],
      ['exp', 'Expiration time'],
      ['scope', 'Scope'],
      ['custom', 'Custom claim'],
    ]);
    expect(rows[3]!.value).toBe('{"a":1}');
    expect(rows[0]!.explanation).toContain('Who issued the token');
  });

  it('shows times as local, UTC and relative', () => {
    const [exp, nbf, iat] = claimRows({ exp: now + 240, iat: now - 7200, nbf: now + 90 }, NOW);
    expect(exp!.time).toMatchObject({ utc: '2026-12-01T12:04:00Z', relative: 'expires in 4 min', milliseconds: false });
    expect(exp!.time!.local).toBe(new Date((now + 240) * 1000).toLocaleString());
    expect(nbf!.time!.relative).toBe('not valid for another 2 min');
    expect(iat!.time!.relative).toBe('issued 2 h ago');
    expect(describeTime('exp', now - 7200, NOW).relative).toBe('expired 2 h ago');
    expect(describeTime('exp', (now - 7200) * 1000, NOW)).toMatchObject({
      relative: 'expired 2 h ago',
      milliseconds: true,
      utc: '2026-12-01T10:00:00Z',
    });
  });

  it('gives the lifetime and short durations', () => {
    expect(tokenLifetime({ iat: 100, exp: 400 })).toBe(300);
    expect(tokenLifetime({ nbf: 100, exp: 3700 })).toBe(3600);
    expect(tokenLifetime({ exp: 400 })).toBeNull();
    expect([45, 300, 5400, 90_000, 864_000, 86_400 * 800].map(formatDuration)).toEqual([
      '45 s',
      '5 min',
      '1.5 h',
      '25 h',
      '10 d',
      '2 years',
    ]);
  });
});
