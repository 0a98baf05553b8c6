// Export to Salesforce names, per profile, each setting the chosen model cannot honour (reference §1.3 legacy JWT,
// §2.4 new-model claims) instead of exporting it silently.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract/credentials';
import type { NamedCredentialInput } from '../../../shared/credentials/profile';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';
import { withoutSignetComments } from './salesforce-fixtures';
import { createProfile, makeCertificate, profileInput, unlockedBackend } from './setup';

async function exportWarnings(backend: TestBackend, ids: string[], model: 'legacy' | 'new'): Promise<string[]> {
  const path = join(backend.dataFolder, `${model}-${Math.random()}.zip`);
  const result = unwrapResult<{ warnings: string[] }>(
    await backend.dispatch('credentials.exportSalesforce', [{ ids, model, destination: { path } }]),
  );
  return result.warnings;
}

/** A JWT profile that both Salesforce models can express exactly. */
const plainRs256 = (signingCertificateId: string, overrides: Partial<NamedCredentialInput> = {}) =>
  profileInput({
    protocol: 'jwt-exchange',
    namedPrincipalSubject: 'svc',
    tokenEndpointUrl: 'https://auth.example.com/token',
    ...overrides,
    jwt: {
      algorithm: 'RS256',
      signingCertificateId,
      kid: 'none',
      typ: '',
      includeIat: false,
      includeNbf: false,
      includeJti: false,
      ...overrides.jwt,
    },
  });

describe('legacy export warnings', () => {
  it('a profile within the legacy JWT (RS256; iss, sub, aud, exp) exports without warnings', async () => {
    const backend = await unlockedBackend();
    const rsa = await makeCertificate(backend, 'RSA-2048');
    const view = await createProfile(backend, plainRs256(rsa.id));
    expect(await exportWarnings(backend, [view.id], 'legacy')).toEqual([]);
  });

  it('names the algorithm, header parameters, custom and time claims, scope claim, extra parameters, refresh codes and headers it drops', async () => {
    const backend = await unlockedBackend();
    const ec = await makeCertificate(backend, 'EC-P256');
    const view = await createProfile(
      backend,
      profileInput({
        protocol: 'jwt-exchange',
        namedPrincipalSubject: 'svc',
        tokenEndpointUrl: 'https://auth.example.com/token',
        scope: 'orders',
        scopePlacement: 'both',
        extraParams: [{ name: 'audience', value: 'x' }],
        refreshOnStatus: [403],
        customHeaders: [{ name: 'X-Tenant', value: 'acme' }],
        jwt: {
          algorithm: 'ES256',
          signingCertificateId: ec.id,
          kid: 'custom',
          customKid: 'k1',
          x5t: true,
          customClaims: '{"tenant":"acme","level":2}',
        },
      }),
    );
    expect(await exportWarnings(backend, [view.id], 'legacy')).toEqual([
      'Orders API: legacy Named Credential metadata has no Custom Headers; X-Tenant is not exported — set them in Apex, or use the new model export.',
      "Orders API: Salesforce's legacy JWT signs RS256 only; this profile uses ES256 — choose RS256 with an RSA certificate for Salesforce.",
      "Orders API: Salesforce's legacy JWT has no header parameters; kid and x5t will not be sent — use the new model export (JwtHeaderClaim).",
      "Orders API: Salesforce's legacy JWT carries only iss, sub, aud and exp; the Custom Claims tenant and level will not be sent — use the new model export (JwtBodyClaim).",
      'Orders API: Salesforce documents only iss, sub, aud and exp for the legacy JWT; whether it sends iat, nbf and jti (on in this profile) is not documented — check that the peer does not require them.',
      'Orders API: legacy JWT Token Exchange sends Scope as a form parameter only, not as a claim — use the new model export to keep the scope claim.',
      'Orders API: legacy JWT Token Exchange sends only grant_type, assertion and scope; audience will not be sent.',
      'Orders API: legacy Named Credentials refresh the token on 401 only; 403 is not exported — use the new model export (Additional Status Codes for Token Refresh).',
    ]);
  });

  it('PS256, RS512, HS256 and a thumbprint kid are each named', async () => {
    const backend = await unlockedBackend();
    const rsa = await makeCertificate(backend, 'RSA-2048');
    const ps = await createProfile(backend, plainRs256(rsa.id, { name: 'Ps', label: 'Ps', jwt: { algorithm: 'PS256' } }));
    const rs512 = await createProfile(backend, plainRs256(rsa.id, { name: 'Rs', label: 'Rs', jwt: { algorithm: 'RS512' } }));
    const hs = await createProfile(
      backend,
      plainRs256(rsa.id, { name: 'Hs', label: 'Hs', jwt: { algorithm: 'HS256', signingCertificateId: null } }),
      { hmacSecret: 'a-shared-secret-of-at-least-32-bytes!!' },
    );
    const thumb = await createProfile(backend, plainRs256(rsa.id, { name: 'Th', label: 'Th', jwt: { kid: 'thumbprint' } }));
    const warnings = await exportWarnings(backend, [ps.id, rs512.id, hs.id, thumb.id], 'legacy');
    expect(warnings).toEqual([
      "Ps: Salesforce's legacy JWT signs RS256 only; this profile uses PS256 — choose RS256 with an RSA certificate for Salesforce.",
      "Rs: Salesforce's legacy JWT signs RS256 only; this profile uses RS512 — use the new model export (External Credentials also offer RS512), or choose RS256.",
      "Hs: Salesforce's legacy JWT signs RS256 only; this profile uses HS256 — choose RS256 with an RSA certificate for Salesforce.",
      "Th: Salesforce's legacy JWT has no header parameters; kid will not be sent — use the new model export (JwtHeaderClaim).",
    ]);
  });

  it('Per User with several users: only the active subject is exported, and it says so', async () => {
    const backend = await unlockedBackend();
    const rsa = await makeCertificate(backend, 'RSA-2048');
    const view = await createProfile(
      backend,
      plainRs256(rsa.id, {
        identityType: 'per-user',
        perUserSubjects: [
          { user: 'alice', subject: 'alice@example.com' },
          { user: 'bob', subject: 'bob@example.com' },
        ],
        activeUser: 'bob',
      }),
    );
    expect(await exportWarnings(backend, [view.id], 'legacy')).toEqual([
      "Orders API: only the active user's subject (bob@example.com) is exported, as a constant jwtFormulaSubject; Salesforce evaluates a formula per user — replace it with one (e.g. $User.Username) in Setup.",
    ]);
  });
});

