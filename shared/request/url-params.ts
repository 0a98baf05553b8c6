/**
 * Keeps the Params table and the URL's query string in sync, without re-encoding what the user
 * typed (so `{{variables}}` and half-typed values survive a round trip).
 */

export interface ParamRow {
  name: string;
  value: string;
  enabled: boolean;
}

/** Splits `url` into the part before `?`, the query, and the `#fragment`. */
function split(url: string): { base: string; query: string | null; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  const rest = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = rest.indexOf('?');
  return queryAt >= 0 ? { base: rest.slice(0, queryAt), query: rest.slice(queryAt + 1), hash } : { base: rest, query: null, hash };
}

/** Percent-decodes `text`; text that is not valid percent-encoding is kept as it is. */
export function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A query component: `+` is a space (form encoding), then percent-decoded. */
const decode = (text: string) => decodePercent(text.replace(/\+/g, ' '));

/** Query parameters of `url` as rows (all enabled), decoded for display. */
export function paramsFromUrl(url: string): ParamRow[] {
  const { query } = split(url);
  if (!query) return [];
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at >= 0
        ? { name: decode(pair.slice(0, at)), value: decode(pair.slice(at + 1)), enabled: true }
        : { name: decode(pair), value: '', enabled: true };
    });
}

/** Encodes a name or value for a query string, leaving `{{variables}}` readable. */
function encode(text: string): string {
  return text
    .split(/(\{\{[^}]*\}\})/)
    .map((part, index) => (index % 2 ? part : encodeURIComponent(part).replace(/%20/g, '+')))
    .join('');
}

/**
 * The URL with its query replaced by the enabled rows. Disabled rows are kept by the caller (the
 * table), not in the URL.
 */
export function urlWithParams(url: string, rows: ParamRow[]): string {
  const { base, hash } = split(url);
  const query = rows
    .filter((row) => row.enabled && (row.name || row.value))
    .map((row) => (row.value === '' && !row.name.includes('=') ? encode(row.name) : `${encode(row.name)}=${encode(row.value)}`))
    .join('&');
  return `${base}${query ? `?${query}` : ''}${hash}`;
}

/**
 * New table rows after the URL changed: enabled rows follow the URL; disabled rows stay where they
 * were so the user does not lose them.
 */
export function syncParams(url: string, previous: ParamRow[]): ParamRow[] {
  const fromUrl = paramsFromUrl(url);
  const disabled = previous.filter((row) => !row.enabled);
  return [...fromUrl, ...disabled];
}
