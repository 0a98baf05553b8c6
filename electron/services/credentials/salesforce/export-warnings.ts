/**
 * What a Salesforce export cannot carry, per profile, so nothing is dropped silently. Legacy JWT
 * (reference §1.3): RS256 only; claims iss, sub, aud and exp only; no custom claims and no header
 * parameters; scope is a form parameter; refresh on 401 only; no custom headers in the metadata. New
 * model (reference §2.2–§2.4): the signing algorithm is not in the metadata (RS256, or RS512 in
 * Setup); iat and nbf are always added, jti never; Per User `sub` is a formula; an OAuth External
 * Credential that states any claim needs all of iss, sub and aud.
 */
import { isHmacAlgorithm } from '../../../../shared/credentials/algorithms';
import { parseCustomClaims } from '../../../../shared/credentials/checks';
import { hasTokenEndpoint, type NamedCredentialFields } from '../../../../shared/credentials/profile';

const signsJwt = (profile: NamedCredentialFields) =>
  profile.protocol === 'jwt' ||
  profile.protocol === 'jwt-exchange' ||
  (profile.protocol === 'client-credentials' && profile.clientAuth === 'private_key_jwt');

const list = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

function customClaimNames(profile: NamedCredentialFields): string[] {
  const parsed = parseCustomClaims(profile.jwt.customClaims);
  return parsed.ok ? Object.keys(parsed.claims) : [];
}

function headerParameters(profile: NamedCredentialFields): string[] {
  const names: string[] = [];
  if (profile.jwt.kid === 'custom' && profile.jwt.customKid) names.push('kid');
  if (profile.jwt.kid === 'thumbprint' && !isHmacAlgorithm(profile.jwt.algorithm)) names.push('kid');
  if (profile.jwt.x5t) names.push('x5t');
  if (profile.jwt.x5tS256) names.push('x5t#S256');
  return names;
}

function perUserNote(profile: NamedCredentialFields, where: string): string | undefined {
  if (profile.identityType !== 'per-user' || profile.perUserSubjects.length < 2) return undefined;
  const active = profile.perUserSubjects.find((row) => row.user === profile.activeUser)?.subject ?? '';
  return `${profile.label}: only the active user's subject (${active}) is exported, as a constant ${where}; Salesforce evaluates a formula per user — replace it with one (e.g. $User.Username) in Setup.`;
}