describe('new model export', () => {
  it('a profile within Salesforce’s External Credential JWT (RS256, iat and nbf, no jti) exports without warnings', async () => {
    const backend = await unlockedBackend();
    const rsa = await makeCertificate(backend, 'RSA-2048');
    const view = await createProfile(backend, plainRs256(rsa.id, { jwt: { includeIat: true, includeNbf: true } }));
    expect(await exportWarnings(backend, [view.id], 'new')).toEqual([]);
  });

  it('names the algorithm, jti, iat/nbf left out, the Per User table, missing iss/sub/aud and what lives on the principal', async () => {
    const backend = await unlockedBackend();
    const ec = await makeCertificate(backend, 'EC-P256');
    const perUser = await createProfile(
      backend,
      profileInput({
        name: 'Per_User',
        label: 'Per User',
        protocol: 'jwt-exchange',
        identityType: 'per-user',
        perUserSubjects: [
          { user: 'alice', subject: 'alice@example.com' },
          { user: 'bob', subject: 'bob@example.com' },
        ],
        activeUser: 'bob',
        tokenEndpointUrl: 'https://auth.example.com/token',
        extraParams: [{ name: 'resource', value: 'r' }],
        jwt: { algorithm: 'ES256', signingCertificateId: ec.id, includeIat: false, issuer: '' },
      }),
    );
    const secret = await createProfile(
      backend,
      profileInput({
        name: 'Secret',
        label: 'Secret',
        protocol: 'client-credentials',
        clientAuth: 'client_secret_post',
        clientId: 'client-9',
        tokenEndpointUrl: 'https://auth.example.com/token',
      }),
      { clientSecret: 's' },
    );
    const password = await createProfile(backend, profileInput({ name: 'Pw', label: 'Pw', protocol: 'password', username: 'u' }), {
      password: 'p',
    });
    expect(await exportWarnings(backend, [perUser.id, secret.id, password.id], 'new')).toEqual([
      'Per User: External Credentials have no field for extra token request parameters; resource will not be sent.',
      'Per User: Salesforce signs External Credential JWTs with RS256 (or RS512) only; this profile uses ES256 — choose RS256 with an RSA certificate for Salesforce.',
      'Per User: Salesforce always adds iat and nbf; this profile leaves out iat.',
      'Per User: Salesforce does not add jti; a peer that requires a jti will refuse its tokens.',
      "Per User: only the active user's subject (bob@example.com) is exported, as a constant sub claim; Salesforce evaluates a formula per user — replace it with one (e.g. $User.Username) in Setup.",
      'Per User: Salesforce requires iss, sub and aud once any claim is set; this profile has no iss — set Issuer.',
      'Secret: enter the Client ID (client-9) and Client Secret for the principal in Setup; External Credential metadata carries neither.',
      'Pw: enter the Username and Password for the principal in Setup; External Credential metadata carries neither.',
    ]);
  });

  it('states what Salesforce can hold: Per User sub, a JWT’s scope claim, x5t, a client assertion’s default aud — read back without the Signet comment', async () => {
    const backend = await unlockedBackend();
    const rsa = await makeCertificate(backend, 'RSA-2048', 'Rsa_Signing');
    const perUser = await createProfile(
      backend,
      plainRs256(rsa.id, {
        name: 'Per_User',
        protocol: 'jwt',
        identityType: 'per-user',
        perUserSubjects: [{ user: 'bob', subject: "o'brien@example.com" }],
        activeUser: 'bob',
        scope: 'orders.read',
        scopePlacement: 'form',
        jwt: { x5t: true, x5tS256: true, kid: 'thumbprint' },
      }),
    );
    const client = await createProfile(
      backend,
      plainRs256(rsa.id, {
        name: 'Client',
        protocol: 'client-credentials',
        clientAuth: 'private_key_jwt',
        clientId: 'client-1',
        jwt: { audiences: [] },
      }),
    );
    const path = join(backend.dataFolder, 'plain.zip');
    unwrapResult(
      await backend.dispatch('credentials.exportSalesforce', [{ ids: [perUser.id, client.id], model: 'new', destination: { path } }]),
    );
    const files = Object.fromEntries(Object.entries(unzipSync(readFileSync(path))).map(([name, bytes]) => [name, strFromU8(bytes)]));
    const perUserEc = files['force-app/main/default/externalCredentials/Per_User.externalCredential-meta.xml']!;
    expect(perUserEc).toMatch(
      /<parameterName>sub<\/parameterName>\s*<parameterType>JwtBodyClaim<\/parameterType>\s*<parameterValue>o'brien@example.com</,
    );
    expect(perUserEc).toMatch(
      /<parameterName>scope<\/parameterName>\s*<parameterType>JwtBodyClaim<\/parameterType>\s*<parameterValue>orders.read</,
    );
    expect(perUserEc).toMatch(
      new RegExp(`<parameterName>x5t</parameterName>\\s*<parameterType>JwtHeaderClaim</parameterType>\\s*<parameterValue>${rsa.x5t}<`),
    );
    const clientEc = files['force-app/main/default/externalCredentials/Client.externalCredential-meta.xml']!;
    expect(clientEc).toMatch(
      /<parameterName>aud<\/parameterName>\s*<parameterType>JwtBodyClaim<\/parameterType>\s*<parameterValue>https:\/\/auth.example.com\/token</,
    );

    const report = unwrapResult<ImportReport>(
      await backend.dispatch('credentials.importSalesforce', [
        { files: [{ name: 'retrieved.zip', base64: withoutSignetComments(files) }], conflict: 'rename' },
      ]),
    );
    expect(report.renamed.map((entry) => entry.to)).toEqual(['Per_User_2', 'Client_2']);
    const store = backend.graph.internal.credentialStore;
    expect(store.findByName('Per_User_2')).toMatchObject({
      identityType: 'per-user',
      perUserSubjects: [{ user: 'default', subject: "o'brien@example.com" }],
      activeUser: 'default',
      scope: 'orders.read',
      jwt: { x5t: true, x5tS256: true, kid: 'thumbprint', signingCertificateId: rsa.id },
    });
    expect(store.findByName('Client_2')).toMatchObject({ clientId: 'client-1', jwt: { audiences: [] } });
  });
});
