/**
 * New-model metadata (reference §2): a `NamedCredential` (SecuredEndpoint: Url, Authentication,
 * ClientCertificate and HttpHeader parameters) plus an `ExternalCredential` whose parameters carry the
 * protocol variant, token endpoint, signing certificate, JWT body and header claims, scope, refresh
 * status codes and the principal. Element and parameter names are those of META-NC / META-EC.
 */
import type { NamedCredentialFields } from '../../../../shared/credentials/profile';
import { parseCustomClaims } from '../../../../shared/credentials/checks';
import { AppError } from '../../../../shared/errors';
import type { CertificateNames } from './legacy';
import { audiencesFrom, audiencesTo, bool, records, text, writeDocument, type XmlChild } from './xml';

type Param = Record<string, string | number | undefined>;

const VARIANTS: Record<string, Pick<NamedCredentialFields, 'protocol' | 'clientAuth'>> = {
  JwtBearer: { protocol: 'jwt-exchange', clientAuth: 'private_key_jwt' },
  ClientCredentialsJwtAssertion: { protocol: 'client-credentials', clientAuth: 'private_key_jwt' },
  ClientCredentialsClientSecretBasic: { protocol: 'client-credentials', clientAuth: 'client_secret_basic' },
  ClientCredentialsClientSecret: { protocol: 'client-credentials', clientAuth: 'client_secret_post' },
};

/** Salesforce's default exp claim formula (now + N seconds), as in the Connect API example. */
const expFormula = (seconds: number) => `{!Text(FLOOR((NOW() - DATETIMEVALUE( "1970-01-01 00:00:00" )) * 86400 + ${seconds}))}`;

function variantOf(profile: NamedCredentialFields): string | undefined {
  if (profile.protocol === 'jwt-exchange') return 'JwtBearer';
  if (profile.protocol !== 'client-credentials') return undefined;
  return {
    private_key_jwt: 'ClientCredentialsJwtAssertion',
    client_secret_basic: 'ClientCredentialsClientSecretBasic',
    client_secret_post: 'ClientCredentialsClientSecret',
  }[profile.clientAuth];
}

function protocolOf(profile: NamedCredentialFields): string {
  switch (profile.protocol) {
    case 'password':
      return 'Basic';
    case 'jwt':
      return 'Jwt';
    case 'jwt-exchange':
    case 'client-credentials':
      return 'Oauth';
    default:
      return 'Custom';
  }
}

export function toExternalCredentialXml(profile: NamedCredentialFields, certificates: CertificateNames, extras: unknown): string {
  const params: Param[] = [];
  const add = (param: Param) => params.push(param);
  const variant = variantOf(profile);
  if (variant) add({ parameterName: 'Oauth', parameterType: 'AuthProtocolVariant', parameterValue: variant });
  if (profile.tokenEndpointUrl && variant)
    add({ parameterName: 'AuthProviderUrl', parameterType: 'AuthProviderUrl', parameterValue: profile.tokenEndpointUrl });
  const signs =
    profile.protocol === 'jwt' ||
    profile.protocol === 'jwt-exchange' ||
    (profile.protocol === 'client-credentials' && profile.clientAuth === 'private_key_jwt');
  if (signs) {
    const certificate = certificates.nameOf(profile.jwt.signingCertificateId);
    if (certificate) add({ certificate, parameterName: 'SigningCertificate', parameterType: 'SigningCertificate' });
    for (const [name, value] of Object.entries(jwtBodyClaims(profile)))
      add({ parameterName: name, parameterType: 'JwtBodyClaim', parameterValue: value });
    for (const [name, value] of Object.entries(headerClaims(profile, certificates)))
      add({ parameterName: name, parameterType: 'JwtHeaderClaim', parameterValue: value });
  }
  // A client secret variant signs no JWT: its scope can only be the Scope parameter, whatever the placement.
  if (profile.scope && variant && (profile.scopePlacement !== 'claim' || !signs))
    add({ parameterName: 'Scope', parameterType: 'AuthParameter', parameterValue: profile.scope });
  for (const code of profile.refreshOnStatus)
    add({ parameterName: `Status${code}`, parameterType: 'AdditionalRefreshStatusCode', parameterValue: code });
  if (profile.protocol === 'bearer') {
    add({
      parameterName: 'Authorization',
      parameterType: 'AuthHeader',
      parameterValue: `{!'Bearer ' & $Credential.${profile.name}.Token}`,
      sequenceNumber: 1,
    });
  }
  if (profile.identityType === 'per-user')
    add({ parameterGroup: 'PerUser', parameterName: 'PerUser', parameterType: 'PerUserPrincipal', sequenceNumber: 1 });
  else add({ parameterGroup: 'NamedPrincipal', parameterName: 'NamedPrincipal', parameterType: 'NamedPrincipal', sequenceNumber: 1 });

  const children: XmlChild[] = [
    ['authenticationProtocol', protocolOf(profile)],
    ...params.map((param): XmlChild => [
      'externalCredentialParameters',
      Object.entries(param).map(([key, value]): XmlChild => [key, value]),
    ]),
    ['label', profile.label],
  ];
  return writeDocument('ExternalCredential', children, extras);
}

