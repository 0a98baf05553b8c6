/**
 * The whole text of a response body: small bodies arrive inline (formatted here when pretty); a
 * body over 2 MiB is paged in from main's temp file as received (for the HTML preview — the code
 * viewer streams large bodies itself, see LargeBodyView).
 */
import { useEffect, useState } from 'react';
import type { ResponseBody } from '../../../../shared/contract/http';
import { api } from '../../bridge';

/** Bodies above this size wait for "Show anyway". */
export const SHOW_ANYWAY_BYTES = 50 * 1024 * 1024;
const PAGE = 4 * 1024 * 1024;
/** Inline bodies up to this size are formatted in the renderer. */
const FORMAT_HERE = 2 * 1024 * 1024 + 1;

export interface BodyText {
  text: string | null;
  /** Bytes loaded so far while paging. */
  loaded: number;
  error: string | null;
  /** Whether the text is formatted (pretty) or as received. */
  formatted: boolean;
}

export function prettyText(text: string, kind: ResponseBody['kind']): string | null {
  if (kind === 'json') {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return null;
    }
  }
  if (kind === 'xml' || kind === 'html') return indentMarkup(text);
  return null;
}

/** A light XML indenter: one element per line, two spaces per level; leaves text content alone. */
export function indentMarkup(text: string): string | null {
  if (text.length > FORMAT_HERE || /^\s*$/.test(text)) return null;
  const tokens = text.replace(/>\s+</g, '><').split(/(?=<)|(?<=>)/);
  let depth = 0;
  const lines: string[] = [];
  for (const token of tokens) {
    if (!token.trim()) continue;
    if (/^<\//.test(token)) depth = Math.max(0, depth - 1);
    const last = lines.length - 1;
    // Keep <a>text</a> on one line.
    if (!token.startsWith('<') && last >= 0) {
      lines[last] += token;
      continue;
    }
    if (
      /^<\//.test(token) &&
      last >= 0 &&
      !lines[last]!.trimStart().startsWith('</') &&
      !/^\s*<[^>]*\/>$/.test(lines[last]!) &&
      /^\s*<[^/!?][^>]*>[^<]*$/.test(lines[last]!)
    ) {
      lines[last] += token;
      continue;
    }
    lines.push(`${'  '.repeat(depth)}${token}`);
    if (/^<[^/!?][^>]*[^/]>$|^<[^/!?]>$/.test(token) && !/^<(br|hr|img|meta|link|input)\b/i.test(token)) depth++;
  }
  return lines.join('\n');
}

/** `body` null: nothing to load (the viewer streams it). */
export function useBodyText(body: ResponseBody | null, pretty: boolean, allowLarge: boolean): BodyText {
  const [state, setState] = useState<BodyText>({ text: null, loaded: 0, error: null, formatted: false });
  useEffect(() => {
    let cancelled = false;
    if (!body) {
      setState({ text: null, loaded: 0, error: null, formatted: false });
      return;
    }
    if (body.text !== undefined) {
      const formatted = pretty && body.size <= FORMAT_HERE ? prettyText(body.text, body.kind) : null;
      setState({ text: formatted ?? body.text, loaded: body.size, error: null, formatted: formatted !== null });
      return;
    }
    if (!body.bodyId || (body.size > SHOW_ANYWAY_BYTES && !allowLarge) || body.kind === 'image' || body.kind === 'binary') {
      setState({ text: null, loaded: 0, error: null, formatted: false });
      return;
    }
    setState({ text: null, loaded: 0, error: null, formatted: false });
    (async () => {
      const bodyId = body.bodyId!;
      const parts: string[] = [];
      let offset = 0;
      let loaded = 0;
      for (;;) {
        const page = await api.http.readBody({ bodyId, offset, length: PAGE });
        if (cancelled) return;
        parts.push(page.text);
        loaded = page.nextOffset;
        offset = page.nextOffset;
        if (page.eof) break;
        setState((current) => ({ ...current, loaded }));
      }
      setState({ text: parts.join(''), loaded, error: null, formatted: false });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ text: null, loaded: 0, error: error instanceof Error ? error.message : String(error), formatted: false });
    });
    return () => {
      cancelled = true;
    };
  }, [body, pretty, allowLarge]);
  return state;
}
