/**
 * What a profile is missing or gets wrong, per protocol — shared so the editor shows the same
 * messages inline (before save) that the service enforces on save and before minting.
 */
import { algorithmFitsKey, algorithmsForKey, isHmacAlgorithm, REGISTERED_CLAIMS } from './algorithms';
import { hasTokenEndpoint, PROTOCOL_LABELS, type NamedCredentialFields, type SecretKind } from './profile';

export interface Problem {
  /** The field at fault, by its path in the profile (`jwt.issuer`, `tokenEndpointUrl`, `secrets.password`). */
  field: string;
  message: string;
  /** Errors block saving; warnings are shown but saving goes ahead. */
  severity: 'error' | 'warning';
}

/** The public facts about a certificate the checks need. */
export interface CertificateFacts {
  label: string;
  keyAlgorithm: string;
  hasPrivateKey: boolean;
  hasCertificate: boolean;
  notAfter: string;
}

export interface CheckContext {
  certificate(id: string): CertificateFacts | undefined;
  /** Which secrets the vault will hold after this save. */
  secrets: Record<SecretKind, boolean>;
  now?: Date;
}

/** True when the protocol signs a JWT (as bearer, as assertion or as client assertion). */
export function signsJwt(profile: Pick<NamedCredentialFields, 'protocol' | 'clientAuth'>): boolean {
  return (
    profile.protocol === 'jwt' ||
    profile.protocol === 'jwt-exchange' ||
    (profile.protocol === 'client-credentials' && profile.clientAuth === 'private_key_jwt')
  );
}

export type ParsedClaims = { ok: true; claims: Record<string, unknown> } | { ok: false; message: string };

/** Custom Claims as typed: empty, or a JSON object. */
export function parseCustomClaims(text: string): ParsedClaims {
  if (text.trim() === '') return { ok: true, claims: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Custom Claims is not valid JSON (${(error as Error).message}). Fix it, or clear the field.` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'Custom Claims must be a JSON object, like {"scope": "read"}.' };
  }
  return { ok: true, claims: value as Record<string, unknown> };
}

export function checkProfile(profile: NamedCredentialFields, context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const error = (field: string, message: string) => problems.push({ field, message, severity: 'error' });
  const warn = (field: string, message: string) => problems.push({ field, message, severity: 'warning' });
  const protocol = PROTOCOL_LABELS[profile.protocol];
  const now = context.now ?? new Date();

  if (profile.identityType === 'per-user') {
    if (profile.perUserSubjects.length === 0) error('perUserSubjects', 'Per User: add at least one user and the subject to send for them.');
    else if (!profile.perUserSubjects.some((row) => row.user === profile.activeUser)) {
      error('activeUser', 'Per User: choose the active user.');
    }
    const users = profile.perUserSubjects.map((row) => row.user);
    if (new Set(users).size !== users.length) error('perUserSubjects', 'Per User: each user may appear only once.');
  }

  if (profile.clientCertificateId) {
    checkCertificate(profile.clientCertificateId, 'clientCertificateId', 'Certificate', context, now, error, warn);
  }

  if (profile.tokenEndpointCaCertificateId && hasTokenEndpoint(profile.protocol)) {
    checkCertificate(
      profile.tokenEndpointCaCertificateId,
      'tokenEndpointCaCertificateId',
      'Token Endpoint CA Certificate',
      context,
      now,
      error,
      warn,
    );
  }

  switch (profile.protocol) {
    case 'password':
      if (profile.username.trim() === '') error('username', 'Password Authentication: enter the Username.');
      if (!context.secrets.password) error('secrets.password', 'Password Authentication: enter the Password.');
      break;
    case 'bearer':
      if (!context.secrets.bearerToken) error('secrets.bearerToken', 'Bearer Token: enter the token.');
      break;
    case 'jwt-exchange':
    case 'client-credentials':
      if (profile.tokenEndpointUrl === '') error('tokenEndpointUrl', `${protocol}: enter the Token Endpoint URL.`);
      break;
  }
  if (profile.protocol === 'client-credentials') {
    if (profile.clientId === '') error('clientId', 'OAuth 2.0 Client Credentials: enter the Client ID.');
    if (profile.clientAuth !== 'private_key_jwt' && !context.secrets.clientSecret) {
      error('secrets.clientSecret', `${profile.clientAuth}: enter the Client Secret.`);
    }
  }

  if (signsJwt(profile)) {
    const { jwt } = profile;
    if (isHmacAlgorithm(jwt.algorithm)) {
      if (!context.secrets.hmacSecret) error('secrets.hmacSecret', `${jwt.algorithm}: enter the HMAC secret to sign with.`);
    } else if (!jwt.signingCertificateId) {
      error('jwt.signingCertificateId', `${protocol}: choose the JWT Signing Certificate.`);
    } else {
      const facts = checkCertificate(
        jwt.signingCertificateId,
        'jwt.signingCertificateId',
        'JWT Signing Certificate',
        context,
        now,
        error,
        warn,
      );
      if (facts && !facts.hasPrivateKey) {
        error(
          'jwt.signingCertificateId',
          `${facts.label} has no private key (certificate only), so it cannot sign. Choose a certificate with a key.`,
        );
      }
      if (facts && !algorithmFitsKey(jwt.algorithm, facts.keyAlgorithm)) {
        const fits = algorithmsForKey(facts.keyAlgorithm);
        error(
          'jwt.algorithm',
          `${jwt.algorithm} does not fit ${facts.label}'s ${facts.keyAlgorithm} key. Choose ${fits.length ? fits.join(', ') : 'another certificate'}.`,
        );
      }
    }
    if (jwt.kid === 'custom' && jwt.customKid === '') error('jwt.customKid', 'kid: enter the custom key ID, or choose another kid option.');
    if (jwt.kid === 'thumbprint' && isHmacAlgorithm(jwt.algorithm)) {
      warn('jwt.kid', 'There is no certificate to take a JWK thumbprint from with an HMAC secret: no kid is sent.');
    }
    if ((jwt.x5t || jwt.x5tS256) && isHmacAlgorithm(jwt.algorithm))
      warn('jwt.x5t', 'x5t needs a certificate: it is left out with an HMAC secret.');
    const claims = parseCustomClaims(jwt.customClaims);
    if (!claims.ok) error('jwt.customClaims', claims.message);
    else {
      const overridden = Object.keys(claims.claims).filter((name) => (REGISTERED_CLAIMS as readonly string[]).includes(name));
      if (overridden.length) {
        warn(
          'jwt.customClaims',
          `Custom Claims override ${overridden.join(', ')}: the custom value is sent instead of the one Signet would set.`,
        );
      }
    }
    if (profile.protocol !== 'jwt' && jwt.audiences.length === 0) {
      warn('jwt.audiences', 'No Audiences: most token endpoints require aud to be their token endpoint URL (RFC 7523 §3).');
    }
  }
  return problems;
}

function checkCertificate(
  id: string,
  field: string,
  label: string,
  context: CheckContext,
  now: Date,
  error: (field: string, message: string) => void,
  warn: (field: string, message: string) => void,
): CertificateFacts | undefined {
  const facts = context.certificate(id);
  if (!facts) {
    error(field, `${label}: the certificate was deleted. Choose another one.`);
    return undefined;
  }
  if (facts.hasCertificate && facts.notAfter && new Date(facts.notAfter) < now) {
    warn(field, `${facts.label} expired on ${facts.notAfter.slice(0, 10)}. Peers that check the certificate will refuse it.`);
  }
  return facts;
}

export function errorsOf(problems: Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity === 'error');
}
