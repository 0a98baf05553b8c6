/**
 * Verification keys from the network: a JWKS URL, or an OpenID issuer's discovery document
 * (OpenID Connect Discovery 1.0 §4) pointing at one. Fetched by main with a timeout and a size cap;
 * every failure is a coded error that says what the URL returned and what to do.
 */
import { AppError } from '../../../shared/errors';
import { smallRequest } from '../http/small-request';
import { candidatesFromJwks, type Candidate } from './key-material';

export interface FetchOptions {
  timeoutMs: number;
  /** Largest JWKS or discovery document accepted. */
  maxBytes: number;
}

export const DEFAULT_FETCH_OPTIONS: FetchOptions = { timeoutMs: 10_000, maxBytes: 512 * 1024 };

async function fetchJson(url: string, what: string, options: FetchOptions): Promise<Record<string, unknown>> {
  const response = await smallRequest({
    url,
    headers: { accept: 'application/json, application/jwk-set+json' },
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    action: `Fetching the ${what}`,
  });
  if (response.status < 200 || response.status > 299) {
    throw new AppError(
      'NETWORK',
      `Fetching the ${what}: ${url} answered HTTP ${response.status}${response.status === 404 ? ' (not found)' : ''}. Check the URL.`,
      { url, status: response.status },
    );
  }
  const type = response.headers['content-type'] ?? '';
  const body = response.body.trim();
  if (/html/i.test(type) || body.startsWith('<')) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `Fetching the ${what}: ${url} returned an HTML page, not JSON. Use the URL of the ${what} itself${what === 'JWKS' ? ' (often …/.well-known/jwks.json)' : ''}, not a web page.`,
      { url, contentType: type },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new AppError('UNSUPPORTED_FORMAT', `Fetching the ${what}: ${url} did not return JSON. Check the URL.`, {
      url,
      contentType: type,
    });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('UNSUPPORTED_FORMAT', `Fetching the ${what}: ${url} returned JSON that is not an object. Check the URL.`, { url });
  }
  return value as Record<string, unknown>;
}

/** The keys at a JWKS URL. */
export async function fetchJwks(url: string, options: FetchOptions): Promise<{ candidates: Candidate[]; keysInSet: number }> {
  const document = await fetchJson(url, 'JWKS', options);
  if (!Array.isArray(document.keys)) {
    throw new AppError('UNSUPPORTED_FORMAT', `${url} returned JSON without a "keys" list, so it is not a JWKS. Check the URL.`, { url });
  }
  if (document.keys.length === 0) {
    throw new AppError('NOT_FOUND', `The JWKS at ${url} is empty: it publishes no keys, so nothing can verify this token.`, { url });
  }
  const candidates = candidatesFromJwks(document.keys, 'JWKS');
  if (candidates.length === 0) {
    throw new AppError('UNSUPPORTED_KEY', `None of the keys in the JWKS at ${url} is of a type Signet knows (RSA, EC, OKP, oct).`, { url });
  }
  return { candidates, keysInSet: document.keys.length };
}

/** The discovery URL for an issuer (the issuer plus /.well-known/openid-configuration). */
export function discoveryUrl(issuer: string): string {
  if (/\/\.well-known\/openid-configuration$/.test(issuer)) return issuer;
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** The keys an OpenID issuer publishes, through its discovery document's `jwks_uri`. */
export async function fetchIssuerKeys(
  issuer: string,
  options: FetchOptions,
): Promise<{ candidates: Candidate[]; keysInSet: number; jwksUri: string; issuerMismatch?: string }> {
  const url = discoveryUrl(issuer);
  const document = await fetchJson(url, 'OpenID discovery document', options);
  const jwksUri = document.jwks_uri;
  if (typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri)) {
    throw new AppError('UNSUPPORTED_FORMAT', `The discovery document at ${url} has no jwks_uri, so the issuer's keys cannot be found.`, {
      url,
    });
  }
  const keys = await fetchJwks(jwksUri, options);
  const declared = typeof document.issuer === 'string' ? document.issuer : undefined;
  const trim = (url: string) => url.replace(/\/\.well-known\/openid-configuration$/, '').replace(/\/+$/, '');
  return { ...keys, jwksUri, ...(declared && trim(declared) !== trim(issuer) ? { issuerMismatch: declared } : {}) };
}
