// Fixtures for the Salesforce metadata tests: one profile per protocol with every field set, the export, and the
// same files as Salesforce would hand them back (its deploy/retrieve drops XML comments, so Signet's extras go).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { NamedCredentialView } from '../../../shared/contract/credentials';
import { parseCustomClaims } from '../../../shared/credentials/checks';
import type { NamedCredentialFields, NamedCredentialInput as ProfileInput } from '../../../shared/credentials/profile';
import { unwrapResult } from '../../harness/rpc';
import type { TestBackend } from '../../harness/services';
import { createProfile, makeCertificate } from './setup';

export async function richProfiles(backend: TestBackend) {
  const signing = await makeCertificate(backend, 'RSA-2048', 'Jwt_Signing');
  const client = await makeCertificate(backend, 'EC-P256', 'Mtls_Client');
  const common = {
    url: 'https://api.example.com/v2',
    description: 'Orders & <invoices> for "acme"',
    clientCertificateId: client.id,
    generateAuthorizationHeader: true,
    allowMergeFieldsInHeader: true,
    allowMergeFieldsInBody: false,
    customHeaders: [
      { name: 'X-Tenant', value: '{{tenant}}' },
      { name: 'X-Token', value: '{!$Credential.OAuthToken}' },
    ],
  };
  const jwt = {
    issuer: 'signet-client',
    audiences: ['https://auth.example.com/token', 'urn:extra'],
    tokenValidForSeconds: 180,
    signingCertificateId: signing.id,
    algorithm: 'PS384' as const,
    kid: 'custom' as const,
    customKid: 'key-7',
    x5t: true,
    includeJti: false,
    clockSkewSeconds: 45,
    customClaims: JSON.stringify({ tenant: '{{tenant}}', level: 2, roles: ['a', 'b'] }, null, 2),
  };
  const inputs: [ProfileInput, Record<string, string>][] = [
    [{ ...common, label: 'None', name: 'P_None', protocol: 'none', identityType: 'anonymous' }, {}],
    [{ ...common, label: 'Password', name: 'P_Password', protocol: 'password', username: 'svc-user' }, { password: 'pw' }],
    [{ ...common, label: 'Bearer', name: 'P_Bearer', protocol: 'bearer' }, { bearerToken: 'tok' }],
    [
      {
        ...common,
        label: 'Jwt',
        name: 'P_Jwt',
        protocol: 'jwt',
        namedPrincipalSubject: 'alice',
        scope: 'read',
        scopePlacement: 'claim',
        jwt,
      },
      {},
    ],
    [
      {
        ...common,
        label: 'Exchange',
        name: 'P_Exchange',
        protocol: 'jwt-exchange',
        identityType: 'per-user',
        perUserSubjects: [
          { user: 'alice', subject: 'alice@example.com' },
          { user: 'bob', subject: 'bob@example.com' },
        ],
        activeUser: 'bob',
        tokenEndpointUrl: 'https://auth.example.com/token',
        scope: 'api refresh_token',
        scopePlacement: 'both',
        extraParams: [{ name: 'audience', value: 'https://api.example.com' }],
        refreshOnStatus: [403, 419],
        jwt,
      },
      {},
    ],
    [
      {
        ...common,
        label: 'Client JWT',
        name: 'P_Client_Jwt',
        protocol: 'client-credentials',
        clientId: 'client-1',
        clientAuth: 'private_key_jwt',
        tokenEndpointUrl: 'https://auth.example.com/token',
        scope: 'orders',
        jwt: { ...jwt, kid: 'thumbprint' },
      },
      {},
    ],
    [
      {
        ...common,
        label: 'Client Basic',
        name: 'P_Client_Basic',
        protocol: 'client-credentials',
        clientId: 'client-2',
        clientAuth: 'client_secret_basic',
        tokenEndpointUrl: 'https://auth.example.com/token',
      },
      { clientSecret: 's' },
    ],
    [
      {
        ...common,
        label: 'Client Post',
        name: 'P_Client_Post',
        protocol: 'client-credentials',
        clientId: 'client-3',
        clientAuth: 'client_secret_post',
        tokenEndpointUrl: 'https://auth.example.com/token',
      },
      { clientSecret: 's' },
    ],
  ];
  const views: NamedCredentialView[] = [];
  for (const [input, secrets] of inputs) views.push(await createProfile(backend, input, secrets));
  return { views, signing, client };
}

