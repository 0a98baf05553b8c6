// Receiver refusals not covered elsewhere: clock skew at the edges, iat in the future, registered
// clients using a method they may not or with no secret set, a missing client_assertion, and
// methods the well-known documents do not answer.
import { describe, expect, it } from 'vitest';
import { CLIENT_ASSERTION_TYPE, JWT_BEARER_GRANT } from '../../harness/receiver';
import { postForm, receiverTrustingOneCertificate } from './peer';

const now = () => Math.floor(Date.now() / 1000);

describe('receiver time checks', () => {
  it('lets an assertion that expired 30 s ago through with 60 s of clock skew, and refuses it with none', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate({ clockSkewSeconds: 60 });
    const lateButWithinSkew = assertion({ iat: now() - 330, exp: now() - 30 });
    expect((await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: lateButWithinSkew })).status).toBe(200);

    peer.receiver.configure({ clockSkewSeconds: 0 });
    const late = assertion({ iat: now() - 330, exp: now() - 30 });
    const refused = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: late });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
    expect(refused.body.error_description).toMatch(/^the token expired at \S+ \((30|31) s ago; clock skew allowed 0 s\)$/);
  });

  it('refuses an assertion issued in the future (iat beyond the clock skew)', async () => {
    const { peer, assertion } = await receiverTrustingOneCertificate({ clockSkewSeconds: 60 });
    const future = assertion({ iat: now() + 600, exp: now() + 900 });
    const refused = await postForm(peer.tokenEndpoint, { grant_type: JWT_BEARER_GRANT, assertion: future });
    expect(refused.body.error).toBe('invalid_grant');
    expect(refused.body.error_description).toMatch(/^iat is (600|599) s in the future \(\S+; clock skew allowed 60 s\)$/);
  });
});

describe('receiver client authentication', () => {
  it('refuses a registered client using a method it may not use, or one with no secret set', async () => {
    const { peer } = await receiverTrustingOneCertificate();
    peer.receiver.configure({
      clients: [
        { clientId: 'basic-only', authMethods: ['client_secret_basic'] },
        { clientId: 'no-secret', authMethods: ['client_secret_basic', 'client_secret_post'] },
      ],
    });
    peer.receiver.setClientSecret('basic-only', 'pw');

    const post = await postForm(peer.tokenEndpoint, { grant_type: 'client_credentials', client_id: 'basic-only', client_secret: 'pw' });
    expect(post.status).toBe(401);
    expect(post.body).toEqual({
      error: 'invalid_client',
      error_description: 'client "basic-only" may not use client_secret_post (allowed: client_secret_basic)',
    });
    const basic = { authorization: `Basic ${Buffer.from('basic-only:pw').toString('base64')}` };
    expect((await postForm(peer.tokenEndpoint, { grant_type: 'client_credentials' }, basic)).status).toBe(200);

    const noSecret = await postForm(peer.tokenEndpoint, { grant_type: 'client_credentials', client_id: 'no-secret', client_secret: 'x' });
    expect(noSecret.status).toBe(401);
    expect(noSecret.body).toEqual({ error: 'invalid_client', error_description: 'client "no-secret" has no secret set in the receiver' });
  });

  it('refuses client_assertion_type without a client_assertion', async () => {
    const { peer } = await receiverTrustingOneCertificate();
    const missing = await postForm(peer.tokenEndpoint, { grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: 'invalid_client', error_description: 'client_assertion is missing' });
    expect(peer.log().at(-1)).toMatchObject({
      endpoint: 'token',
      verdict: 'rejected',
      reason: 'invalid_client: client_assertion is missing',
    });
  });
});

describe('receiver documents and methods', () => {
  it.each(['/.well-known/jwks.json', '/.well-known/openid-configuration'])('answers 405 with Allow to a POST to %s', async (path) => {
    const { peer } = await receiverTrustingOneCertificate();
    const response = await fetch(`${peer.baseUrl}${path}`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.json()).toEqual({ error: 'method_not_allowed', error_description: `${path} answers GET only` });
    expect(peer.log().at(-1)).toMatchObject({ method: 'POST', path, verdict: 'rejected', reason: 'POST is not allowed', status: 405 });
  });
});
