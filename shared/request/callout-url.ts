/** `callout:Name/path?query` URLs (Salesforce's named-credential callout syntax). */

export interface CalloutUrl {
  /** The named credential's API name. */
  name: string;
  /** What follows the name: `/path?query`, `?query` or empty. */
  rest: string;
}

/** Parses `callout:Name/...`; `null` when `url` is not a callout URL. */
export function parseCalloutUrl(url: string): CalloutUrl | null {
  const match = /^callout:([^/?#]*)(.*)$/is.exec(url.trim());
  if (!match) return null;
  return { name: match[1]!, rest: match[2]! };
}

/** Joins the profile's URL and the rest of a callout URL, as Salesforce does (path appended, query merged). */
export function joinCalloutUrl(base: string, rest: string): string {
  const [restPath, ...restQuery] = rest.split('?');
  const query = restQuery.join('?');
  const url = new URL(base);
  if (restPath) url.pathname = `${url.pathname.replace(/\/+$/, '')}/${restPath.replace(/^\/+/, '')}`;
  if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
  return url.href;
}
