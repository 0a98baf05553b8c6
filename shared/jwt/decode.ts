/**
 * Decoding compact JWS/JWE tokens (RFC 7515 §7.1, RFC 7516 §7.1) — pure, so the renderer decodes as
 * the user types. Decoding is not verification: nothing here checks a signature.
 */
import { base64UrlToBytes, utf8 } from './base64url';

export type JoseHeader = Record<string, unknown> & { alg?: unknown; typ?: unknown; kid?: unknown };

export interface DecodedJws {
  kind: 'jws';
  /** The compact token as decoded (after stripping "Bearer " or an Authorization header). */
  token: string;
  header: JoseHeader;
  /** The JWT claims set (a JSON object). */
  payload: Record<string, unknown>;
  /** The three base64url segments as they appear in the token. */
  segments: { header: string; payload: string; signature: string };
  /** Signature length in bytes (0 for `alg: none`). */
  signatureBytes: number;
  /**
   * Set (only with `allowNonJwtPayload`) when the payload is not a JSON object: a JWS that is not a
   * JWT, such as RFC 8037's example. `payload` is then empty; `payloadText` is the payload as text
   * (null for bytes that are not UTF-8).
   */
  notJwt?: { error: TokenError; payloadText: string | null };
}

export interface DecodedJwe {
  kind: 'jwe';
  token: string;
  header: JoseHeader;
  segments: { header: string; encryptedKey: string; iv: string; ciphertext: string; tag: string };
}

export type DecodedToken = DecodedJws | DecodedJwe;

export type TokenErrorCode =
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'NOT_TEXT'
  | 'PART_COUNT'
  | 'EMPTY_SEGMENT'
  | 'BAD_BASE64URL'
  | 'HEADER_NOT_JSON'
  | 'PAYLOAD_NOT_JSON'
  | 'PAYLOAD_NOT_OBJECT';

export interface TokenError {
  code: TokenErrorCode;
  /** A sentence that says what is wrong and what to do. */
  message: string;
  /** The segment at fault, when there is one. */
  segment?: 'header' | 'payload' | 'signature' | 'encrypted key' | 'iv' | 'ciphertext' | 'tag';
}

export type DecodeResult = { ok: true; token: DecodedToken } | { ok: false; error: TokenError };

/** Longest token Signet decodes (1 MB of text is already far beyond any real header). */
export const MAX_TOKEN_LENGTH = 1_000_000;

