/**
 * Small XML helpers for Salesforce metadata: writing elements in the order and indentation
 * `sf project retrieve` produces, parsing with fast-xml-parser, and Signet's own extras carried in
 * an XML comment (Salesforce ignores comments; Signet reads them back for a lossless round trip).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../../../shared/errors';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
const SIGNET_COMMENT = /<!--\s*signet:(.*?)\s*-->/s;

/** Escapes element text (quotes need no escaping there, and Salesforce writes them bare). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char]!);
}

export type XmlChild = [name: string, value: string | boolean | number | XmlChild[] | undefined];

/** Writes `<Root xmlns=...>` with children (undefined values left out), four-space indented. */
export function writeDocument(root: string, children: XmlChild[], extras?: unknown): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<${root} xmlns="${METADATA_NAMESPACE}">`];
  writeChildren(lines, children, 1);
  if (extras !== undefined) {
    // `--` may not appear inside a comment; JSON never needs it unescaped.
    lines.push(`    <!-- signet:${JSON.stringify(extras).replace(/--/g, '-\\u002d')} -->`);
  }
  lines.push(`</${root}>`, '');
  return lines.join('\n');
}

function writeChildren(lines: string[], children: XmlChild[], depth: number) {
  const indent = '    '.repeat(depth);
  for (const [name, value] of children) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      lines.push(`${indent}<${name}>`);
      writeChildren(lines, value, depth + 1);
      lines.push(`${indent}</${name}>`);
    } else {
      lines.push(`${indent}<${name}>${escapeXml(String(value))}</${name}>`);
    }
  }
}

export interface ParsedDocument {
  root: 'NamedCredential' | 'ExternalCredential';
  /** Child elements as strings (repeated ones as arrays of records). */
  body: Record<string, unknown>;
  extras?: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'namedCredentialParameters' || name === 'externalCredentialParameters',
});

/** Parses a metadata file; malformed XML and other roots are UNSUPPORTED_FORMAT naming the file. */
export function parseMetadata(fileName: string, text: string): ParsedDocument {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${fileName} is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}). Nothing was imported.`,
      {
        file: fileName,
      },
    );
  }
  const parsed = parser.parse(text) as Record<string, unknown>;
  const root = (['NamedCredential', 'ExternalCredential'] as const).find((name) => name in parsed);
  if (!root) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${fileName} is not a NamedCredential or ExternalCredential metadata file. Nothing was imported.`,
      { file: fileName },
    );
  }
  const body = (parsed[root] && typeof parsed[root] === 'object' ? parsed[root] : {}) as Record<string, unknown>;
  const match = SIGNET_COMMENT.exec(text);
  let extras: unknown;
  if (match) {
    try {
      extras = JSON.parse(match[1]!);
    } catch {
      extras = undefined;
    }
  }
  return { root, body, ...(extras !== undefined ? { extras } : {}) };
}

export function text(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function bool(body: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = text(body, name);
  return value === undefined ? fallback : value === 'true';
}

export function records(body: Record<string, unknown>, name: string): Record<string, string>[] {
  const value = body[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((entry) => {
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries((entry ?? {}) as Record<string, unknown>))
      if (item !== undefined && typeof item !== 'object') out[key] = String(item);
    return out;
  });
}

/** `"aud"` or `["a","b"]` (Salesforce's jwtAudience) — a bare value is taken as one audience. */
export function audiencesFrom(value: string | undefined): string[] {
  if (!value) return [];
  const trimmed = value.trim();
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed === 'string') return [parsed];
    if (Array.isArray(parsed)) return parsed.filter((item): item is string => typeof item === 'string');
  } catch {
    // not JSON: one audience, or several on lines (as typed in Setup)
  }
  return trimmed
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function audiencesTo(audiences: string[]): string | undefined {
  if (audiences.length === 0) return undefined;
  return audiences.length === 1 ? JSON.stringify(audiences[0]) : JSON.stringify(audiences);
}
