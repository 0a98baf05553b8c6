/** Standard base64 of UTF-8 text (Basic auth), without Node's Buffer. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** An `Authorization` value for user and password (RFC 7617 Basic, UTF-8). */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${base64Utf8(`${user}:${password}`)}`;
}
