/** base64url (RFC 4648 §5) without Node or DOM specifics. */

const VALID = /^[A-Za-z0-9_-]*$/;

/** Decodes base64url (no padding expected, padding tolerated); `null` when the text is not base64url. */
export function base64UrlToBytes(text: string): Uint8Array | null {
  const trimmed = text.replace(/=+$/, '');
  if (!VALID.test(trimmed) || trimmed.length % 4 === 1) return null;
  const base64 = trimmed.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function textToBase64Url(text: string): string {
  return bytesToBase64Url(new TextEncoder().encode(text));
}

/** Strict UTF-8 decoding; `null` for bytes that are not UTF-8 (binary garbage). */
export function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
