// Bad input reaching main: undecodable tokens, JWE, PEMs of the wrong kind, bad JWK text, and JWKS
// URLs / issuers that 404, time out, answer HTML or publish an empty set — real servers on 127.0.0.1:0.
import { generateKeyPairSync } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { createTestBackend } from '../../harness/services';
import { unwrapResult } from '../../harness/rpc';
import { closedPort, startServer } from '../../harness/servers';
import { openssl, tempFile } from '../../harness/openssl';
import { verifyToken } from '../../../electron/services/inspector/verify';
import { RFC7515_A1, RFC7515_A2, RFC7515_PAYLOAD } from './vectors';

const backend = () => createTestBackend();
const verify = async (token: string, key: unknown) => backend().dispatch('inspector.verify', [{ token, key }]);
const hmac = { kind: 'hmac', secret: 'secret' };

describe('tokens that cannot be verified', () => {
  const [h, p, s] = RFC7515_A1.token.split('.') as [string, string, string];
  it.each([
    [
      'two parts',
      `${h}.${p}`,
      'A JWT has three parts separated by dots (header.payload.signature) and an encrypted JWE has five; this has 2.',
    ],
    ['four parts', `${h}.${p}.${s}.x`, 'this has 4'],
    ['an empty header', `.${p}.${s}`, 'The header (first part) is empty'],
    ['an empty payload', `${h}..${s}`, 'The payload (second part) is empty'],
    ['an empty signature', `${h}.${p}.`, 'The signature (third part) is empty but the header says alg HS256'],
    ['invalid base64url', `${h}.${p}!.${s}`, 'not valid base64url'],
    ['a header that is not JSON', `aGVsbG8.${p}.${s}`, 'The header (first part) decodes, but not to JSON'],
    ['binary garbage', '\u0000\u0001\u00ff\u0002garbage', 'This is not a token'],
  ])('%s → BAD_INPUT with the decoder message', async (_name, token, message) => {
    const result = await verify(token, hmac);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!result.ok) expect(result.error.message).toContain(message);
  });

  it('a 1 MB token is refused by the argument schema before any work', async () => {
    const result = await verify('a'.repeat(1_000_001), hmac);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'token: The token is longer than 1 MB.' } });
  });

  it('a JWE is refused with the reason', async () => {
    const header = Buffer.from('{"alg":"RSA-OAEP","enc":"A256GCM"}').toString('base64url');
    const result = await verify(`${header}.a2V5.aXY.Y2lwaGVy.dGFn`, hmac);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { tokenError: 'JWE' } } });
    if (!result.ok) expect(result.error.message).toContain('encrypted token (JWE)');
  });

  it('a payload that is not JSON or not an object still verifies as a plain JWS', async () => {
    const key = new TextEncoder().encode('k'.repeat(32));
    const { CompactSign } = await import('jose');
    for (const payload of ['not json', '[1,2]']) {
      const token = await new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'HS256' }).sign(key);
      const result = unwrapResult(await verify(token, { kind: 'hmac', secret: 'k'.repeat(32) }));
      expect(result.status).toBe('valid');
    }
  });
});

