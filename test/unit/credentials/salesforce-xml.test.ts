// Salesforce metadata: export → import round trip for every protocol (legacy and new model), element names as in
// the reference, plain Salesforce files without Signet's comment, and the coded errors of bad files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract/credentials';
import { pickFields } from '../../../electron/services/credentials/portable';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';
import { certificateNameIn, exportZip, modelledBySalesforce, richProfiles, withoutSignetComments } from './salesforce-fixtures';
import { createProfile, errorOf, makeCertificate, unlockedBackend } from './setup';

/**
 * Salesforce drops XML comments on deploy and retrieve: the fields its model states must survive without Signet's.
 * Imported beside the originals (renamed), so the certificates — and their thumbprints — are the same ones.
 */
async function expectPlainRoundTrip(backend: TestBackend, files: Record<string, string>, names: string[], model: 'legacy' | 'new') {
  const report = unwrapResult<ImportReport>(
    await backend.dispatch('credentials.importSalesforce', [
      { files: [{ name: 'retrieved.zip', base64: withoutSignetComments(files) }], conflict: 'rename' },
    ]),
  );
  expect(report.renamed.map((entry) => entry.from).sort()).toEqual([...names].sort());
  const names2 = certificateNameIn(backend);
  for (const { from, to } of report.renamed) {
    const original = pickFields(backend.graph.internal.credentialStore.findByName(from)!);
    const imported = pickFields(backend.graph.internal.credentialStore.findByName(to)!);
    expect(modelledBySalesforce({ ...imported, name: from }, model, names2), `${from} without the signet comment`).toEqual(
      modelledBySalesforce(original, model, names2),
    );
  }
}

