/**
 * Legacy Named Credential metadata (`namedCredentialType` Legacy; reference §1.1 and §1.6): one
 * `NamedCredential` element per profile, elements in alphabetical order as Salesforce retrieves them.
 * Protocols: NoAuthentication, Password (the password is never exported), Jwt, JwtExchange.
 */
import type { NamedCredentialFields } from '../../../../shared/credentials/profile';
import { AppError } from '../../../../shared/errors';
import { audiencesFrom, audiencesTo, bool, text, writeDocument, type XmlChild } from './xml';

export interface CertificateNames {
  nameOf(id: string | null): string | undefined;
  idOf(name: string | undefined): string | null;
  /** The JWK thumbprint (Signet's default kid) of a certificate. */
  thumbprintOf?(id: string | null): string | undefined;
  /** The `x5t` and `x5t#S256` header values of a certificate (undefined for a key without one). */
  x5tOf?(id: string | null): { x5t: string; 'x5t#S256': string } | undefined;
}

const PRINCIPAL: Record<NamedCredentialFields['identityType'], string> = {
  anonymous: 'Anonymous',
  'named-principal': 'NamedUser',
  'per-user': 'PerUser',
};

const LEGACY_PROTOCOL: Partial<Record<NamedCredentialFields['protocol'], string>> = {
  none: 'NoAuthentication',
  password: 'Password',
  jwt: 'Jwt',
  'jwt-exchange': 'JwtExchange',
};

/** Why a profile cannot be written in the legacy model (bearer, client credentials), or undefined. */
export function legacyUnsupported(profile: NamedCredentialFields): string | undefined {
  if (LEGACY_PROTOCOL[profile.protocol]) return undefined;
  return `${profile.label}: legacy Named Credentials have no ${profile.protocol === 'bearer' ? 'static Bearer Token' : 'OAuth 2.0 Client Credentials'}; export it with the new model (External Credential).`;
}

export function toLegacyXml(profile: NamedCredentialFields, certificates: CertificateNames, extras: unknown): string {
  const protocol = LEGACY_PROTOCOL[profile.protocol];
  if (!protocol) throw new AppError('BAD_INPUT', legacyUnsupported(profile)!);
  const jwt = profile.protocol === 'jwt' || profile.protocol === 'jwt-exchange';
  const activeSubject = profile.perUserSubjects.find((row) => row.user === profile.activeUser)?.subject;
  const children: XmlChild[] = [
    ['allowMergeFieldsInBody', profile.allowMergeFieldsInBody],
    ['allowMergeFieldsInHeader', profile.allowMergeFieldsInHeader],
    ['authTokenEndpointUrl', profile.protocol === 'jwt-exchange' ? profile.tokenEndpointUrl || undefined : undefined],
    ['certificate', certificates.nameOf(profile.clientCertificateId)],
    ['description', profile.description || undefined],
    ['endpoint', profile.url],
    ['generateAuthorizationHeader', profile.generateAuthorizationHeader],
    ['jwtAudience', jwt ? audiencesTo(profile.jwt.audiences) : undefined],
    // Per User: Salesforce evaluates a formula; Signet's table maps to the active user's subject as a constant.
    ['jwtFormulaSubject', jwt && profile.identityType === 'per-user' && activeSubject ? formulaString(activeSubject) : undefined],
    ['jwtIssuer', jwt && profile.jwt.issuer ? profile.jwt.issuer : undefined],
    ['jwtSigningCertificate', jwt ? certificates.nameOf(profile.jwt.signingCertificateId) : undefined],
    [
      'jwtTextSubject',
      jwt && profile.identityType === 'named-principal' && profile.namedPrincipalSubject ? profile.namedPrincipalSubject : undefined,
    ],
    ['jwtValidityPeriodSeconds', jwt ? profile.jwt.tokenValidForSeconds : undefined],
    ['label', profile.label],
    // META-NC: legacy Named Credentials are namedCredentialType Legacy (reference §1).
    ['namedCredentialType', 'Legacy'],
    ['oauthScope', profile.protocol === 'jwt-exchange' && profile.scope ? profile.scope : undefined],
    ['principalType', PRINCIPAL[profile.identityType]],
    ['protocol', protocol],
    ['username', profile.protocol === 'password' && profile.username ? profile.username : undefined],
  ];
  return writeDocument('NamedCredential', children, extras);
}