export function toSecuredNamedCredentialXml(profile: NamedCredentialFields, certificates: CertificateNames): string {
  const client = certificates.nameOf(profile.clientCertificateId);
  const parameters: XmlChild[] = [
    [
      'namedCredentialParameters',
      [
        ['parameterName', 'Url'],
        ['parameterType', 'Url'],
        ['parameterValue', profile.url],
      ],
    ],
    [
      'namedCredentialParameters',
      [
        ['externalCredential', profile.name],
        ['parameterName', 'ExternalCredential'],
        ['parameterType', 'Authentication'],
      ],
    ],
  ];
  if (client)
    parameters.push([
      'namedCredentialParameters',
      [
        ['certificate', client],
        ['parameterName', 'ClientCertificate'],
        ['parameterType', 'ClientCertificate'],
      ],
    ]);
  profile.customHeaders.forEach((header, index) =>
    parameters.push([
      'namedCredentialParameters',
      [
        ['parameterName', header.name],
        ['parameterType', 'HttpHeader'],
        ['parameterValue', header.value],
        ['sequenceNumber', index + 1],
      ],
    ]),
  );
  return writeDocument('NamedCredential', [
    ['allowMergeFieldsInBody', profile.allowMergeFieldsInBody],
    ['allowMergeFieldsInHeader', profile.allowMergeFieldsInHeader],
    ['calloutStatus', 'Enabled'],
    ['description', profile.description || undefined],
    ['generateAuthorizationHeader', profile.generateAuthorizationHeader],
    ['label', profile.label],
    ...parameters,
    ['namedCredentialType', 'SecuredEndpoint'],
  ]);
}

/** The JWT body claims as `JwtBodyClaim` parameters: what Signet's mint puts in the JWT (jwt-mint.ts). */
export function jwtBodyClaims(profile: NamedCredentialFields): Record<string, string> {
  const claims: Record<string, string> = {};
  const clientAssertion = profile.protocol === 'client-credentials';
  const iss = clientAssertion ? profile.clientId : profile.jwt.issuer;
  if (iss) claims.iss = iss;
  // Reference §2.4: sub is text for a Named Principal and a formula for Per User. Signet's per-user
  // table has no formula equivalent: the active user's subject goes as text (the export warns).
  const sub = clientAssertion
    ? profile.clientId
    : profile.identityType === 'named-principal'
      ? profile.namedPrincipalSubject
      : profile.identityType === 'per-user'
        ? profile.perUserSubjects.find((row) => row.user === profile.activeUser)?.subject
        : undefined;
  if (sub) claims.sub = sub;
  // RFC 7523 §3: a client assertion's aud defaults to the token endpoint, as Signet mints it.
  const audiences =
    clientAssertion && profile.jwt.audiences.length === 0 && profile.tokenEndpointUrl ? [profile.tokenEndpointUrl] : profile.jwt.audiences;
  const aud = audiencesTo(audiences);
  if (aud) claims.aud = audiences.length === 1 ? audiences[0]! : aud;
  claims.exp = expFormula(profile.jwt.tokenValidForSeconds);
  // A bearer JWT (protocol JWT) has no form to carry scope: it is a claim whatever the placement.
  if (profile.scope && (profile.scopePlacement !== 'form' || profile.protocol === 'jwt')) claims.scope = profile.scope;
  const custom = parseCustomClaims(profile.jwt.customClaims);
  if (custom.ok)
    for (const [name, value] of Object.entries(custom.claims)) claims[name] = typeof value === 'string' ? value : JSON.stringify(value);
  return claims;
}

