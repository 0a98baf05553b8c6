// POST /oauth2/token against fetch and fast-jwt: the RFC 7523 grants, and every rejection with its
// RFC 6749 §5.2 error and a description that says what failed.
import { createVerifier } from 'fast-jwt';
import { createPublicKey, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLIENT_ASSERTION_TYPE, JWT_BEARER_GRANT, startReceiver, unlockedTestBackend } from '../../harness/receiver';
import { unwrapResult } from '../../harness/rpc';
import { createCertificate, mint, postForm, receiverTrustingOneCertificate, signRaw } from './peer';

const now = () => Math.floor(Date.now() / 1000);

describe('receiver token endpoint: jwt-bearer grant (RFC 7523 §2.1)', () => {
  it('accepts a fast-jwt assertion and issues an access token signed by its own key, published in its JWKS', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate();
    const response = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: assertion(), scope: 'read write' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'read write' });

    const jwks = (await (await fetch(peer.jwksUri)).json()) as { keys: { kid: string }[] };
    const header = JSON.parse(Buffer.from(String(response.body.access_token).split('.')[0]!, 'base64url').toString()) as { kid: string };
    const own = jwks.keys.find((key) => key.kid === header.kid)!;
    expect(own).toBeDefined();
    const verify = createVerifier({
      key: createPublicKey({ key: own as never, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString(),
    });
    const claims = verify(String(response.body.access_token)) as Record<string, unknown>;
    expect(claims).toMatchObject({
      iss: peer.issuer,
      sub: 'alice@example.com',
      aud: peer.apiUrl,
      scope: 'read write',
      client_id: 'salesforce-client',
    });
    const logged = peer.log().find((entry) => entry.endpoint === 'token')!;
    expect(logged).toMatchObject({ verdict: 'accepted', status: 200, reason: 'jwt-bearer grant for sub alice@example.com' });
    expect(logged.token!.payload).toMatchObject({ sub: 'alice@example.com' });
    expect(peer.log().at(-1)).toMatchObject({ endpoint: 'jwks', verdict: 'served', method: 'GET' });
  });

  it.each(['RSA-2048', 'Ed25519'] as const)('accepts %s assertions too', async (keyAlgorithm) => {
    const { peer, assertion } = await receiverTrustingOneCertificate({}, keyAlgorithm);
    const response = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: assertion() });
    expect(response.status).toBe(200);
  });

  it('accepts a configured audience and refuses another with the values named', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate({ audiences: ['https://login.example.com'] });
    expect(
      (await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: assertion({ aud: 'https://login.example.com' }) }))
        .status,
    ).toBe(200);
    const wrong = await postForm(peer.tokenEndpoint, {
      grant_type: JWT_BEARER_GRANT,
      assertion: assertion({ aud: 'https://elsewhere.example' }),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({
      error: 'invalid_grant',
      error_description: `audience is "https://elsewhere.example", expected one of "${peer.tokenEndpoint}", "${peer.issuer}", "https://login.example.com"`,
    });
    expect(peer.log().at(-1)).toMatchObject({ verdict: 'rejected', reason: `invalid_grant: ${wrong.body.error_description}` });
  });

  it.each([
    ['wrong issuer', { iss: 'mallory' }, /^issuer is "mallory", expected one of "salesforce-client"$/],
    ['expired', { iat: now() - 900, exp: now() - 600 }, /^the token expired at .* \(\d+ s ago; clock skew allowed 60 s\)$/],
    [
      'lifetime too long',
      { iat: now(), exp: now() + 7200 },
      /^the token lifetime is 7200 s \(iat to exp\), longer than the maximum 3600 s$/,
    ],
    [
      'nbf in the future',
      { nbf: now() + 600 },
      /^the token is not valid before .* \(nbf is \d+ s in the future; clock skew allowed 60 s\)$/,
    ],
    ['no exp', { exp: undefined }, /^exp is missing/],
    ['no sub', { sub: undefined }, /^sub is missing$/],
    ['no aud', { aud: undefined }, /^aud is missing; expected one of/],
  ])('refuses an assertion with %s: invalid_grant', async (_name, overrides, description) => {
    const { peer, assertion } = await receiverTrustingOneCertificate({ issuers: ['salesforce-client'] });
    const response = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: assertion(overrides) });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_grant');
    expect(response.body.error_description).toMatch(description);
  });

  it('refuses an exp that is not a NumericDate', async () => {
    const { peer, signer } = await receiverTrustingOneCertificate();
    const assertion = signRaw(signer.privateKeyPem, { alg: 'ES256' }, { iss: 'a', sub: 'b', aud: peer.tokenEndpoint, exp: 'tomorrow' });
    const response = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion });
    expect(response.body).toEqual({
      error: 'invalid_grant',
      error_description: 'exp is "tomorrow", not a NumericDate (seconds since 1970, RFC 7519 §2)',
    });
  });

  it('refuses a bad signature, naming the keys it tried', async () => {
    const { backend, peer } = await receiverTrustingOneCertificate();
    const stranger = await createCertificate(backend, 'Not_Trusted');
    const forged = mint(stranger.privateKeyPem, 'EC-P256', { iss: 'a', sub: 'b', aud: peer.tokenEndpoint, exp: now() + 60 });
    const response = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: forged });
    expect(response.body).toEqual({
      error: 'invalid_grant',
      error_description: 'the signature (ES256) does not verify with any trusted key (tried certificate JWT_Signing)',
    });
    // A tampered payload fails the same way.
    const [h, , s] = forged.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ iss: 'a', sub: 'root', aud: peer.tokenEndpoint, exp: now() + 60 })).toString('base64url')}.${s}`;
    expect((await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: tampered })).body.error_description).toMatch(
      /does not verify/,
    );
  });

  it('with trusted keys of several types and no kid to pick one, tries only those that fit the alg', async () => {
    const backend = await unlockedTestBackend();
    const create = async (name: string, keyAlgorithm: 'EC-P384' | 'RSA-2048' | 'Ed25519' | 'EC-P256') =>
      unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: name, name, keyAlgorithm }]));
    const p384 = await create('P384_Key', 'EC-P384');
    const ed = await create('Ed_Key', 'Ed25519');
    const rsa = await createCertificate(backend, 'RSA_Key', 'RSA-2048');
    const p256 = await createCertificate(backend, 'P256_Key', 'EC-P256');
    const peer = await startReceiver(backend, { trustedCertificateIds: [p384.id, ed.id, rsa.record.id, p256.record.id] });
    const claims = () => ({ iss: 'a', sub: 'b', aud: peer.tokenEndpoint, exp: now() + 60, jti: randomUUID() });
    // Salesforce sends no kid; another issuer's kid may match none of the certificates.
    for (const assertion of [
      mint(p256.privateKeyPem, 'EC-P256', claims()),
      mint(rsa.privateKeyPem, 'RSA-2048', claims()),
      mint(rsa.privateKeyPem, 'RSA-2048', claims(), { kid: 'not-a-thumbprint' }),
    ]) {
      const response = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion });
      expect(response.body, assertion).toMatchObject({ token_type: 'Bearer' });
      expect(peer.log().at(-1)!.reason).toBe('jwt-bearer grant for sub b');
    }

    peer.receiver.configure({ trustedCertificateIds: [p384.id, rsa.record.id] });
    const noneFits = await postForm(peer.tokenEndpoint, {
      grant_type: JWT_BEARER_GRANT,
      assertion: mint(p256.privateKeyPem, 'EC-P256', claims()),
    });
    expect(noneFits.body).toEqual({
      error: 'invalid_grant',
      error_description:
        'the token is signed with ES256, which needs an EC P-256 key; no trusted key is one (trusted: certificate P384_Key (EC P-384), certificate RSA_Key (RSA))',
    });
  });

  it('refuses a replayed jti, and accepts it again when replay refusal is off', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate();
    const once = assertion({ jti: 'only-once' });
    expect((await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: once })).status).toBe(200);
    const again = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: once });
    expect(again.body.error).toBe('invalid_grant');
    expect(again.body.error_description).toMatch(
      /^jti "only-once" was already used at .*: each token may be used once \(replay refused\)$/,
    );
    peer.receiver.configure({ refuseReplayedJti: false });
    expect((await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: once })).status).toBe(200);
  });

  it('spends a jti only when the request is accepted, so a corrected retry may reuse the assertion', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate({ allowedScopes: ['read'] });
    const once = assertion({ jti: 'retry-me' });
    const badScope = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: once, scope: 'admin' });
    expect(badScope.body.error).toBe('invalid_scope');
    const corrected = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: once, scope: 'read' });
    expect(corrected.status).toBe(200);
    const replayed = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: once, scope: 'read' });
    expect(replayed.body.error_description).toMatch(/^jti "retry-me" was already used at /);
  });

  it('says what failed when the token is refused before its signature is checked (crit, unsupported alg)', async () => {
    const { peer, signer } = await receiverTrustingOneCertificate();
    const claims = { iss: 'a', sub: 'b', aud: peer.tokenEndpoint, exp: now() + 60 };
    const critical = signRaw(signer.privateKeyPem, { alg: 'ES256', crit: ['x'], x: 1 }, claims);
    const refused = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: critical });
    expect(refused.body).toEqual({
      error: 'invalid_grant',
      error_description:
        'critical header parameter "x" is not understood: the receiver implements no JWS extensions, and RFC 7515 §4.1.11 requires refusing a token whose crit lists one',
    });
    const malformed = signRaw(signer.privateKeyPem, { alg: 'ES256', crit: 'x' }, claims);
    expect((await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: malformed })).body.error_description).toBe(
      'crit is "x"; it must be a non-empty list of header parameter names (RFC 7515 §4.1.11)',
    );
    const unknownAlg = signRaw(signer.privateKeyPem, { alg: 'ES256K' }, claims);
    expect((await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: unknownAlg })).body.error_description).toBe(
      'the token cannot be verified: alg ES256K is not supported either by JOSE or your javascript runtime (ERR_JOSE_NOT_SUPPORTED)',
    );
  });

  it('refuses garbage, alg none and HS256 tokens with a precise reason', async () => {
    const { peer } = await receiverTrustingOneCertificate();
    const cases: [string, RegExp][] = [
      ['not-a-jwt', /^the token is not a JWT: it has 1 part, expected 3/],
      ['a.b.c.d.e', /encrypted \(JWE/],
      ['%%%.e30.', /header is not base64url-encoded JSON/],
      [`${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`, /alg "none" is refused/],
      [`${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.abc`, /HS256.*public keys only/],
      [
        `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.abc`,
        /payload is not a base64url-encoded JSON object/,
      ],
    ];
    for (const [assertion, description] of cases) {
      const response = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion });
      expect(response.body.error).toBe('invalid_grant');
      expect(response.body.error_description).toMatch(description);
    }
  });

  it('answers request errors with invalid_request / unsupported_grant_type / invalid_scope', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate({ allowedScopes: ['read'] });
    const missingGrant = await postForm(peer.tokenEndpoint, { assertion: assertion() });
    expect(missingGrant.body).toEqual({ error: 'invalid_request', error_description: 'grant_type is missing' });
    const missingAssertion = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT });
    expect(missingAssertion.body.error).toBe('invalid_request');
    expect(missingAssertion.body.error_description).toMatch(/^assertion is missing/);
    const password = await postForm(peer.tokenEndpoint, { grant_type: 'password', username: 'u', password: 'p' });
    expect(password.body.error).toBe('unsupported_grant_type');
    expect(password.body.error_description).toMatch(/^grant_type "password" is not supported/);
    const scope = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: assertion(), scope: 'read admin' });
    expect(scope.body).toEqual({ error: 'invalid_scope', error_description: 'scope "admin" is not allowed; allowed: read' });

    const json = await fetch(peer.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":"x"}',
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Content-Type must be application/x-www-form-urlencoded (RFC 6749 §3.2), got "application/json"',
    });
    const twice = await fetch(peer.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=${encodeURIComponent(JWT_BEARER_GRANT)}&assertion=a&assertion=b`,
    });
    expect(((await twice.json()) as { error_description: string }).error_description).toBe(
      'parameter "assertion" appears more than once (RFC 6749 §3.1)',
    );
    const get = await fetch(peer.tokenEndpoint);
    expect(get.status).toBe(405);
    expect(((await get.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('receiver token endpoint: client_credentials', () => {
  it('accepts private_key_jwt (RFC 7523 §2.2) and refuses an assertion whose iss is not the client', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate();
    const ok = await postForm(peer.tokenEndpoint, {
      grant_type: 'client_credentials',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion({ iss: 'my-client', sub: 'my-client' }),
    });
    expect(ok.status).toBe(200);
    expect(peer.log().at(-1)!.reason).toBe('client_credentials grant for sub my-client (client my-client, private_key_jwt)');

    const mismatch = await postForm(peer.tokenEndpoint, {
      grant_type: 'client_credentials',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion({ iss: 'my-client', sub: 'someone' }),
    });
    expect(mismatch.status).toBe(401);
    expect(mismatch.body.error).toBe('invalid_client');
    expect(mismatch.body.error_description).toMatch(/^client assertion: iss "my-client" and sub "someone" differ/);

    const wrongType = await postForm(peer.tokenEndpoint, {
      grant_type: 'client_credentials',
      client_assertion_type: 'saml',
      client_assertion: assertion(),
    });
    expect(wrongType.body.error_description).toMatch(
      /^client_assertion_type is "saml", expected urn:ietf:params:oauth:client-assertion-type:jwt-bearer/,
    );
    const expired = await postForm(peer.tokenEndpoint, {
      grant_type: 'client_credentials',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion({ iss: 'c', sub: 'c', iat: now() - 1000, exp: now() - 500 }),
    });
    expect(expired.body).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringMatching(/^client assertion: the token expired/),
    });
  });

  it('lets a client retry a refused private_key_jwt request with the same assertion once it corrects the request', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate({ allowedScopes: ['read'] });
    const clientAssertion = assertion({ iss: 'my-client', sub: 'my-client', jti: 'client-jti' });
    const request = (extra: Record<string, string>) =>
      postForm(peer.tokenEndpoint, {
        grant_type: 'client_credentials',
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: clientAssertion,
        ...extra,
      });
    const wrongClientId = await request({ client_id: 'other-client' });
    expect(wrongClientId.body.error_description).toBe(
      'client assertion: client_id "other-client" does not match the assertion\'s iss/sub "my-client"',
    );
    expect((await request({ client_id: 'my-client', scope: 'admin' })).body.error).toBe('invalid_scope');
    expect((await request({ client_id: 'my-client', scope: 'read' })).status).toBe(200);
    const replayed = await request({ client_id: 'my-client', scope: 'read' });
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringMatching(/^client assertion: jti "client-jti" was already used at /),
    });
  });

  it('accepts client_secret_basic and client_secret_post for a registered client; refuses unknown clients and wrong secrets', async () => {
    const { peer } = await receiverTrustingOneCertificate();
    peer.addClient('app-1', 's3cret:with+chars');
    const basic = `Basic ${Buffer.from(`app-1:${encodeURIComponent('s3cret:with+chars')}`).toString('base64')}`;
    expect((await postForm(peer.tokenEndpoint, { grant_type: 'client_credentials' }, { authorization: basic })).status).toBe(200);
    expect(
      (await postForm(peer.tokenEndpoint, { grant_type: 'client_credentials', client_id: 'app-1', client_secret: 's3cret:with+chars' }))
        .status,
    ).toBe(200);
    expect(peer.log().at(-1)!.request.body).toContain('client_secret=(redacted)');
    expect(peer.log().at(-2)!.request.headers.authorization).toBe('Basic (redacted)');

    const unknown = await postForm(peer.tokenEndpoint, { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(unknown.body).toEqual({
      error: 'invalid_client',
      error_description: 'client "nobody" is not registered; add it under Registered clients',
    });
    const wrong = await postForm(peer.tokenEndpoint, { grant_type: 'client_credentials', client_id: 'app-1', client_secret: 'guess' });
    expect(wrong.body).toEqual({
      error: 'invalid_client',
      error_description: 'the client secret for "app-1" is wrong (client_secret_post)',
    });
    const none = await postForm(peer.tokenEndpoint, { grant_type: 'client_credentials' });
    expect(none.body.error).toBe('invalid_client');
    expect(none.body.error_description).toMatch(/^client_credentials needs client authentication/);
    const both = await postForm(
      peer.tokenEndpoint,
      { grant_type: 'client_credentials', client_id: 'app-1', client_secret: 'x' },
      { authorization: basic },
    );
    expect(both.body.error).toBe('invalid_request');
    expect(both.body.error_description).toMatch(/more than one authentication method \(HTTP Basic, client_secret\)/);
  });
});