describe('pasted keys of the wrong kind', () => {
  const token = RFC7515_A2.token;
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('a private key PEM is refused, and so are PKCS#1 and EC private keys', async () => {
    const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const pkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    for (const [pem, label] of [
      [pkcs8, 'PRIVATE KEY'],
      [pkcs1, 'RSA PRIVATE KEY'],
    ]) {
      const result = await verify(token, { kind: 'pem', pem });
      expect(result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT', details: { pemLabel: label } } });
      if (!result.ok) expect(result.error.message).toContain('This is a private key');
    }
  });

  it('a CSR is named as a CSR', async () => {
    const key = tempFile('key.pem', pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const csr = openssl(['req', '-new', '-key', key, '-subj', '/CN=test']);
    const result = await verify(token, { kind: 'pem', pem: csr });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT' } });
    if (!result.ok) expect(result.error.message).toContain('certificate signing request (CSR)');
  });

  it('text that is not PEM, a damaged PEM, and a PEM of another kind', async () => {
    const notPem = await verify(token, { kind: 'pem', pem: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' });
    expect(notPem).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!notPem.ok) expect(notPem.error.message).toContain('This is not PEM');
    const damaged = await verify(token, { kind: 'pem', pem: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----' });
    expect(damaged).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT' } });
    if (!damaged.ok) expect(damaged.error.message).toContain('could not be read');
    const params = await verify(token, { kind: 'pem', pem: '-----BEGIN DH PARAMETERS-----\nMAA=\n-----END DH PARAMETERS-----' });
    if (!params.ok)
      expect(params.error.message).toBe(
        'This PEM holds a DH PARAMETERS, which cannot verify a token. Paste a CERTIFICATE or a PUBLIC KEY.',
      );
    else expect.unreachable();
  });

  it('JWK text that is not JSON, not a JWK, or an empty JWKS', async () => {
    const cases: [string, string, string][] = [
      ['{kty: RSA}', 'BAD_INPUT', 'This is not JSON'],
      ['{"n": "abc"}', 'BAD_INPUT', 'neither a JWK'],
      ['{"keys": []}', 'NOT_FOUND', 'This JWKS holds no keys'],
      ['[1]', 'BAD_INPUT', 'A JWK or JWKS is a JSON object'],
    ];
    for (const [jwk, code, message] of cases) {
      const result = await verify(token, { kind: 'jwk', jwk });
      expect(result, jwk).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message).toContain(message);
    }
  });

  it('a pasted JWKS is chosen from by kid (no key with the kid → no matching key); a single pasted JWK is tried as given', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = createSigner({ key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'ES256', kid: 'k2' })(
      {
        sub: 'a',
      },
    );
    const own = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'k2' };
    const other = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'k1' };
    const missing = unwrapResult(await verify(token, { kind: 'jwk', jwk: JSON.stringify({ keys: [other] }) }));
    expect(missing).toMatchObject({ status: 'no-key', tried: 0, keysInSet: 1 });
    expect(missing.reason).toBe(
      'No key to try. The JWKS holds 1 key, none with kid k2: the issuer may have rotated its keys, or the token was signed by someone else.',
    );
    const chosen = unwrapResult(await verify(token, { kind: 'jwk', jwk: JSON.stringify({ keys: [other, own] }) }));
    expect(chosen).toMatchObject({ status: 'valid', tried: 1, key: { kid: 'k2', matchedBy: "its kid matches the header's kid k2" } });
    const single = unwrapResult(await verify(token, { kind: 'jwk', jwk: JSON.stringify(other) }));
    expect(single).toMatchObject({ status: 'invalid', tried: 1, key: { kid: 'k1' } });
  });

  it('a JWK with damaged members is reported as unusable, not as an internal error', async () => {
    const jwk = JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'abc', y: 'def' });
    const token = createSigner({
      key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      algorithm: 'ES256',
    })({ sub: 'a' });
    const result = unwrapResult(await verify(token, { kind: 'jwk', jwk }));
    expect(result).toMatchObject({ status: 'no-key', tried: 0 });
    expect(result.reason).toMatch(/^The key could not be used \(Pasted JWK \(EC P-256\): .+\)\. Check that it is complete\.$/);
  });

  it('an HMAC secret in an encoding it is not', async () => {
    const result = await verify(RFC7515_A1.token, { kind: 'hmac', secret: 'zz-not-hex', encoding: 'hex' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'The secret is not valid hex. Check it, or choose another encoding.' },
    });
  });
});

