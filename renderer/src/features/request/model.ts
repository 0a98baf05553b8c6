/** The state of one open request (an inner tab) and how it becomes what main sends. */
import type { CalloutResponse, KeyValue, RequestSpec, SentRequest } from '../../../../shared/contract/http';
import { DEFAULT_TIMEOUT_MS } from '../../../../shared/contract/http';
import type { Protocol } from '../../../../shared/credentials/profile';
import { parseCalloutUrl } from '../../../../shared/request/callout-url';
import { paramsFromUrl, type ParamRow } from '../../../../shared/request/url-params';

/** What the Request tab needs to know of a named credential: its API name, label and protocol. */
export interface CredentialSummary {
  name: string;
  label: string;
  protocol: Protocol;
}

export interface RequestDraft extends RequestSpec {
  /** The Params table, kept in sync with the URL's query (disabled rows live only here). */
  params: ParamRow[];
}

export interface OpenRequest {
  /** Inner tab id; also the request id used to cancel. */
  id: string;
  name: string;
  draft: RequestDraft;
  /** What was last saved (to a collection), for the unsaved marker. */
  savedJson: string | null;
  savedId: string | null;
  folderId: string | null;
  sending: { startedAt: number; sendId: string } | null;
  response: CalloutResponse | null;
  /** The draft as it was sent for `response` (see {@link sentForExport}). */
  sentJson: string | null;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
}

let counter = 0;
export function newId(prefix = 'req'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export function emptyDraft(overrides: Partial<RequestSpec> = {}): RequestDraft {
  const spec: RequestSpec = {
    method: 'GET',
    url: '',
    headers: [],
    body: { type: 'none' },
    auth: { type: 'inherit' },
    settings: { timeoutMs: DEFAULT_TIMEOUT_MS, followRedirects: true, maxRedirects: 10, verifyTls: true, proxy: { mode: 'system' } },
    ...overrides,
  };
  return { ...spec, params: paramsFromUrl(spec.url) };
}

export function draftFromSpec(spec: RequestSpec): RequestDraft {
  return emptyDraft(spec);
}

/** What goes to main: the spec without the renderer-only Params table. */
export function toSpec(draft: RequestDraft): RequestSpec {
  const { params: _params, ...spec } = draft;
  return spec;
}

export function specJson(draft: RequestDraft): string {
  return JSON.stringify(toSpec(draft));
}

/**
 * What export reproduces "as sent": the first hop of the last send (not a redirect's GET, and with
 * the Authorization a cross-origin redirect dropped), and only while the draft is still the one sent.
 */
export function sentForExport(open: Pick<OpenRequest, 'draft' | 'response' | 'sentJson'>): SentRequest | undefined {
  if (!open.response || open.sentJson !== specJson(open.draft)) return undefined;
  return open.response.firstSent;
}

export function isDirty(open: OpenRequest): boolean {
  return open.savedJson !== specJson(open.draft);
}

/** The auth mode the UI shows by default for a URL. */
export function isCallout(url: string): boolean {
  return parseCalloutUrl(url) !== null;
}

export const COMMON_HEADERS = [
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Authorization',
  'Cache-Control',
  'Content-Type',
  'Cookie',
  'If-Match',
  'If-None-Match',
  'Origin',
  'Prefer',
  'Referer',
  'User-Agent',
  'X-Api-Key',
  'X-Correlation-Id',
  'X-Request-Id',
  'Sforce-Call-Options',
];

export function rowsOf(rows: KeyValue[]): KeyValue[] {
  return rows.map((row) => ({ name: row.name, value: row.value, enabled: row.enabled }));
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
