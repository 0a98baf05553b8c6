// Importing Salesforce metadata written by Salesforce (no Signet comment), and the coded errors of bad files.
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract/credentials';
import { NamedCredentialInput } from '../../../shared/credentials/profile';
import { pickFields } from '../../../electron/services/credentials/portable';
import { unwrapResult } from '../../harness/rpc';
import { errorOf, makeCertificate, unlockedBackend } from './setup';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('Salesforce metadata import', () => {
  it('imports plain Salesforce files (no Signet comment): the legacy example and an OAuth JWT Bearer External Credential', async () => {
    const backend = await unlockedBackend();
    await makeCertificate(backend, 'RSA-2048', 'My_Signing_Cert');
    const legacy = `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <allowMergeFieldsInBody>false</allowMergeFieldsInBody>
    <allowMergeFieldsInHeader>false</allowMergeFieldsInHeader>
    <authTokenEndpointUrl>https://auth.example.com/oauth2/token</authTokenEndpointUrl>
    <endpoint>https://api.example.com</endpoint>
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <jwtAudience>["https://auth.example.com/oauth2/token"]</jwtAudience>
    <jwtIssuer>my-client-id</jwtIssuer>
    <jwtSigningCertificate>My_Signing_Cert</jwtSigningCertificate>
    <jwtTextSubject>integration-user</jwtTextSubject>
    <jwtValidityPeriodSeconds>300</jwtValidityPeriodSeconds>
    <label>My API</label>
    <oauthScope>api.read</oauthScope>
    <principalType>NamedUser</principalType>
    <protocol>JwtExchange</protocol>
</NamedCredential>`;
    const ec = `<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters><parameterName>Oauth</parameterName><parameterType>AuthProtocolVariant</parameterType><parameterValue>JwtBearer</parameterValue></externalCredentialParameters>
    <externalCredentialParameters><parameterName>AuthProviderUrl</parameterName><parameterType>AuthProviderUrl</parameterType><parameterValue>https://login.salesforce.com/services/oauth2/token</parameterValue></externalCredentialParameters>
    <externalCredentialParameters><parameterName>SigningCertificate</parameterName><parameterType>SigningCertificate</parameterType><certificate>My_Signing_Cert</certificate></externalCredentialParameters>
    <externalCredentialParameters><parameterName>iss</parameterName><parameterType>JwtBodyClaim</parameterType><parameterValue>CONSUMER_KEY</parameterValue></externalCredentialParameters>
    <externalCredentialParameters><parameterName>sub</parameterName><parameterType>JwtBodyClaim</parameterType><parameterValue>integration@example.com</parameterValue></externalCredentialParameters>
    <externalCredentialParameters><parameterName>aud</parameterName><parameterType>JwtBodyClaim</parameterType><parameterValue>https://login.salesforce.com</parameterValue></externalCredentialParameters>
    <externalCredentialParameters><parameterName>kid</parameterName><parameterType>JwtHeaderClaim</parameterType><parameterValue>key-1</parameterValue></externalCredentialParameters>
    <externalCredentialParameters><parameterGroup>Svc</parameterGroup><parameterName>Svc</parameterName><parameterType>NamedPrincipal</parameterType><sequenceNumber>1</sequenceNumber></externalCredentialParameters>
    <label>My JWT Bearer EC</label>
</ExternalCredential>`;
    const nc = `<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Salesforce API</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
    <namedCredentialParameters><parameterName>DefaultEndpoint</parameterName><parameterType>Url</parameterType><parameterValue>https://acme.my.salesforce.com</parameterValue></namedCredentialParameters>
    <namedCredentialParameters><parameterName>DefaultAuth</parameterName><parameterType>Authentication</parameterType><externalCredential>My_JWT_EC</externalCredential></namedCredentialParameters>
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
</NamedCredential>`;
    const report = unwrapResult<ImportReport>(
      await backend.dispatch('credentials.importSalesforce', [
        {
          files: [
            { name: 'My_API.namedCredential-meta.xml', base64: b64(legacy) },
            { name: 'Salesforce_API.namedCredential-meta.xml', base64: b64(nc) },
            { name: 'My_JWT_EC.externalCredential-meta.xml', base64: b64(ec) },
          ],
        },
      ]),
    );
    expect(report.created).toEqual(['My_API', 'Salesforce_API']);
    const store = backend.graph.internal.credentialStore;
    const cert = backend.graph.internal.certificates.findByName('My_Signing_Cert')!;
    expect(store.findByName('My_API')).toMatchObject({
      label: 'My API',
      url: 'https://api.example.com',
      protocol: 'jwt-exchange',
      identityType: 'named-principal',
      namedPrincipalSubject: 'integration-user',
      tokenEndpointUrl: 'https://auth.example.com/oauth2/token',
      scope: 'api.read',
      jwt: {
        issuer: 'my-client-id',
        audiences: ['https://auth.example.com/oauth2/token'],
        tokenValidForSeconds: 300,
        signingCertificateId: cert.id,
        algorithm: 'RS256',
      },
    });
    expect(store.findByName('Salesforce_API')).toMatchObject({
      url: 'https://acme.my.salesforce.com',
      protocol: 'jwt-exchange',
      namedPrincipalSubject: 'integration@example.com',
      tokenEndpointUrl: 'https://login.salesforce.com/services/oauth2/token',
      jwt: {
        issuer: 'CONSUMER_KEY',
        audiences: ['https://login.salesforce.com'],
        kid: 'custom',
        customKid: 'key-1',
        signingCertificateId: cert.id,
      },
    });
    expect(NamedCredentialInput.safeParse(pickFields(store.findByName('Salesforce_API')!)).success).toBe(true);
  });

  it('refuses malformed XML, unknown protocols and a missing External Credential with coded errors', async () => {
    const backend = await unlockedBackend();
    const call = async (files: { name: string; base64: string }[]) =>
      errorOf(await backend.dispatch('credentials.importSalesforce', [{ files }]));
    const malformed = await call([{ name: 'Bad.namedCredential-meta.xml', base64: b64('<NamedCredential><label>x</NamedCredential>') }]);
    expect(malformed).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(malformed.message).toMatch(/^Bad\.namedCredential-meta\.xml is not well-formed XML \(line 1: /);
    const oauth = await call([
      {
        name: 'O.namedCredential-meta.xml',
        base64: b64('<NamedCredential><label>O</label><endpoint>https://a.example</endpoint><protocol>Oauth</protocol></NamedCredential>'),
      },
    ]);
    expect(oauth.message).toMatch(/uses Authentication Protocol Oauth, which Signet does not model/);
    const aws = await call([
      {
        name: 'A.namedCredential-meta.xml',
        base64: b64(
          '<NamedCredential><label>A</label><namedCredentialType>SecuredEndpoint</namedCredentialType><namedCredentialParameters><parameterName>Url</parameterName><parameterType>Url</parameterType><parameterValue>https://a.example</parameterValue></namedCredentialParameters><namedCredentialParameters><parameterType>Authentication</parameterType><externalCredential>A</externalCredential></namedCredentialParameters></NamedCredential>',
        ),
      },
      {
        name: 'A.externalCredential-meta.xml',
        base64: b64('<ExternalCredential><label>A</label><authenticationProtocol>AwsSv4</authenticationProtocol></ExternalCredential>'),
      },
    ]);
    expect(aws).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/authentication protocol AwsSv4, which Signet does not model/),
    });
    const missing = await call([
      {
        name: 'M.namedCredential-meta.xml',
        base64: b64(
          '<NamedCredential><label>M</label><namedCredentialParameters><parameterType>Authentication</parameterType><externalCredential>Nope</externalCredential></namedCredentialParameters></NamedCredential>',
        ),
      },
    ]);
    expect(missing.message).toMatch(/refers to the External Credential Nope, which is not among the files/);
    expect(backend.graph.internal.credentialStore.list()).toEqual([]);
  });
});