/** Strips an `Authorization:` header name and a `Bearer` scheme, and surrounding whitespace/quotes. */
export function extractToken(input: string): string {
  let text = input.trim();
  text = text.replace(/^authorization\s*:\s*/i, '');
  text = text.replace(/^bearer\s+/i, '');
  text = text.replace(/^["']|["']$/g, '');
  return text.replace(/\s+/g, '');
}

export interface DecodeOptions {
  /** Decode a JWS whose payload is not a JSON object (reported in `notJwt`) instead of refusing it. */
  allowNonJwtPayload?: boolean;
}

export function decodeToken(input: string, options: DecodeOptions = {}): DecodeResult {
  if (input.length > MAX_TOKEN_LENGTH) {
    return fail(
      'TOO_LARGE',
      `This is ${Math.round(input.length / 1000)} KB of text — longer than any real token (the limit is 1 MB). Paste just the token.`,
    );
  }
  const token = extractToken(input);
  if (!token) return fail('EMPTY', 'Paste a token: header.payload.signature (a raw JWS, "Bearer …", or a whole Authorization header).');
  if (/[^\x21-\x7e]/.test(token)) {
    return fail(
      'NOT_TEXT',
      'This is not a token: it contains characters that never appear in one (a JWT is three base64url parts joined by dots).',
    );
  }
  const parts = token.split('.');
  if (parts.length === 5) return decodeJwe(token, parts);
  if (parts.length !== 3) {
    return fail(
      'PART_COUNT',
      `A JWT has three parts separated by dots (header.payload.signature) and an encrypted JWE has five; this has ${parts.length}. Check that the whole token was copied.`,
    );
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonSegment(headerPart, 'header');
  if ('error' in header) return header.error;
  if (!payloadPart) return fail('EMPTY_SEGMENT', 'The payload (second part) is empty. A JWT always carries a claims set.', 'payload');
  const payloadBytes = base64UrlToBytes(payloadPart);
  if (!payloadBytes)
    return fail(
      'BAD_BASE64URL',
      'The payload (second part) is not valid base64url. Check for characters lost or added when copying.',
      'payload',
    );
  const payloadText = utf8(payloadBytes);
  const claims = parseClaims(payloadText);
  if ('error' in claims && !options.allowNonJwtPayload) return claims.error;
  const payload = 'value' in claims ? claims.value : {};
  const signatureBytes = base64UrlToBytes(signaturePart);
  if (!signatureBytes) return fail('BAD_BASE64URL', 'The signature (third part) is not valid base64url.', 'signature');
  if (signatureBytes.length === 0 && header.value.alg !== 'none') {
    return fail(
      'EMPTY_SEGMENT',
      `The signature (third part) is empty but the header says alg ${String(header.value.alg)}. An unsigned token must say alg "none".`,
      'signature',
    );
  }
  return {
    ok: true,
    token: {
      kind: 'jws',
      token,
      header: header.value,
      payload,
      segments: { header: headerPart, payload: payloadPart, signature: signaturePart },
      signatureBytes: signatureBytes.length,
      ...('error' in claims ? { notJwt: { error: claims.error.error, payloadText } } : {}),
    },
  };
}

/** A JWT claims set is a JSON object (RFC 7519 §7.2). */
function parseClaims(text: string | null): { value: Record<string, unknown> } | { error: DecodeResult & { ok: false } } {
  let payload: unknown;
  try {
    if (text === null) throw new Error('not UTF-8');
    payload = JSON.parse(text);
  } catch {
    return { error: fail('PAYLOAD_NOT_JSON', 'The payload (second part) is not JSON, so this is a JWS but not a JWT.', 'payload') };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return {
      error: fail(
        'PAYLOAD_NOT_OBJECT',
        'The payload is JSON but not an object; a JWT claims set must be a JSON object (RFC 7519 §7.2).',
        'payload',
      ),
    };
  }
  return { value: payload as Record<string, unknown> };
}

function decodeJwe(token: string, parts: string[]): DecodeResult {
  const [headerPart, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const header = decodeJsonSegment(headerPart, 'header');
  if ('error' in header) return header.error;
  const named: [string, TokenError['segment']][] = [
    [encryptedKey, 'encrypted key'],
    [iv, 'iv'],
    [ciphertext, 'ciphertext'],
    [tag, 'tag'],
  ];
  for (const [segment, name] of named) {
    if (!base64UrlToBytes(segment)) return fail('BAD_BASE64URL', `The ${name} part is not valid base64url.`, name);
  }
  if (!ciphertext) return fail('EMPTY_SEGMENT', 'The ciphertext (fourth part) is empty.', 'ciphertext');
  return {
    ok: true,
    token: { kind: 'jwe', token, header: header.value, segments: { header: headerPart, encryptedKey, iv, ciphertext, tag } },
  };
}

function decodeJsonSegment(segment: string, name: 'header'): { value: JoseHeader } | { error: DecodeResult & { ok: false } } {
  if (!segment)
    return { error: fail('EMPTY_SEGMENT', 'The header (first part) is empty. It should be base64url JSON such as {"alg":"RS256"}.', name) };
  const bytes = base64UrlToBytes(segment);
  if (!bytes)
    return {
      error: fail(
        'BAD_BASE64URL',
        'The header (first part) is not valid base64url. Check for characters lost or added when copying.',
        name,
      ),
    };
  const text = utf8(bytes);
  let value: unknown;
  try {
    if (text === null) throw new Error('not UTF-8');
    value = JSON.parse(text);
  } catch {
    return { error: fail('HEADER_NOT_JSON', 'The header (first part) decodes, but not to JSON. This is not a JWT.', name) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: fail('HEADER_NOT_JSON', 'The header must be a JSON object such as {"alg":"RS256"}.', name) };
  }
  return { value: value as JoseHeader };
}

function fail(code: TokenErrorCode, message: string, segment?: TokenError['segment']): DecodeResult & { ok: false } {
  return { ok: false, error: segment ? { code, message, segment } : { code, message } };
}
