// Export to Salesforce names, per profile, each setting the chosen model cannot honour (reference §1.3 legacy JWT,
// §2.4 new-model claims) instead of exporting it silently.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NamedCredentialInput } from '../../../shared/credentials/profile';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';
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
