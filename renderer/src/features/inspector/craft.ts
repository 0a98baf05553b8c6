/** Pure helpers for Craft: parsing the JSON editors, the quick claim buttons, algorithms per key. */
import type { SigningAlgorithm } from '../../../../shared/contract/inspector';

export type JsonObjectResult = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** Parses an editor's text as a JSON object, with a message that says what to fix. */
export function parseJsonObject(text: string, what: string): JsonObjectResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: `${what} must be a JSON object ({ … }).` };
  return { ok: true, value: value as Record<string, unknown> };
}

const seconds = (now: number) => Math.floor(now / 1000);

/** The quick buttons: each returns the payload changed. */
export const QUICK_CLAIMS: { label: string; apply(payload: Record<string, unknown>, now: number): Record<string, unknown> }[] = [
  { label: 'exp +5 min', apply: (p, now) => ({ ...p, iat: seconds(now), exp: seconds(now) + 300 }) },
  { label: 'Expired', apply: (p, now) => ({ ...p, iat: seconds(now) - 600, exp: seconds(now) - 300 }) },
  { label: 'nbf in the future', apply: (p, now) => ({ ...p, nbf: seconds(now) + 600 }) },
  { label: 'New jti', apply: (p) => ({ ...p, jti: crypto.randomUUID() }) },
];

/** Algorithms a store key can sign with ("RSA-2048" → RS256…PS512). */
export function algorithmsFor(keyAlgorithm: string): SigningAlgorithm[] {
  if (keyAlgorithm.startsWith('RSA')) return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
  if (keyAlgorithm === 'EC-P256') return ['ES256'];
  if (keyAlgorithm === 'EC-P384') return ['ES384'];
  if (keyAlgorithm === 'EC-P521') return ['ES512'];
  if (keyAlgorithm === 'Ed25519') return ['EdDSA'];
  return [];
}

export function initialPayload(now: number): string {
  return JSON.stringify(
    { iss: 'https://signet.local', sub: 'alice', aud: 'https://api.example.com', iat: seconds(now), exp: seconds(now) + 300 },
    null,
    2,
  );
}

export const INITIAL_HEADER = JSON.stringify({ typ: 'JWT' }, null, 2);
