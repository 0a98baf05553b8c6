/** Serving the built renderer (both hosts): path-traversal-safe lookup, content types, CSP. */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * The renderer's Content-Security-Policy. The renderer never talks to the network (main does), so
 * `connect-src 'self'`; no remote or inline script. Inline styles are allowed for the component
 * library's CSS variables and style props.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Maps a URL path to a file under `root`, or `null` when it would escape `root` (`..`, encoded
 * separators, absolute paths) or is malformed.
 */
export function resolveAsset(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, relative);
  return file.startsWith(base + sep) ? file : null;
}

export interface AssetResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Reads an asset for a request path: 200 with CSP, or 404 (also for anything outside `root`). */
export async function loadAsset(root: string, urlPath: string): Promise<AssetResponse> {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  const file = resolveAsset(root, urlPath);
  if (file) {
    try {
      const body = await readFile(file);
      return { status: 200, headers: { ...headers, 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }, body };
    } catch {
      // fall through to 404
    }
  }
  return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' }, body: Buffer.from('Not found') };
}