describe('Salesforce metadata', () => {
  it('new model: every protocol round-trips through NamedCredential + ExternalCredential XML', async () => {
    const backend = await unlockedBackend();
    const { views, signing } = await richProfiles(backend);
    const { files, path } = await exportZip(
      backend,
      views.map((view) => view.id),
      'new',
    );
    expect(Object.keys(files).sort()).toContain('force-app/main/default/namedCredentials/P_Exchange.namedCredential-meta.xml');
    expect(Object.keys(files)).toContain('force-app/main/default/externalCredentials/P_Exchange.externalCredential-meta.xml');
    expect(Object.keys(files)).toContain('sfdx-project.json');

    const nc = files['force-app/main/default/namedCredentials/P_Exchange.namedCredential-meta.xml']!;
    expect(nc).toContain('<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">');
    expect(nc).toContain('<namedCredentialType>SecuredEndpoint</namedCredentialType>');
    expect(nc).toMatch(
      /<calloutStatus>Enabled<\/calloutStatus>\n {4}<description>Orders &amp; &lt;invoices&gt; for "acme"<\/description>\n/,
    );
    expect(nc).toMatch(
      /<parameterName>Url<\/parameterName>\s*<parameterType>Url<\/parameterType>\s*<parameterValue>https:\/\/api\.example\.com\/v2<\/parameterValue>/,
    );
    expect(nc).toMatch(
      /<externalCredential>P_Exchange<\/externalCredential>\s*<parameterName>ExternalCredential<\/parameterName>\s*<parameterType>Authentication<\/parameterType>/,
    );
    expect(nc).toMatch(
      /<certificate>Mtls_Client<\/certificate>\s*<parameterName>ClientCertificate<\/parameterName>\s*<parameterType>ClientCertificate<\/parameterType>/,
    );
    expect(nc).toMatch(
      /<parameterName>X-Tenant<\/parameterName>\s*<parameterType>HttpHeader<\/parameterType>\s*<parameterValue>\{\{tenant\}\}<\/parameterValue>\s*<sequenceNumber>1<\/sequenceNumber>/,
    );

    const ec = files['force-app/main/default/externalCredentials/P_Exchange.externalCredential-meta.xml']!;
    expect(ec).toContain('<authenticationProtocol>Oauth</authenticationProtocol>');
    expect(ec).toMatch(
      /<parameterName>Oauth<\/parameterName>\s*<parameterType>AuthProtocolVariant<\/parameterType>\s*<parameterValue>JwtBearer<\/parameterValue>/,
    );
    expect(ec).toMatch(
      /<parameterType>AuthProviderUrl<\/parameterType>\s*<parameterValue>https:\/\/auth\.example\.com\/token<\/parameterValue>/,
    );
    expect(ec).toMatch(
      /<certificate>Jwt_Signing<\/certificate>\s*<parameterName>SigningCertificate<\/parameterName>\s*<parameterType>SigningCertificate<\/parameterType>/,
    );
    expect(ec).toMatch(
      /<parameterName>iss<\/parameterName>\s*<parameterType>JwtBodyClaim<\/parameterType>\s*<parameterValue>signet-client<\/parameterValue>/,
    );
    expect(ec).toMatch(
      /<parameterName>kid<\/parameterName>\s*<parameterType>JwtHeaderClaim<\/parameterType>\s*<parameterValue>key-7<\/parameterValue>/,
    );
    expect(ec).toMatch(/<parameterName>Scope<\/parameterName>\s*<parameterType>AuthParameter<\/parameterType>/);
    expect(ec).toMatch(/<parameterType>AdditionalRefreshStatusCode<\/parameterType>\s*<parameterValue>403<\/parameterValue>/);
    expect(ec).toMatch(/<parameterType>PerUserPrincipal<\/parameterType>/);
    expect(ec).toContain('86400 + 180))}');
    const clientJwt = files['force-app/main/default/externalCredentials/P_Client_Jwt.externalCredential-meta.xml']!;
    expect(clientJwt).toContain('<parameterValue>ClientCredentialsJwtAssertion</parameterValue>');
    expect(clientJwt).toMatch(
      new RegExp(
        `<parameterName>kid</parameterName>\\s*<parameterType>JwtHeaderClaim</parameterType>\\s*<parameterValue>${signing.jwkThumbprint}</parameterValue>`,
      ),
    );
    expect(files['force-app/main/default/externalCredentials/P_Client_Basic.externalCredential-meta.xml']).toContain(
      'ClientCredentialsClientSecretBasic',
    );
    expect(files['force-app/main/default/externalCredentials/P_Client_Post.externalCredential-meta.xml']).toContain(
      '<parameterValue>ClientCredentialsClientSecret</parameterValue>',
    );
    expect(files['force-app/main/default/externalCredentials/P_Password.externalCredential-meta.xml']).toContain(
      '<authenticationProtocol>Basic</authenticationProtocol>',
    );
    // No secret is in any file.
    expect(JSON.stringify(files)).not.toMatch(/"pw"|>pw<|>tok<|>s</);

    // Import into a fresh data folder that has certificates of the same names.
    const other = await unlockedBackend();
    await makeCertificate(other, 'RSA-2048', 'Jwt_Signing');
    await makeCertificate(other, 'EC-P256', 'Mtls_Client');
    const report = unwrapResult<ImportReport>(
      await other.dispatch('credentials.importSalesforce', [
        { files: [{ name: 'project.zip', base64: readFileSync(path).toString('base64') }] },
      ]),
    );
    expect(report.created.sort()).toEqual(views.map((view) => view.name).sort());
    const names = (id: string | null, backend2: TestBackend) => (id ? backend2.graph.internal.certificates.get(id).name : null);
    for (const view of views) {
      const imported = other.graph.internal.credentialStore.findByName(view.name)!;
      const normalise = (fields: ReturnType<typeof pickFields>, owner: TestBackend) => ({
        ...fields,
        clientCertificateId: names(fields.clientCertificateId, owner),
        jwt: { ...fields.jwt, signingCertificateId: names(fields.jwt.signingCertificateId, owner) },
      });
      expect(normalise(pickFields(imported), other), view.name).toEqual(
        normalise(pickFields(backend.graph.internal.credentialStore.get(view.id)), backend),
      );
    }
    await expectPlainRoundTrip(
      backend,
      files,
      views.map((view) => view.name),
      'new',
    );
  });

  it('legacy model: NoAuthentication, Password, Jwt and JwtExchange round-trip; bearer and client credentials are skipped with a reason', async () => {
    const backend = await unlockedBackend();
    const { views } = await richProfiles(backend);
    const { files, result, path } = await exportZip(
      backend,
      views.map((view) => view.id),
      'legacy',
    );
    expect(result.skipped).toEqual([
      expect.stringMatching(/^Bearer: legacy Named Credentials have no static Bearer Token/),
      expect.stringMatching(/^Client JWT: legacy Named Credentials have no OAuth 2.0 Client Credentials/),
      expect.stringMatching(/^Client Basic/),
      expect.stringMatching(/^Client Post/),
    ]);
    const exchange = files['force-app/main/default/namedCredentials/P_Exchange.namedCredential-meta.xml']!;
    // The reference's element names, alphabetical as Salesforce retrieves them.
    const elements = [...exchange.matchAll(/^ {4}<(\w+)>/gm)].map((match) => match[1]);
    expect(elements).toEqual([
      'allowMergeFieldsInBody',
      'allowMergeFieldsInHeader',
      'authTokenEndpointUrl',
      'certificate',
      'description',
      'endpoint',
      'generateAuthorizationHeader',
      'jwtAudience',
      'jwtFormulaSubject',
      'jwtIssuer',
      'jwtSigningCertificate',
      'jwtValidityPeriodSeconds',
      'label',
      'namedCredentialType',
      'oauthScope',
      'principalType',
      'protocol',
    ]);
    expect(exchange).toContain('<jwtAudience>["https://auth.example.com/token","urn:extra"]</jwtAudience>');
    expect(exchange).toContain('<protocol>JwtExchange</protocol>');
    expect(exchange).toContain('<description>Orders &amp; &lt;invoices&gt; for "acme"</description>');
    expect(exchange).toContain('<namedCredentialType>Legacy</namedCredentialType>');
    // What the legacy JWT cannot carry is named, per profile, instead of exported silently.
    expect(result.warnings).toContain(
      "Jwt: Salesforce's legacy JWT signs RS256 only; this profile uses PS384 — choose RS256 with an RSA certificate for Salesforce.",
    );
    expect(result.warnings).toContain(
      "Exchange: Salesforce's legacy JWT has no header parameters; kid and x5t will not be sent — use the new model export (JwtHeaderClaim).",
    );
    expect(exchange).toContain('<principalType>PerUser</principalType>');
    expect(exchange).toContain("<jwtFormulaSubject>'bob@example.com'</jwtFormulaSubject>");
    expect(files['force-app/main/default/namedCredentials/P_Password.namedCredential-meta.xml']).toContain('<username>svc-user</username>');
    expect(files['force-app/main/default/namedCredentials/P_Password.namedCredential-meta.xml']).not.toContain('<password>');

    const report = unwrapResult<ImportReport>(
      await backend.dispatch('credentials.importSalesforce', [
        { files: [{ name: 'legacy.zip', base64: readFileSync(path).toString('base64') }], conflict: 'rename' },
      ]),
    );
    expect(report.renamed.map((entry) => entry.to).sort()).toEqual(['P_Exchange_2', 'P_Jwt_2', 'P_None_2', 'P_Password_2']);
    for (const name of ['P_None', 'P_Password', 'P_Jwt', 'P_Exchange']) {
      const original = pickFields(backend.graph.internal.credentialStore.findByName(name)!);
      expect(pickFields(backend.graph.internal.credentialStore.findByName(`${name}_2`)!), name).toEqual({ ...original, name: `${name}_2` });
    }
    await expectPlainRoundTrip(backend, files, ['P_None', 'P_Password', 'P_Jwt', 'P_Exchange'], 'legacy');
  });

  it("legacy Per User: a subject with ' and \\ survives the formula string and comes back from files without Signet's comment", async () => {
    const backend = await unlockedBackend();
    const signing = await makeCertificate(backend, 'RSA-2048', 'Jwt_Signing');
    const subject = "o'brien\\ops@example.com";
    const view = await createProfile(backend, {
      label: 'Quote',
      name: 'Quote',
      url: 'https://q.example',
      protocol: 'jwt',
      identityType: 'per-user',
      perUserSubjects: [{ user: 'bob', subject }],
      activeUser: 'bob',
      jwt: { signingCertificateId: signing.id, audiences: ['https://q.example'] },
    });
    const { files } = await exportZip(backend, [view.id], 'legacy');
    expect(files['force-app/main/default/namedCredentials/Quote.namedCredential-meta.xml']).toContain(
      "<jwtFormulaSubject>'o\\'brien\\\\ops@example.com'</jwtFormulaSubject>",
    );
    await expectPlainRoundTrip(backend, files, ['Quote'], 'legacy');
    expect(backend.graph.internal.credentialStore.findByName('Quote_2')!.perUserSubjects).toEqual([{ user: 'default', subject }]);
  });

  it('new model: a client secret’s Scope is the Scope parameter even when Send Scope as says claim, and survives without the comment', async () => {
    const backend = await unlockedBackend();
    const view = await createProfile(
      backend,
      {
        label: 'Client Scope',
        name: 'P_Client_Scope',
        url: 'https://api.example.com/v2',
        protocol: 'client-credentials',
        clientId: 'client-9',
        clientAuth: 'client_secret_basic',
        tokenEndpointUrl: 'https://auth.example.com/token',
        scope: 'orders.read',
        scopePlacement: 'claim',
      },
      { clientSecret: 's' },
    );
    const { files, path } = await exportZip(backend, [view.id], 'new');
    const ec = files['force-app/main/default/externalCredentials/P_Client_Scope.externalCredential-meta.xml']!;
    expect(ec).toMatch(
      /<parameterName>Scope<\/parameterName>\s*<parameterType>AuthParameter<\/parameterType>\s*<parameterValue>orders\.read<\/parameterValue>/,
    );
    await expectPlainRoundTrip(backend, files, ['P_Client_Scope'], 'new');
    // With Signet's comment the placement comes back as it was.
    const report = unwrapResult<ImportReport>(
      await backend.dispatch('credentials.importSalesforce', [
        { files: [{ name: 'project.zip', base64: readFileSync(path).toString('base64') }], conflict: 'rename' },
      ]),
    );
    const imported = backend.graph.internal.credentialStore.findByName(report.renamed[0]!.to)!;
    expect(pickFields(imported)).toEqual({ ...pickFields(backend.graph.internal.credentialStore.get(view.id)), name: imported.name });
  });

  it('writes the project as a folder, and asks before writing into a non-empty one', async () => {
    const backend = await unlockedBackend();
    const view = await createProfile(backend, { label: 'Folder API', name: 'Folder_API', url: 'https://f.example' });
    const path = join(backend.dataFolder, 'project');
    const call = (overwrite?: boolean) =>
      backend.dispatch('credentials.exportSalesforce', [
        { ids: [view.id], model: 'new', layout: 'folder', destination: { path, overwrite } },
      ]);
    expect(unwrapResult(await call())).toMatchObject({ saved: true, path, skipped: [] });
    expect(readFileSync(join(path, 'force-app/main/default/namedCredentials/Folder_API.namedCredential-meta.xml'), 'utf8')).toContain(
      '<label>Folder API</label>',
    );
    expect(readFileSync(join(path, 'force-app/main/default/externalCredentials/Folder_API.externalCredential-meta.xml'), 'utf8')).toContain(
      '<authenticationProtocol>Custom</authenticationProtocol>',
    );
    expect(errorOf(await call())).toMatchObject({ code: 'CONFLICT', details: { exists: true } });
    expect(unwrapResult(await call(true))).toMatchObject({ saved: true });
  });
});
