// Signet's named credentials against Signet's receiver: jwt-bearer exchange, client_credentials
// with private_key_jwt and with a client secret, and the receiver's reason carried to the caller.
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { unwrapResult } from '../../harness/rpc';
import { receiverTrustingOneCertificate } from './peer';

type Setup = Awaited<ReturnType<typeof receiverTrustingOneCertificate>>;

async function createProfile(
  { backend, peer, signer }: Setup,
  name: string,
  fields: Record<string, unknown>,
  secrets: Record<string, unknown> = {},
) {
  const profile = {
    label: name,
    name,
    url: peer.apiUrl,
    namedPrincipalSubject: 'integration-user',
    tokenEndpointUrl: peer.tokenEndpoint,
    ...fields,
    jwt: {
      algorithm: 'ES256',
      signingCertificateId: signer.record.id,
      issuer: 'signet-client',
      audiences: [peer.tokenEndpoint],
      ...(fields.jwt as object),
    },
  };
  unwrapResult(await backend.dispatch('credentials.create', [{ profile, secrets }]));
  return async () => {
    const resolved = await backend.graph.internal.credentials.resolveAuth(name, { variables: {} });
    const authorization = resolved.headers.find((header) => header.name === 'Authorization')!.value;
    return fetch(`${peer.apiUrl}/check`, { headers: { authorization } });
  };
}

describe('named credentials against the receiver', () => {
  it('JWT Token Exchange: the access token works at /api', async () => {
    const setup = await receiverTrustingOneCertificate();
    const call = await createProfile(setup, 'Exchange', { protocol: 'jwt-exchange' });
    const response = await call();
    expect(response.status).toBe(200);
    expect(((await response.json()) as { token: { payload: { sub: string } } }).token.payload.sub).toBe('integration-user');
  });

  it('client_credentials with private_key_jwt and with client_secret_basic', async () => {
    const setup = await receiverTrustingOneCertificate();
    const keyJwt = await createProfile(setup, 'Key_Jwt', {
      protocol: 'client-credentials',
      clientAuth: 'private_key_jwt',
      clientId: 'orders-app',
      jwt: { issuer: 'orders-app' },
    });
    expect((await keyJwt()).status).toBe(200);
    expect(setup.peer.log().find((entry) => entry.endpoint === 'token')!.reason).toBe(
      'client_credentials grant for sub orders-app (client orders-app, private_key_jwt)',
    );

    setup.peer.addClient('secret-app', 'pa55word');
    const secret = await createProfile(
      setup,
      'Secret',
      { protocol: 'client-credentials', clientAuth: 'client_secret_basic', clientId: 'secret-app' },
      { clientSecret: 'pa55word' },
    );
    expect((await secret()).status).toBe(200);
  });

  it('a wrong audience fails the exchange with the receiver’s reason', async () => {
    const setup = await receiverTrustingOneCertificate();
    const call = await createProfile(setup, 'Wrong', { protocol: 'jwt-exchange', jwt: { audiences: ['https://elsewhere.example'] } });
    const failure = await call().then(
      () => null,
      (error: unknown) => error,
    );
    expect(isAppError(failure, 'TOKEN_EXCHANGE_FAILED')).toBe(true);
    expect((failure as Error).message).toContain(`audience is "https://elsewhere.example", expected one of "${setup.peer.tokenEndpoint}"`);
  });
});
