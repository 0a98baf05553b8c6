/**
 * The named credential profile (DESIGN §3): Salesforce's Named Credential and External Credential
 * folded into one record. Validated with these schemas on every save and load. Secrets (password,
 * static token, client secret, HMAC secret) are not part of it: the vault holds them, the profile
 * only says which ones are set.
 */
import { z } from 'zod';
import { ApiName } from '../names';
import { JWT_ALGORITHMS } from './algorithms';

export const PROTOCOLS = ['none', 'password', 'bearer', 'jwt', 'jwt-exchange', 'client-credentials'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Salesforce's labels for the Authentication Protocol picklist. */
export const PROTOCOL_LABELS: Record<Protocol, string> = {
  none: 'No Authentication',
  password: 'Password Authentication',
  bearer: 'Bearer Token',
  jwt: 'JWT',
  'jwt-exchange': 'JWT Token Exchange',
  'client-credentials': 'OAuth 2.0 Client Credentials',
};

/** Protocols that fetch a token from a Token Endpoint URL (and so may trust a CA for it). */
export function hasTokenEndpoint(protocol: Protocol): protocol is 'jwt-exchange' | 'client-credentials' {
  return protocol === 'jwt-exchange' || protocol === 'client-credentials';
}

export const IDENTITY_TYPES = ['anonymous', 'named-principal', 'per-user'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];
export const IDENTITY_LABELS: Record<IdentityType, string> = {
  anonymous: 'Anonymous',
  'named-principal': 'Named Principal',
  'per-user': 'Per User',
};

/** RFC 7523 §2.2 (`private_key_jwt`), RFC 6749 §2.3.1 (`client_secret_basic` / `client_secret_post`). */
export const CLIENT_AUTH_METHODS = ['private_key_jwt', 'client_secret_basic', 'client_secret_post'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

/** Where `scope` goes: a form parameter (Salesforce's behaviour), a claim (what Google needs), or both. */
export const SCOPE_PLACEMENTS = ['form', 'claim', 'both'] as const;
export type ScopePlacement = (typeof SCOPE_PLACEMENTS)[number];

export const KID_MODES = ['none', 'thumbprint', 'custom'] as const;
export type KidMode = (typeof KID_MODES)[number];

export const SECRET_KINDS = ['password', 'bearerToken', 'clientSecret', 'hmacSecret'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const NameValue = z.object({ name: z.string().trim().max(200), value: z.string().max(8000) });
export type NameValue = z.infer<typeof NameValue>;

export const CustomHeader = z.object({
  name: z.string().trim().min(1, 'Enter a header name.').max(200).regex(HEADER_NAME, 'A header name uses letters, digits and - only.'),
  value: z.string().max(8000),
});

export const PerUserSubject = z.object({
  user: z.string().trim().min(1, 'Enter the user.').max(255),
  subject: z.string().trim().max(255),
});
export type PerUserSubject = z.infer<typeof PerUserSubject>;

/** `http(s)://host[:port][/path]`, no query string (Salesforce: "Can include a path but not a query string"). */
export const EndpointUrl = z
  .string()
  .trim()
  .max(1000)
  .refine((text) => parseHttpUrl(text) !== null, { message: 'Enter a URL that starts with https:// or http://.' })
  .refine((text) => !text.includes('?'), { message: 'Leave out the query string: add it to each request instead.' });

const OptionalUrl = z
  .string()
  .trim()
  .max(1000)
  .refine((text) => text === '' || parseHttpUrl(text) !== null, { message: 'Enter a URL that starts with https:// or http://.' });

export const JwtSettings = z.object({
  issuer: z.string().trim().max(255).default(''),
  /** One per line in the editor; one → `aud` string, several → array. */
  audiences: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  tokenValidForSeconds: z
    .number()
    .int('Token Valid For: whole seconds.')
    .min(1, 'Token Valid For: at least 1 second.')
    .max(31_536_000, 'Token Valid For: at most one year.')
    .default(300),
  signingCertificateId: z.string().max(64).nullable().default(null),
  algorithm: z.enum(JWT_ALGORITHMS).default('RS256'),
  /** `typ` header; empty leaves it out. */
  typ: z.string().trim().max(100).default('JWT'),
  kid: z.enum(KID_MODES).default('thumbprint'),
  customKid: z.string().trim().max(500).default(''),
  x5t: z.boolean().default(false),
  x5tS256: z.boolean().default(false),
  includeIat: z.boolean().default(true),
  includeNbf: z.boolean().default(true),
  includeJti: z.boolean().default(true),
  /** Backdates `iat` and `nbf`, and re-mints this long before `exp`. */
  clockSkewSeconds: z.number().int().min(0).max(3600).default(30),
  /** A JSON object as typed; string values may use `{{variables}}`. */
  customClaims: z.string().max(20_000).default(''),
});
export type JwtSettings = z.infer<typeof JwtSettings>;

export const NamedCredentialInput = z.object({
  label: z.string().trim().min(1, 'Enter a label.').max(80, 'Label: at most 80 characters.'),
  name: ApiName,
  url: EndpointUrl,
  description: z.string().max(1000).default(''),
  /** Client certificate for mutual TLS with the endpoint (Salesforce "Certificate"). */
  clientCertificateId: z.string().max(64).nullable().default(null),
  identityType: z.enum(IDENTITY_TYPES).default('named-principal'),
  namedPrincipalSubject: z.string().trim().max(255).default(''),
  perUserSubjects: z.array(PerUserSubject).max(200).default([]),
  activeUser: z.string().max(255).nullable().default(null),
  protocol: z.enum(PROTOCOLS).default('none'),
  username: z.string().max(255).default(''),
  jwt: JwtSettings.default(JwtSettings.parse({})),
  tokenEndpointUrl: OptionalUrl.default(''),
  /** A CA (from the Certificates tab) to trust for the token endpoint's TLS certificate, besides the system's. */
  tokenEndpointCaCertificateId: z.string().max(64).nullable().default(null),
  clientId: z.string().trim().max(500).default(''),
  clientAuth: z.enum(CLIENT_AUTH_METHODS).default('private_key_jwt'),
  scope: z.string().trim().max(2000).default(''),
  scopePlacement: z.enum(SCOPE_PLACEMENTS).default('form'),
  /** Extra token-request parameters (`audience`, `resource`, ...). */
  extraParams: z.array(NameValue).max(50).default([]),
  /** Status codes besides 401 that drop the cached token and retry once. */
  refreshOnStatus: z.array(z.number().int().min(400).max(999)).max(20).default([]),
  generateAuthorizationHeader: z.boolean().default(true),
  allowMergeFieldsInHeader: z.boolean().default(false),
  allowMergeFieldsInBody: z.boolean().default(false),
  customHeaders: z.array(CustomHeader).max(50).default([]),
});
export type NamedCredentialInput = z.input<typeof NamedCredentialInput>;
export type NamedCredentialFields = z.output<typeof NamedCredentialInput>;

/** Secrets to store with a save: a string sets it, `null` clears it, absent keeps what the vault has. */
export const SecretsInput = z
  .object({
    password: z.string().max(10_000).nullable().optional(),
    bearerToken: z.string().max(100_000).nullable().optional(),
    clientSecret: z.string().max(10_000).nullable().optional(),
    hmacSecret: z.string().max(10_000).nullable().optional(),
  })
  .default({});
export type SecretsInput = z.input<typeof SecretsInput>;

export const SaveCredentialInput = z.object({ profile: NamedCredentialInput, secrets: SecretsInput });
export type SaveCredentialInput = z.input<typeof SaveCredentialInput>;

/** A stored profile: the fields plus identity, timestamps and which secrets the vault holds. */
export const NamedCredentialRecord = NamedCredentialInput.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastUsedAt: z.string().nullable().default(null),
  secrets: z.object({
    password: z.boolean().default(false),
    bearerToken: z.boolean().default(false),
    clientSecret: z.boolean().default(false),
    hmacSecret: z.boolean().default(false),
  }),
});
export type NamedCredential = z.output<typeof NamedCredentialRecord>;

/** True for `http(s)://host[:port][/path...]` (shared code has no URL class; main re-checks with it). */
export function parseHttpUrl(text: string): true | null {
  return /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%-]+)(:\d{1,5})?([/?#][^\s]*)?$/.test(text) ? true : null;
}

/** A new profile's fields, as the editor starts them. */
export function blankProfile(): NamedCredentialFields {
  return NamedCredentialInput.parse({ label: 'New credential', name: 'New_credential', url: 'https://api.example.com' });
}