describe('JWKS URLs and OpenID issuers (fetched by main)', () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' };
  const token = createSigner({ key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'ES256', kid: 'k1' })({
    sub: 'a',
  });
  const json =
    (body: unknown, type = 'application/json') =>
    (_req: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };

  it('verifies against a JWKS URL, choosing the key by kid', async () => {
    const other = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'k0' };
    const server = await startServer(json({ keys: [other, jwk] }));
    const result = unwrapResult(await verify(token, { kind: 'jwks-url', url: `${server.url}/jwks.json` }));
    expect(result).toMatchObject({
      status: 'valid',
      keysInSet: 2,
      tried: 1,
      key: { kid: 'k1', matchedBy: "its kid matches the header's kid k1" },
    });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/jwks.json' });
  });

  it('a kid the JWKS does not hold → no matching key', async () => {
    const server = await startServer(json({ keys: [{ ...jwk, kid: 'other' }] }));
    const result = unwrapResult(await verify(token, { kind: 'jwks-url', url: server.url }));
    expect(result).toMatchObject({ status: 'no-key', tried: 0, keysInSet: 1 });
    expect(result.reason).toBe(
      'No key to try. The JWKS holds 1 key, none with kid k1: the issuer may have rotated its keys, or the token was signed by someone else.',
    );
  });

  it('verifies through OpenID discovery (issuer → jwks_uri)', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/tenant/.well-known/openid-configuration')
        return json({ issuer: `${server.url}/tenant`, jwks_uri: `${server.url}/tenant/keys` })(req, res);
      if (req.url === '/tenant/keys') return json({ keys: [jwk] })(req, res);
      res.writeHead(404).end();
    });
    const result = unwrapResult(await verify(token, { kind: 'issuer', issuer: `${server.url}/tenant/` }));
    expect(result).toMatchObject({ status: 'valid' });
    expect(result.reason).not.toContain('Note:');
    expect(server.requests.map((r) => r.url)).toEqual(['/tenant/.well-known/openid-configuration', '/tenant/keys']);
    const elsewhere = unwrapResult(
      await verify(token, { kind: 'issuer', issuer: `${server.url}/tenant/.well-known/openid-configuration` }),
    );
    expect(elsewhere.reason).not.toContain('Note:');
    const mismatch = await startServer((req, res) => {
      if (req.url === '/.well-known/openid-configuration')
        return json({ issuer: 'https://other.example', jwks_uri: `${server.url}/tenant/keys` })(req, res);
      res.writeHead(404).end();
    });
    const warned = unwrapResult(await verify(token, { kind: 'issuer', issuer: mismatch.url }));
    expect(warned).toMatchObject({ status: 'valid' });
    expect(warned.reason).toContain(`Note: the discovery document names the issuer https://other.example, not ${mismatch.url}`);
  });

  it.each([
    [
      '404',
      (_q: unknown, res: ServerResponse) => res.writeHead(404).end('nope'),
      'NETWORK',
      'answered HTTP 404 (not found). Check the URL.',
    ],
    [
      'an HTML page',
      json('<!doctype html><html><body>Login</body></html>', 'text/html'),
      'UNSUPPORTED_FORMAT',
      'returned an HTML page, not JSON',
    ],
    ['not JSON', json('keys=1', 'text/plain'), 'UNSUPPORTED_FORMAT', 'did not return JSON'],
    ['JSON without keys', json({ issuer: 'x' }), 'UNSUPPORTED_FORMAT', 'without a "keys" list, so it is not a JWKS'],
    ['an empty set', json({ keys: [] }), 'NOT_FOUND', 'is empty: it publishes no keys'],
  ])('a JWKS URL that answers %s', async (_name, handler, code, message) => {
    const server = await startServer(handler);
    const result = await verify(token, { kind: 'jwks-url', url: `${server.url}/jwks` });
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toContain(message);
  });

  it('a JWKS URL that never answers times out with a clear message', async () => {
    const server = await startServer(() => new Promise(() => {}));
    const deps = { certificates: createTestBackend().graph.internal.certificates, fetch: { timeoutMs: 300, maxBytes: 1024 } };
    const started = Date.now();
    await expect(verifyToken({ token, key: { kind: 'jwks-url', url: server.url } }, deps)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('Fetching the JWKS: timed out after 300 ms'),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a JWKS larger than the cap is refused', async () => {
    const server = await startServer(json({ keys: [jwk], padding: 'x'.repeat(4096) }));
    const deps = { certificates: createTestBackend().graph.internal.certificates, fetch: { timeoutMs: 2000, maxBytes: 1024 } };
    await expect(verifyToken({ token, key: { kind: 'jwks-url', url: server.url } }, deps)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('a closed port, and a discovery document without jwks_uri', async () => {
    const refused = await verify(token, { kind: 'jwks-url', url: `http://127.0.0.1:${await closedPort()}/jwks` });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    const server = await startServer(json({ issuer: 'x' }));
    const result = await verify(token, { kind: 'issuer', issuer: server.url });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT' } });
    if (!result.ok) expect(result.error.message).toContain('has no jwks_uri');
  });

  it('a URL that is not http(s) is refused by the schema', async () => {
    const result = await verify(`eyJhbGciOiJIUzI1NiJ9.${RFC7515_PAYLOAD}.AAAA`, { kind: 'jwks-url', url: 'file:///etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