export async function exportZip(backend: TestBackend, ids: string[], model: 'legacy' | 'new') {
  const path = join(backend.dataFolder, `${model}.zip`);
  const result = unwrapResult(await backend.dispatch('credentials.exportSalesforce', [{ ids, model, destination: { path } }]));
  const entries = unzipSync(readFileSync(path));
  return { result, path, files: Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)])) };
}

/** The zip's XML files with the `<!-- signet:... -->` comment removed, as base64 (what a Salesforce retrieve returns). */
export function withoutSignetComments(files: Record<string, string>): string {
  const stripped: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) stripped[name] = strToU8(text.replace(/\s*<!--\s*signet:.*?-->/gs, ''));
  return Buffer.from(zipSync(stripped)).toString('base64');
}

const signs = (fields: NamedCredentialFields) =>
  fields.protocol === 'jwt' ||
  fields.protocol === 'jwt-exchange' ||
  (fields.protocol === 'client-credentials' && fields.clientAuth === 'private_key_jwt');

function subjectOf(fields: NamedCredentialFields) {
  if (fields.identityType === 'per-user') return fields.perUserSubjects.find((row) => row.user === fields.activeUser)?.subject;
  return fields.identityType === 'named-principal' ? fields.namedPrincipalSubject : undefined;
}

/**
 * The fields a Salesforce model states in its XML (reference §1.1, §2.1–§2.4), certificates by name:
 * what must survive an import of files without Signet's comment.
 */
export function modelledBySalesforce(
  fields: NamedCredentialFields,
  model: 'legacy' | 'new',
  certificateName: (id: string | null) => string | null,
) {
  const jwt = fields.jwt;
  const common = {
    label: fields.label,
    name: fields.name,
    description: fields.description,
    url: fields.url,
    protocol: fields.protocol,
    clientCertificate: certificateName(fields.clientCertificateId),
    generateAuthorizationHeader: fields.generateAuthorizationHeader,
    allowMergeFieldsInHeader: fields.allowMergeFieldsInHeader,
    allowMergeFieldsInBody: fields.allowMergeFieldsInBody,
  };
  const jwtFields = (fields.protocol === 'jwt' || fields.protocol === 'jwt-exchange') && {
    identityType: fields.identityType,
    subject: subjectOf(fields),
    issuer: jwt.issuer,
    audiences: jwt.audiences,
    tokenValidForSeconds: jwt.tokenValidForSeconds,
    signingCertificate: certificateName(jwt.signingCertificateId),
  };
  if (model === 'legacy') {
    return {
      ...common,
      identityType: fields.identityType,
      ...(fields.protocol === 'password' && { username: fields.username }),
      ...(fields.protocol === 'jwt-exchange' && { tokenEndpointUrl: fields.tokenEndpointUrl, scope: fields.scope }),
      ...jwtFields,
    };
  }
  const custom = parseCustomClaims(jwt.customClaims);
  return {
    ...common,
    customHeaders: fields.customHeaders,
    refreshOnStatus: fields.refreshOnStatus,
    ...(fields.protocol === 'jwt' && { scope: fields.scope }),
    ...(fields.protocol === 'jwt-exchange' && {
      tokenEndpointUrl: fields.tokenEndpointUrl,
      scope: fields.scope,
      scopePlacement: fields.scopePlacement,
    }),
    ...(fields.protocol === 'client-credentials' && {
      tokenEndpointUrl: fields.tokenEndpointUrl,
      // A client secret's Client ID lives on the principal, like the secret; private_key_jwt states it as iss.
      clientId: fields.clientAuth === 'private_key_jwt' ? fields.clientId : undefined,
      clientAuth: fields.clientAuth,
      scope: fields.scope,
    }),
    ...jwtFields,
    ...(signs(fields) && {
      audiences: jwt.audiences,
      tokenValidForSeconds: jwt.tokenValidForSeconds,
      signingCertificate: certificateName(jwt.signingCertificateId),
      typ: jwt.typ,
      kid: jwt.kid,
      customKid: jwt.kid === 'custom' ? jwt.customKid : undefined,
      x5t: jwt.x5t,
      x5tS256: jwt.x5tS256,
      customClaims: custom.ok ? custom.claims : jwt.customClaims,
    }),
  };
}

export const certificateNameIn = (backend: TestBackend) => (id: string | null) =>
  id ? backend.graph.internal.certificates.get(id).name : null;

export const readZip = (path: string) => readFileSync(path).toString('base64');