/** Warnings for the legacy `NamedCredential` of a profile the legacy model can hold. */
export function legacyWarnings(profile: NamedCredentialFields): string[] {
  const { label, jwt } = profile;
  const warnings: string[] = [];
  if (profile.customHeaders.length) {
    warnings.push(
      `${label}: legacy Named Credential metadata has no Custom Headers; ${list(profile.customHeaders.map((header) => header.name))} ${profile.customHeaders.length === 1 ? 'is' : 'are'} not exported — set them in Apex, or use the new model export.`,
    );
  }
  if (!signsJwt(profile)) return warnings;
  if (jwt.algorithm !== 'RS256') {
    warnings.push(
      jwt.algorithm === 'RS512'
        ? `${label}: Salesforce's legacy JWT signs RS256 only; this profile uses RS512 — use the new model export (External Credentials also offer RS512), or choose RS256.`
        : `${label}: Salesforce's legacy JWT signs RS256 only; this profile uses ${jwt.algorithm} — choose RS256 with an RSA certificate for Salesforce.`,
    );
  }
  const header = headerParameters(profile);
  if (header.length) {
    warnings.push(
      `${label}: Salesforce's legacy JWT has no header parameters; ${list(header)} will not be sent — use the new model export (JwtHeaderClaim).`,
    );
  }
  const custom = customClaimNames(profile);
  if (custom.length) {
    warnings.push(
      `${label}: Salesforce's legacy JWT carries only iss, sub, aud and exp; the Custom Claims ${list(custom)} will not be sent — use the new model export (JwtBodyClaim).`,
    );
  }
  const times = [jwt.includeIat && 'iat', jwt.includeNbf && 'nbf', jwt.includeJti && 'jti'].filter(Boolean) as string[];
  if (times.length) {
    warnings.push(
      `${label}: Salesforce documents only iss, sub, aud and exp for the legacy JWT; whether it sends ${list(times)} (on in this profile) is not documented — check that the peer does not require ${times.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (profile.scope && profile.protocol === 'jwt') {
    warnings.push(`${label}: Salesforce's legacy JWT has no scope; the scope claim will not be sent — use the new model export.`);
  }
  if (profile.scope && profile.protocol === 'jwt-exchange' && profile.scopePlacement !== 'form') {
    warnings.push(
      `${label}: legacy JWT Token Exchange sends Scope as a form parameter only, not as a claim — use the new model export to keep the scope claim.`,
    );
  }
  if (profile.protocol === 'jwt-exchange' && profile.extraParams.some((param) => param.name)) {
    warnings.push(
      `${label}: legacy JWT Token Exchange sends only grant_type, assertion and scope; ${list(profile.extraParams.map((param) => param.name).filter(Boolean))} will not be sent.`,
    );
  }
  if (profile.refreshOnStatus.length) {
    warnings.push(
      `${label}: legacy Named Credentials refresh the token on 401 only; ${list(profile.refreshOnStatus.map(String))} ${profile.refreshOnStatus.length === 1 ? 'is' : 'are'} not exported — use the new model export (Additional Status Codes for Token Refresh).`,
    );
  }
  const perUser = perUserNote(profile, 'jwtFormulaSubject');
  if (perUser) warnings.push(perUser);
  return warnings;
}

/** Warnings for the new-model `NamedCredential` + `ExternalCredential` of a profile. */
export function newModelWarnings(profile: NamedCredentialFields, claims: Record<string, string>): string[] {
  const { label, jwt } = profile;
  const warnings: string[] = [];
  if (profile.protocol === 'password') {
    warnings.push(`${label}: enter the Username and Password for the principal in Setup; External Credential metadata carries neither.`);
  }
  if (profile.protocol === 'client-credentials' && profile.clientAuth !== 'private_key_jwt') {
    warnings.push(
      `${label}: enter the Client ID (${profile.clientId}) and Client Secret for the principal in Setup; External Credential metadata carries neither.`,
    );
  }
  if (profile.extraParams.some((param) => param.name) && hasTokenEndpoint(profile.protocol)) {
    warnings.push(
      `${label}: External Credentials have no field for extra token request parameters; ${list(profile.extraParams.map((param) => param.name).filter(Boolean))} will not be sent.`,
    );
  }
  if (!signsJwt(profile)) return warnings;
  if (jwt.algorithm === 'RS512') {
    warnings.push(
      `${label}: the metadata has no field for the signing algorithm, so Salesforce signs RS256 — choose RS512 on the External Credential in Setup after deploying.`,
    );
  } else if (jwt.algorithm !== 'RS256') {
    warnings.push(
      `${label}: Salesforce signs External Credential JWTs with RS256 (or RS512) only; this profile uses ${jwt.algorithm} — choose RS256 with an RSA certificate for Salesforce.`,
    );
  }
  if (!jwt.includeIat || !jwt.includeNbf) {
    const off = [!jwt.includeIat && 'iat', !jwt.includeNbf && 'nbf'].filter(Boolean) as string[];
    warnings.push(`${label}: Salesforce always adds iat and nbf; this profile leaves out ${list(off)}.`);
  }
  if (jwt.includeJti) {
    warnings.push(`${label}: Salesforce does not add jti; a peer that requires a jti will refuse its tokens.`);
  }
  const perUser = perUserNote(profile, 'sub claim');
  if (perUser) warnings.push(perUser);
  if (profile.protocol !== 'jwt') {
    // OAuth External Credentials (reference §2.4): once any claim is stated, iss, sub and aud are all required.
    const missing = ['iss', 'sub', 'aud'].filter((name) => !claims[name]);
    if (missing.length) {
      const fields: Record<string, string> = { iss: 'Issuer', sub: 'the subject', aud: 'Audiences' };
      warnings.push(
        `${label}: Salesforce requires iss, sub and aud once any claim is set; this profile has no ${list(missing)} — set ${list(missing.map((name) => fields[name]!))}.`,
      );
    }
  }
  return warnings;
}
