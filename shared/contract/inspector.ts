/**
 * Contract: the token Inspector. Decoding, lint and claim validation are pure (shared/jwt) and run
 * in the renderer; verifying and signing run in main, where the keys are. Pinned tokens are kept in
 * the vault (a token is a credential).
 */
import { z } from 'zod';
import { MAX_TOKEN_LENGTH } from '../jwt/decode';
import { method } from '../rpc';

const Token = z.string().trim().min(1, 'Paste a token.').max(MAX_TOKEN_LENGTH, 'The token is longer than 1 MB.');
/** PEM, JWK and JWKS text pasted by the user. */
const KeyText = z
  .string()
  .trim()
  .min(1, 'Paste a key.')
  .max(256 * 1024, 'The key text is longer than 256 KB.');
const HttpUrl = z.url({ protocol: /^https?$/, error: 'Enter an http or https URL.' }).max(2048);

export const HMAC_ENCODINGS = ['utf8', 'base64url', 'base64', 'hex'] as const;
export type HmacEncoding = (typeof HMAC_ENCODINGS)[number];

/** Where the verification key comes from. */
export const KeySource = z.discriminatedUnion('kind', [
  /** A certificate in the store; without an id, chosen by the header's kid / x5t / x5t#S256. */
  z.object({ kind: z.literal('store'), certificateId: z.string().min(1).max(64).optional() }),
  z.object({ kind: z.literal('pem'), pem: KeyText }),
  z.object({ kind: z.literal('jwk'), jwk: KeyText }),
  z.object({ kind: z.literal('jwks-url'), url: HttpUrl }),
  z.object({ kind: z.literal('issuer'), issuer: HttpUrl }),
  z.object({
    kind: z.literal('hmac'),
    secret: z
      .string()
      .min(1, 'Enter the HMAC secret.')
      .max(64 * 1024),
    encoding: z.enum(HMAC_ENCODINGS).default('utf8'),
  }),
]);
export type KeySource = z.input<typeof KeySource>;
export type KeySourceKind = KeySource['kind'];

export const VerifyInput = z.object({ token: Token, key: KeySource });
export type VerifyInput = z.input<typeof VerifyInput>;

/** The key that verified (or was last tried), described with public data only. */
export interface KeyUsed {
  /** "Certificate JWT_Signing (RSA-2048)", "JWKS key 3 (kid abc…)", "HMAC secret (32 bytes)". */
  description: string;
  /** How it was chosen: "kid matches the JWK thumbprint", "x5t#S256 matches", "only key of that type"... */
  matchedBy?: string;
  kid?: string;
  certificateId?: string;
}

export interface VerifyResult {
  status: 'valid' | 'invalid' | 'no-key';
  /** A sentence saying why. */
  reason: string;
  alg: string;
  key?: KeyUsed;
  /** How many candidate keys were tried. */
  tried: number;
  /** For HS* verification: the secret's length (the lint flags short secrets). */
  hmacSecretBytes?: number;
  /** For JWKS sources: how many of the set's keys fit the token's alg (the lint flags a missing kid when several could match). */
  keysInSet?: number;
}

export const SIGNING_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'HS256',
  'HS384',
  'HS512',
] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

const JsonObject = z.record(z.string(), z.unknown());

export const Signer = z.discriminatedUnion('kind', [
  /** A store certificate's private key; `alg` defaults to the key's natural algorithm. */
  z.object({ kind: z.literal('store'), certificateId: z.string().min(1).max(64), alg: z.enum(SIGNING_ALGORITHMS).optional() }),
  z.object({
    kind: z.literal('hmac'),
    secret: z
      .string()
      .min(1, 'Enter the HMAC secret.')
      .max(64 * 1024),
    encoding: z.enum(HMAC_ENCODINGS).default('utf8'),
    alg: z.enum(['HS256', 'HS384', 'HS512']).default('HS256'),
  }),
  /** Unsigned (`alg: none`), to test how a server treats it. */
  z.object({ kind: z.literal('none') }),
]);
export type Signer = z.input<typeof Signer>;

export const SignInput = z.object({ header: JsonObject, payload: JsonObject, signer: Signer });
export type SignInput = z.input<typeof SignInput>;

export interface SignedToken {
  token: string;
  /** The header as signed (alg set, kid added when the store certificate was used and none was given). */
  header: Record<string, unknown>;
}

export interface PinnedToken {
  id: string;
  label: string;
  pinnedAt: string;
  /** Shown in the list so the user recognises the token without opening it. */
  alg: string;
  iss?: string;
  sub?: string;
  exp?: number;
}

export const PinInput = z.object({ token: Token, label: z.string().trim().max(80).optional() });
export type PinInput = z.input<typeof PinInput>;

const PinId = z.string().min(1).max(64);

export const inspectorContract = {
  verify: method(z.tuple([VerifyInput])).returns<VerifyResult>(),
  sign: method(z.tuple([SignInput])).returns<SignedToken>(),
  pins: method(z.tuple([])).returns<PinnedToken[]>(),
  pin: method(z.tuple([PinInput])).returns<PinnedToken>(),
  unpin: method(z.tuple([PinId])).returns<void>(),
  /** The pinned token itself (from the vault), to load it back into the Inspector. */
  openPin: method(z.tuple([PinId])).returns<{ token: string }>(),
};