function headerClaims(profile: NamedCredentialFields, certificates: CertificateNames): Record<string, string> {
  const claims: Record<string, string> = {};
  if (profile.jwt.kid === 'custom' && profile.jwt.customKid) claims.kid = profile.jwt.customKid;
  if (profile.jwt.kid === 'thumbprint' && certificates.thumbprintOf) {
    const thumbprint = certificates.thumbprintOf(profile.jwt.signingCertificateId);
    if (thumbprint) claims.kid = thumbprint;
  }
  if (profile.jwt.typ) claims.typ = profile.jwt.typ;
  const x5t = certificates.x5tOf?.(profile.jwt.signingCertificateId);
  if (profile.jwt.x5t && x5t) claims.x5t = x5t.x5t;
  if (profile.jwt.x5tS256 && x5t) claims['x5t#S256'] = x5t['x5t#S256'];
  return claims;
}

/** Reads an NC + EC pair back; `base` supplies what the XML does not state. */
export function fromSecured(
  files: { nc: string; ec: string },
  name: string,
  nc: Record<string, unknown>,
  ec: Record<string, unknown>,
  base: NamedCredentialFields,
  certificates: CertificateNames,
): NamedCredentialFields {
  const ncParams = records(nc, 'namedCredentialParameters');
  const ecParams = records(ec, 'externalCredentialParameters');
  const byType = (type: string) => ecParams.filter((param) => param.parameterType === type);
  const authProtocol = text(ec, 'authenticationProtocol') ?? 'Custom';
  const variant = byType('AuthProtocolVariant')[0]?.parameterValue;
  let shape: Pick<NamedCredentialFields, 'protocol' | 'clientAuth'>;
  if (authProtocol === 'Oauth' && variant && VARIANTS[variant]) shape = VARIANTS[variant]!;
  else if (authProtocol === 'Jwt') shape = { protocol: 'jwt', clientAuth: base.clientAuth };
  else if (authProtocol === 'Basic') shape = { protocol: 'password', clientAuth: base.clientAuth };
  else if (authProtocol === 'Custom' || authProtocol === 'NoAuthentication') {
    const bearer = byType('AuthHeader').some(
      (param) => param.parameterName?.toLowerCase() === 'authorization' && /bearer/i.test(param.parameterValue ?? ''),
    );
    shape = { protocol: bearer ? 'bearer' : 'none', clientAuth: base.clientAuth };
  } else {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${files.ec} uses authentication protocol ${authProtocol}${variant ? ` (${variant})` : ''}, which Signet does not model. Nothing was imported.`,
      { file: files.ec, protocol: authProtocol },
    );
  }
  const body = Object.fromEntries(byType('JwtBodyClaim').map((param) => [param.parameterName ?? '', param.parameterValue ?? '']));
  const header = Object.fromEntries(byType('JwtHeaderClaim').map((param) => [param.parameterName ?? '', param.parameterValue ?? '']));
  const { iss, sub, aud, exp, scope: scopeClaim, ...customClaims } = body;
  const formScope = byType('AuthParameter').find((param) => param.parameterName === 'Scope')?.parameterValue;
  const validity = /\+\s*(\d+)\s*\)\)\}\s*$/.exec(exp ?? '')?.[1];
  const perUser = byType('PerUserPrincipal').length > 0;
  const signing = byType('SigningCertificate')[0]?.certificate;
  const signingCertificateId = signing ? certificates.idOf(signing) : base.jwt.signingCertificateId;
  const clientAssertion = shape.protocol === 'client-credentials';
  const tokenEndpointUrl = byType('AuthProviderUrl')[0]?.parameterValue ?? base.tokenEndpointUrl;
  let audiences = aud !== undefined ? audiencesFrom(aud) : base.jwt.audiences;
  // The export states the token endpoint as a client assertion's default aud; keep "no Audiences".
  if (clientAssertion && base.jwt.audiences.length === 0 && audiences.length === 1 && audiences[0] === tokenEndpointUrl) audiences = [];
  const perUserSubjects =
    perUser && !clientAssertion && sub !== undefined && base.perUserSubjects.length === 0
      ? [{ user: 'default', subject: sub }]
      : base.perUserSubjects;
  const thumbprintKid =
    header.kid !== undefined && (base.jwt.kid === 'thumbprint' || header.kid === certificates.thumbprintOf?.(signingCertificateId));
  const kid = thumbprintKid
    ? { kid: 'thumbprint' as const }
    : header.kid !== undefined
      ? { kid: 'custom' as const, customKid: header.kid }
      : {};
  const headers = ncParams
    .filter((param) => param.parameterType === 'HttpHeader')
    .sort((a, b) => Number(a.sequenceNumber ?? 0) - Number(b.sequenceNumber ?? 0));
  const clientCertificate = ncParams.find((param) => param.parameterType === 'ClientCertificate')?.certificate;
  const custom = Object.keys(customClaims).length
    ? JSON.stringify(Object.fromEntries(Object.entries(customClaims).map(([key, value]) => [key, jsonOrText(value)])), null, 2)
    : base.jwt.customClaims;
  return {
    ...base,
    ...shape,
    name,
    label: text(nc, 'label') ?? base.label,
    description: text(nc, 'description') ?? base.description,
    url: ncParams.find((param) => param.parameterType === 'Url')?.parameterValue ?? base.url,
    clientCertificateId: clientCertificate ? certificates.idOf(clientCertificate) : base.clientCertificateId,
    identityType: perUser ? 'per-user' : base.identityType === 'anonymous' ? 'anonymous' : 'named-principal',
    namedPrincipalSubject: !clientAssertion && sub !== undefined && !perUser ? sub : base.namedPrincipalSubject,
    perUserSubjects,
    activeUser: perUser ? (base.activeUser ?? perUserSubjects[0]?.user ?? null) : base.activeUser,
    clientId: clientAssertion && iss !== undefined ? iss : base.clientId,
    tokenEndpointUrl,
    scope: formScope ?? scopeClaim ?? base.scope,
    // Protocol JWT always sends scope as a claim, and a client secret always as a form parameter, so
    // their placement setting is Signet's alone.
    scopePlacement:
      (shape.protocol === 'jwt' && formScope === undefined) ||
      (clientAssertion && shape.clientAuth !== 'private_key_jwt' && scopeClaim === undefined)
        ? base.scopePlacement
        : formScope !== undefined && scopeClaim !== undefined
          ? 'both'
          : scopeClaim !== undefined
            ? 'claim'
            : formScope !== undefined
              ? 'form'
              : base.scopePlacement,
    refreshOnStatus: byType('AdditionalRefreshStatusCode').length
      ? byType('AdditionalRefreshStatusCode')
          .map((param) => Number(param.parameterValue))
          .filter((code) => code >= 400 && code <= 999)
      : base.refreshOnStatus,
    generateAuthorizationHeader: bool(nc, 'generateAuthorizationHeader', base.generateAuthorizationHeader),
    allowMergeFieldsInHeader: bool(nc, 'allowMergeFieldsInHeader', base.allowMergeFieldsInHeader),
    allowMergeFieldsInBody: bool(nc, 'allowMergeFieldsInBody', base.allowMergeFieldsInBody),
    customHeaders: headers.length
      ? headers.map((param) => ({ name: param.parameterName ?? '', value: param.parameterValue ?? '' }))
      : base.customHeaders,
    jwt: {
      ...base.jwt,
      issuer: shape.protocol !== 'client-credentials' && iss !== undefined ? iss : base.jwt.issuer,
      audiences,
      tokenValidForSeconds: validity ? Number(validity) : base.jwt.tokenValidForSeconds,
      signingCertificateId,
      typ: header.typ ?? base.jwt.typ,
      ...kid,
      x5t: header.x5t !== undefined || base.jwt.x5t,
      x5tS256: header['x5t#S256'] !== undefined || base.jwt.x5tS256,
      customClaims: custom,
    },
  };
}

/** A claim value as written: JSON for numbers, booleans, arrays and objects; otherwise text. */
function jsonOrText(value: string): unknown {
  if (/^(-?\d+(\.\d+)?|true|false|null|\[.*\]|\{.*\})$/s.test(value.trim())) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
