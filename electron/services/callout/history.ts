/**
 * Request history: the last 500 sends, newest first, persisted to `history.json` with secrets
 * redacted (Authorization, cookies, API keys, bearer tokens, JWT-looking values, secret form
 * fields). Writes are debounced and happen after the send has answered, never on its path.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HISTORY_LIMIT, REDACTED, type HistoryEntry } from '../../../shared/contract/history';
import type { KeyValue, RequestSpec } from '../../../shared/contract/http';
import { decodePercent } from '../../../shared/request/url-params';
import type { Document } from '../store/document';

export const HistoryFile = z.object({ entries: z.array(z.custom<HistoryEntry>((value) => typeof value === 'object' && value !== null)) });
export type HistoryFile = z.infer<typeof HistoryFile>;
export const HISTORY_DOCUMENT = { name: 'history', schema: HistoryFile, version: 1, initial: (): HistoryFile => ({ entries: [] }) };

const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-amz-security-token)$/i;
const SECRET_FIELD = /(secret|password|passwd|token|assertion|api[-_]?key|signature|sig)$/i;
const JWT_LIKE = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;

const redactText = (text: string) => text.replace(JWT_LIKE, REDACTED);
const redactRows = (rows: KeyValue[], ...secret: RegExp[]) =>
  rows.map((row) => ({
    ...row,
    value: secret.some((pattern) => pattern.test(row.name.trim())) && row.value ? REDACTED : redactText(row.value),
  }));

/** The request as history keeps it: no token, secret or credential-bearing header value. */
export function redactRequest(request: RequestSpec): RequestSpec {
  const redacted: RequestSpec = {
    ...request,
    url: redactUrl(request.url),
    // Named ones (Authorization, Cookie…) and any whose name says token, secret, password or API key.
    headers: redactRows(request.headers, SECRET_HEADER, SECRET_FIELD),
  };
  if (request.auth.type === 'bearer') redacted.auth = { type: 'bearer', token: request.auth.token ? REDACTED : '' };
  const body = request.body;
  if (body.type === 'json' || body.type === 'text' || body.type === 'xml')
    redacted.body = { ...body, text: redactJsonSecrets(redactText(body.text)) };
  else if (body.type === 'form') redacted.body = { ...body, fields: redactRows(body.fields, SECRET_FIELD) };
  else if (body.type === 'multipart') {
    redacted.body = {
      ...body,
      parts: body.parts.map((part) => ({
        ...part,
        value: SECRET_FIELD.test(part.name) && part.value ? REDACTED : redactText(part.value),
        file: part.file ? { ...part.file, base64: '' } : undefined,
      })),
    };
  } else if (body.type === 'file') redacted.body = { type: 'file', file: body.file ? { ...body.file, base64: '' } : undefined };
  return redacted;
}

/** The password of `scheme://user:password@host` (the user name stays, to recognise the request). */
const USERINFO_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i;

function redactUrl(url: string): string {
  const withoutPassword = url.replace(USERINFO_PASSWORD, `$1${REDACTED}@`);
  const [base, query] = withoutPassword.split(/\?(.*)/s, 2);
  if (query === undefined) return redactText(withoutPassword);
  const parts = query.split('&').map((pair) => {
    const [name, value] = pair.split(/=(.*)/s, 2);
    return value !== undefined && SECRET_FIELD.test(decodePercent(name!)) ? `${name}=${REDACTED}` : redactText(pair);
  });
  return `${redactText(base!)}?${parts.join('&')}`;
}

function redactJsonSecrets(text: string): string {
  return text.replace(/("([^"\\]*(?:secret|password|token|assertion|api_?key))"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`);
}

export class History {
  readonly #document: Document<HistoryFile>;
  #entries: HistoryEntry[];
  /** Sends recorded since the last read or write, oldest first, not yet redacted. */
  #pending: { entry: Omit<HistoryEntry, 'id' | 'at' | 'request'> & { request: RequestSpec }; at: number }[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #delayMs: number;

  constructor(document: Document<HistoryFile>, options: { delayMs?: number } = {}) {
    this.#document = document;
    this.#entries = document.read().entries;
    this.#delayMs = options.delayMs ?? 1000;
  }

  /**
   * Records a send. Redaction waits until the entry is read or written (off the send's path); until
   * then the entry only lives in main's memory.
   */
  record(entry: Omit<HistoryEntry, 'id' | 'at' | 'request'> & { request: RequestSpec }) {
    const pending = this.#pending;
    pending.push({ entry, at: Date.now() });
    // Only the newest HISTORY_LIMIT can survive; drop the rest now rather than redact them later.
    if (pending.length > 2 * HISTORY_LIMIT) pending.splice(0, pending.length - HISTORY_LIMIT);
    if (!this.#timer) this.#schedule();
  }

  #settle() {
    if (!this.#pending.length) return;
    const fresh = this.#pending
      .slice(-HISTORY_LIMIT)
      .reverse()
      .map(({ entry, at }): HistoryEntry => ({
        ...entry,
        id: randomUUID(),
        at: new Date(at).toISOString(),
        request: redactRequest(entry.request),
      }));
    this.#pending = [];
    this.#entries = [...fresh, ...this.#entries];
    if (this.#entries.length > HISTORY_LIMIT) this.#entries.length = HISTORY_LIMIT;
  }

  list(query?: string): HistoryEntry[] {
    this.#settle();
    const needle = query?.trim().toLowerCase();
    if (!needle) return [...this.#entries];
    return this.#entries.filter((entry) =>
      [entry.request.method, entry.request.url, entry.name ?? '', String(entry.status ?? ''), entry.error?.message ?? ''].some((field) =>
        field.toLowerCase().includes(needle),
      ),
    );
  }

  remove(id: string) {
    this.#settle();
    this.#entries = this.#entries.filter((entry) => entry.id !== id);
    this.#schedule();
  }

  clear() {
    this.#pending = [];
    this.#entries = [];
    this.#schedule();
  }

  #schedule() {
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.flush(), this.#delayMs);
    this.#timer.unref?.();
  }

  /** Writes pending changes now (also on shutdown). */
  flush() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#settle();
    this.#document.write({ entries: this.#entries });
  }
}