/** The fields a legacy file states; `base` supplies everything it cannot (defaults, or Signet's extras). */
export function fromLegacy(
  fileName: string,
  name: string,
  body: Record<string, unknown>,
  base: NamedCredentialFields,
  certificates: CertificateNames,
): NamedCredentialFields {
  const protocolText = text(body, 'protocol') ?? 'NoAuthentication';
  const protocol = (Object.entries(LEGACY_PROTOCOL).find(([, value]) => value === protocolText)?.[0] ?? null) as
    NamedCredentialFields['protocol'] | null;
  if (!protocol) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${fileName} uses Authentication Protocol ${protocolText}, which Signet does not model (it handles NoAuthentication, Password, Jwt and JwtExchange). Nothing was imported.`,
      { file: fileName, protocol: protocolText },
    );
  }
  const principal = text(body, 'principalType');
  const identityType = (Object.entries(PRINCIPAL).find(([, value]) => value === principal)?.[0] ??
    base.identityType) as NamedCredentialFields['identityType'];
  const formulaSubject = text(body, 'jwtFormulaSubject');
  const perUserSubjects =
    identityType === 'per-user' && formulaSubject && base.perUserSubjects.length === 0
      ? [{ user: 'default', subject: fromFormulaString(formulaSubject) }]
      : base.perUserSubjects;
  return {
    ...base,
    name,
    label: text(body, 'label') ?? base.label,
    description: text(body, 'description') ?? base.description,
    url: text(body, 'endpoint') ?? base.url,
    clientCertificateId: text(body, 'certificate') ? certificates.idOf(text(body, 'certificate')) : base.clientCertificateId,
    identityType,
    namedPrincipalSubject: text(body, 'jwtTextSubject') ?? base.namedPrincipalSubject,
    perUserSubjects,
    activeUser: identityType === 'per-user' ? (base.activeUser ?? perUserSubjects[0]?.user ?? null) : base.activeUser,
    protocol,
    username: text(body, 'username') ?? base.username,
    tokenEndpointUrl: text(body, 'authTokenEndpointUrl') ?? base.tokenEndpointUrl,
    scope: text(body, 'oauthScope') ?? base.scope,
    generateAuthorizationHeader: bool(body, 'generateAuthorizationHeader', base.generateAuthorizationHeader),
    allowMergeFieldsInHeader: bool(body, 'allowMergeFieldsInHeader', base.allowMergeFieldsInHeader),
    allowMergeFieldsInBody: bool(body, 'allowMergeFieldsInBody', base.allowMergeFieldsInBody),
    jwt: {
      ...base.jwt,
      issuer: text(body, 'jwtIssuer') ?? base.jwt.issuer,
      audiences: text(body, 'jwtAudience') !== undefined ? audiencesFrom(text(body, 'jwtAudience')) : base.jwt.audiences,
      tokenValidForSeconds:
        Number(text(body, 'jwtValidityPeriodSeconds') ?? base.jwt.tokenValidForSeconds) || base.jwt.tokenValidForSeconds,
      signingCertificateId: text(body, 'jwtSigningCertificate')
        ? certificates.idOf(text(body, 'jwtSigningCertificate'))
        : base.jwt.signingCertificateId,
    },
  };
}

/** A Salesforce formula string literal: single quotes, with `'` and `\` escaped by a backslash. */
function formulaString(text: string): string {
  return `'${text.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}

/** The text of a formula that is one string literal; any other formula is kept as written. */
function fromFormulaString(formula: string): string {
  const literal = /^'((?:[^'\\]|\\.)*)'$/s.exec(formula.trim());
  return literal ? literal[1]!.replace(/\\(.)/gs, '$1') : formula;
}
