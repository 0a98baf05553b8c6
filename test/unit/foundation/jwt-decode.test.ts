// Pure token decoding (shared/): what decodes, and the precise message for each kind of bad input.
import { describe, expect, it } from 'vitest';
import { decodeToken, extractToken } from '../../../shared/jwt/decode';

// RFC 7515 Appendix A.1 (HS256) example token.
const RFC7515_A1 =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('decodeToken', () => {
  it('decodes the RFC 7515 A.1 example', () => {
    const result = decodeToken(RFC7515_A1);
    expect(result).toMatchObject({
      ok: true,
      token: {
        kind: 'jws',
        header: { typ: 'JWT', alg: 'HS256' },
        payload: { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true },
        signatureBytes: 32,
      },
    });
  });

  it('accepts "Bearer …" and whole Authorization headers', () => {
    expect(extractToken(`Authorization: Bearer ${RFC7515_A1}`)).toBe(RFC7515_A1);
    expect(extractToken(`  bearer ${RFC7515_A1}\n`)).toBe(RFC7515_A1);
    expect(decodeToken(`Authorization: Bearer ${RFC7515_A1}`).ok).toBe(true);
  });

  it('shows a JWE header and nothing more', () => {
    const header = btoa(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM' })).replace(/=+$/, '');
    expect(decodeToken(`${header}.a2V5.aXY.Y2lwaGVy.dGFn`)).toMatchObject({
      ok: true,
      token: { kind: 'jwe', header: { alg: 'RSA-OAEP', enc: 'A256GCM' } },
    });
  });

  const [h, p, s] = RFC7515_A1.split('.') as [string, string, string];
  it.each([
    ['', 'EMPTY'],
    [`${h}.${p}`, 'PART_COUNT'],
    [`${h}.${p}.${s}.x`, 'PART_COUNT'],
    [`.${p}.${s}`, 'EMPTY_SEGMENT'],
    [`${h}..${s}`, 'EMPTY_SEGMENT'],
    [`${h}.${p}.`, 'EMPTY_SEGMENT'],
    [`${h}!.${p}.${s}`, 'BAD_BASE64URL'],
    [`${h}.${p}.${s}*`, 'BAD_BASE64URL'],
    [`aGVsbG8.${p}.${s}`, 'HEADER_NOT_JSON'],
    [`${h}.aGVsbG8.${s}`, 'PAYLOAD_NOT_JSON'],
    [`${h}.WzEsMl0.${s}`, 'PAYLOAD_NOT_OBJECT'],
    ['\u0000\u0001\u00ff binary', 'NOT_TEXT'],
    ['x'.repeat(1_000_001), 'TOO_LARGE'],
  ])('refuses %# with %s and a sentence that says what to do', (input, code) => {
    const result = decodeToken(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(20);
    }
  });

  it('accepts an unsigned token only when it says alg "none"', () => {
    const none = `${btoa('{"alg":"none"}').replace(/=+$/, '')}.${p}.`;
    expect(decodeToken(none)).toMatchObject({ ok: true, token: { signatureBytes: 0 } });
  });
});
