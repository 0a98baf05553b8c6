// Known answers: the RFC 7515 appendix A and RFC 8037 examples decode and verify with their published
// keys through every way a user can give the key; a tampered payload fails.
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeToken, type DecodedJws } from '../../../shared/jwt/decode';
import { lintToken } from '../../../shared/jwt/lint';
import { verifyToken } from '../../../electron/services/inspector/verify';
import { DEFAULT_FETCH_OPTIONS } from '../../../electron/services/inspector/remote-keys';
import { RFC7515_A1, RFC7515_A2, RFC7515_A3, RFC8037_A4, tamper } from './vectors';

const deps = {
  certificates: {
    list: () => [],
    get: () => {
      throw new Error('no store');
    },
    publicKey: () => {
      throw new Error('no store');
    },
  },
  fetch: DEFAULT_FETCH_OPTIONS,
};
const pemOf = (jwk: object) =>
  createPublicKey({ key: jwk as never, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();

describe('RFC 7515 appendix A and RFC 8037 known answers', () => {
  it('decodes the RFC 7515 examples to the published header and claims', () => {
    for (const [vector, alg] of [
      [RFC7515_A1, 'HS256'],
      [RFC7515_A2, 'RS256'],
      [RFC7515_A3, 'ES256'],
    ] as const) {
      expect(decodeToken(vector.token)).toMatchObject({
        ok: true,
        token: { kind: 'jws', header: { alg }, payload: { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true } },
      });
    }
  });

  it('decodes RFC 8037 A.4 as a JWS whose payload is text, not a JWT', () => {
    expect(decodeToken(RFC8037_A4.token)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_NOT_JSON' } });
    expect(decodeToken(RFC8037_A4.token, { allowNonJwtPayload: true })).toMatchObject({
      ok: true,
      token: {
        header: { alg: 'EdDSA' },
        payload: {},
        notJwt: { payloadText: 'Example of Ed25519 signing', error: { code: 'PAYLOAD_NOT_JSON' } },
      },
    });
  });

  it('A.1 HS256 verifies with the published secret (base64url) and as a JWK', async () => {
    const secret = await verifyToken(
      { token: RFC7515_A1.token, key: { kind: 'hmac', secret: RFC7515_A1.jwk.k, encoding: 'base64url' } },
      deps,
    );
    expect(secret).toMatchObject({
      status: 'valid',
      alg: 'HS256',
      hmacSecretBytes: 64,
      key: { description: 'the HMAC secret (64 bytes)' },
    });
    const jwk = await verifyToken({ token: RFC7515_A1.token, key: { kind: 'jwk', jwk: JSON.stringify(RFC7515_A1.jwk) } }, deps);
    expect(jwk.status).toBe('valid');
    const wrong = await verifyToken({ token: RFC7515_A1.token, key: { kind: 'hmac', secret: RFC7515_A1.jwk.k, encoding: 'utf8' } }, deps);
    expect(wrong).toMatchObject({ status: 'invalid', tried: 1 });
    expect(wrong.reason).toContain('does not match the HMAC secret');
  });

  it.each([
    ['A.2 RS256', RFC7515_A2],
    ['A.3 ES256', RFC7515_A3],
    ['RFC 8037 A.4 Ed25519', RFC8037_A4],
  ])('%s verifies with the published public key as JWK, JWKS and PEM', async (_name, vector) => {
    for (const key of [
      { kind: 'jwk' as const, jwk: JSON.stringify(vector.jwk) },
      { kind: 'jwk' as const, jwk: JSON.stringify({ keys: [vector.jwk] }) },
      { kind: 'pem' as const, pem: pemOf(vector.jwk) },
    ]) {
      const result = await verifyToken({ token: vector.token, key }, deps);
      expect(result, key.kind).toMatchObject({ status: 'valid', tried: 1 });
      expect(result.reason).toMatch(/^The signature is valid/);
    }
  });

  it.each([
    ['A.1 HS256', RFC7515_A1],
    ['A.2 RS256', RFC7515_A2],
    ['A.3 ES256', RFC7515_A3],
  ])('%s with a tampered payload fails', async (_name, vector) => {
    const result = await verifyToken({ token: tamper(vector.token), key: { kind: 'jwk', jwk: JSON.stringify(vector.jwk) } }, deps);
    expect(result).toMatchObject({ status: 'invalid', tried: 1 });
    expect(result.reason).toContain('the signature check failed');
  });

  it('RFC 8037 A.4 with a changed payload fails', async () => {
    const [header, , signature] = RFC8037_A4.token.split('.');
    const token = `${header}.${Buffer.from('Example of Ed25519 signinG').toString('base64url')}.${signature}`;
    const result = await verifyToken({ token, key: { kind: 'jwk', jwk: JSON.stringify(RFC8037_A4.jwk) } }, deps);
    expect(result.status).toBe('invalid');
  });

  it('lints the claims of a JWT but not the text payload of RFC 8037 A.4; its header is still linted', () => {
    const jws = (token: string) => {
      const decoded = decodeToken(token, { allowNonJwtPayload: true });
      if (!decoded.ok || decoded.token.kind !== 'jws') throw new Error('expected a JWS');
      return decoded.token;
    };
    const lint = (token: DecodedJws) => lintToken(token, { now: Date.UTC(2026, 0, 1) }).map((warning) => warning.code);
    expect(lint(jws(RFC8037_A4.token))).toEqual([]);
    expect(lint(jws(RFC7515_A2.token))).toEqual(['AUD_MISSING']);
    const [, payload] = RFC8037_A4.token.split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"text"}').toString('base64url')}.${payload}.`;
    expect(lint(jws(unsigned))).toEqual(['ALG_NONE', 'TYP_UNUSUAL']);
  });

  it('counts only the keys of a set whose type fits the alg as candidates (KID_MISSING)', async () => {
    const keysFor = async (keys: object[]) => {
      const result = await verifyToken({ token: RFC7515_A2.token, key: { kind: 'jwk', jwk: JSON.stringify({ keys }) } }, deps);
      expect(result.status).toBe('valid');
      const decoded = decodeToken(RFC7515_A2.token);
      if (!decoded.ok || decoded.token.kind !== 'jws') throw new Error('expected a JWS');
      const warning = lintToken(decoded.token, { now: Date.UTC(2026, 0, 1), candidateKeys: result.keysInSet }).find(
        (item) => item.code === 'KID_MISSING',
      );
      return { keysInSet: result.keysInSet, message: warning?.message };
    };
    const ec = RFC7515_A3.jwk;
    expect(await keysFor([ec, RFC7515_A2.jwk, { ...ec, kid: 'other' }])).toEqual({ keysInSet: 1, message: undefined });
    expect(await keysFor([RFC7515_A2.jwk, { ...RFC7515_A2.jwk, kid: 'b' }, ec])).toEqual({
      keysInSet: 2,
      message: 'No kid in the header, and 2 known keys could verify it: the verifier has to try each. Set kid.',
    });
  });

  it('says no key fits when the key type does not match the alg', async () => {
    const result = await verifyToken({ token: RFC7515_A2.token, key: { kind: 'jwk', jwk: JSON.stringify(RFC7515_A3.jwk) } }, deps);
    expect(result).toMatchObject({ status: 'no-key', tried: 0 });
    expect(result.reason).toBe('The token is signed with RS256, which needs an RSA key; the key source offers EC P-256.');
  });
});
