// JWT Token Exchange against oidc-provider (a maintained OAuth server Signet did not write) on 127.0.0.1: the
// provider parses the form, authenticates the client, answers errors in RFC 6749 JSON and issues the access
// token; the jwt-bearer grant (RFC 7523 §2.1, which oidc-provider has no built-in handler for) is registered
// through its registerGrantType and checks the assertion with fast-jwt.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVerifier } from 'fast-jwt';
import Provider, { errors } from 'oidc-provider';
import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../shared/contract/certificates';
import type { NewKeyAlgorithm } from '../../../shared/contract/certificates';
import type { JwtAlgorithm } from '../../../shared/credentials/algorithms';
import { createProfile, errorOf, makeCertificate, profileInput, unlockedBackend } from './setup';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function startProvider(signing: CertificateRecord) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokenUrl = `${issuer}/token`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'exchange-client',
        token_endpoint_auth_method: 'none',
        grant_types: [JWT_BEARER],
        response_types: [],
        redirect_uris: [],
        scope: 'orders.read',
      },
    ],
    features: { devInteractions: { enabled: false } },
    scopes: ['orders.read'],
    cookies: { keys: ['test-only-cookie-key'] },
    ttl: { ClientCredentials: 600 },
  });
  const verify = createVerifier({ key: signing.publicKeyPem, allowedAud: tokenUrl, requiredClaims: ['iss', 'sub', 'exp'] });
  const seen: { params: Record<string, unknown>; claims?: Record<string, unknown> }[] = [];
  provider.registerGrantType(
    JWT_BEARER,
    async (ctx, next) => {
      // The parameters oidc-provider parsed from the form (it lists the ones it knows but did not get as undefined).
      const params = Object.fromEntries(Object.entries(ctx.oidc.params ?? {}).filter(([, value]) => value !== undefined));
      let claims: Record<string, unknown>;
      try {
        claims = verify(String(params.assertion)) as Record<string, unknown>;
      } catch {
        seen.push({ params });
        throw new errors.InvalidGrant('assertion refused');
      }
      seen.push({ params, claims });
      const token = new provider.ClientCredentials({ client: ctx.oidc.client, scope: (params.scope as string | undefined) || undefined });
      ctx.oidc.entity('ClientCredentials', token);
      const value = await token.save();
      ctx.body = { access_token: value, expires_in: token.expiration, token_type: token.tokenType, scope: token.scope };
      await next();
    },
    ['assertion', 'scope'],
  );
  server.on('request', provider.callback());
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { provider, tokenUrl, seen };
}

async function setUp(keyAlgorithm: NewKeyAlgorithm, algorithm: JwtAlgorithm, audience?: string) {
  const backend = await unlockedBackend();
  const signing = await makeCertificate(backend, keyAlgorithm);
  const oidc = await startProvider(signing);
  await createProfile(
    backend,
    profileInput({
      protocol: 'jwt-exchange',
      namedPrincipalSubject: 'integration-user',
      tokenEndpointUrl: oidc.tokenUrl,
      scope: 'orders.read',
      // RFC 7523 §2.1 leaves client authentication to the server; this one identifies the client by client_id.
      extraParams: [{ name: 'client_id', value: 'exchange-client' }],
      jwt: { algorithm, signingCertificateId: signing.id, audiences: [audience ?? oidc.tokenUrl] },
    }),
  );
  const resolve = (extra: { forceRefresh?: boolean } = {}) =>
    backend.graph.internal.credentials.resolveAuth('Orders_API', { variables: {}, ...extra });
  return { backend, signing, ...oidc, resolve };
}

describe('JWT Token Exchange against oidc-provider', () => {
  it.each([
    ['RSA-2048', 'RS256'],
    ['EC-P256', 'ES256'],
  ] as const)('%s / %s: the provider accepts the jwt-bearer grant and its access token is sent and cached', async (keyAlgorithm, alg) => {
    const { provider, tokenUrl, seen, resolve } = await setUp(keyAlgorithm, alg);
    const first = await resolve();
    expect(seen).toHaveLength(1);
    expect(Object.keys(seen[0]!.params).sort()).toEqual(['assertion', 'client_id', 'grant_type', 'scope']);
    expect(seen[0]!.params).toMatchObject({ grant_type: JWT_BEARER, client_id: 'exchange-client', scope: 'orders.read' });
    expect(seen[0]!.claims).toMatchObject({ iss: 'signet-client', sub: 'integration-user', aud: tokenUrl });

    // The bearer token is one the provider issued, for this client and scope.
    const token = first.headers.find((header) => header.name === 'Authorization')!.value.replace(/^Bearer /, '');
    const issued = await provider.ClientCredentials.find(token);
    expect(issued).toMatchObject({ clientId: 'exchange-client', scope: 'orders.read' });
    expect(first.trace.steps[1]).toMatchObject({ kind: 'token-request', status: 200, response: { token_type: 'Bearer', expires_in: 600 } });

    // Cached for its lifetime: 1 000 callouts (a concurrent burst, then one by one), one token request.
    const all = await Promise.all(Array.from({ length: 50 }, () => resolve()));
    for (let i = 0; i < 949; i++) all.push(await resolve());
    expect(seen).toHaveLength(1);
    expect(new Set(all.map((resolved) => resolved.headers[0]!.value))).toEqual(new Set([`Bearer ${token}`]));

    // A refresh (after a 401 or a listed status) fetches a new one.
    const refreshed = await resolve({ forceRefresh: true });
    expect(seen).toHaveLength(2);
    expect(refreshed.headers[0]!.value).not.toBe(`Bearer ${token}`);
    expect(await provider.ClientCredentials.find(refreshed.headers[0]!.value.replace(/^Bearer /, ''))).toBeDefined();
  });

  it('an assertion the provider refuses (wrong aud) comes back as its invalid_grant with advice', async () => {
    const { backend, seen, resolve } = await setUp('RSA-2048', 'RS256', 'https://elsewhere.example/token');
    const failure = await resolve().then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: unknown) => error as { code: string; message: string },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]!.claims).toBeUndefined();
    expect(failure.code).toBe('TOKEN_EXCHANGE_FAILED');
    expect(failure.message).toBe(
      'invalid_grant: grant request is invalid — the assertion was refused. Compare Issuer, Named Principal Subject and Audiences with what the token endpoint expects.',
    );
    const view = backend.graph.internal.credentialStore.findByName('Orders_API')!;
    expect(errorOf(await backend.dispatch('credentials.previewToken', [{ id: view.id }])).code).toBe('TOKEN_EXCHANGE_FAILED');
  });
});
