/**
 * Turns the request a user built into bytes to send: `{{variables}}` resolved (unknown ones refused
 * by name), header names and values checked (no CR/LF, ASCII only), the body encoded with its
 * Content-Type. Pure, so it is tested without a network.
 */
import { randomBytes } from 'node:crypto';
import { HTTP_TOKEN, type KeyValue, type RequestBody, type RequestSpec } from '../../../shared/contract/http';
import { AppError } from '../../../shared/errors';
import { parseCalloutUrl } from '../../../shared/request/callout-url';
import { substituteVariables } from '../../../shared/request/variables';

export interface PreparedRequest {
  method: string;
  /** Absolute URL, or the callout target to resolve through the named credential. */
  target: { kind: 'absolute'; url: URL } | { kind: 'callout'; name: string; rest: string };
  headers: [string, string][];
  body: Buffer | string | null;
  /** Content-Type implied by the body type, used when no header sets one. */
  contentType?: string;
  warnings: string[];
}

export function resolveVariables(text: string, variables: Record<string, string>, where: string): string {
  const { text: resolved, missing } = substituteVariables(text, variables);
  if (missing.length) {
    const list = missing.map((name) => `{{${name}}}`).join(', ');
    throw new AppError(
      'BAD_INPUT',
      `${list} in ${where} ${missing.length > 1 ? 'are' : 'is'} not defined in the active environment. Define ${missing.length > 1 ? 'them' : 'it'} there, or choose another environment.`,
      { variables: missing, field: where },
    );
  }
  return resolved;
}

export function prepareRequest(spec: RequestSpec, variables: Record<string, string>): PreparedRequest {
  const method = spec.method.trim().toUpperCase();
  if (!HTTP_TOKEN.test(method)) {
    throw new AppError('BAD_INPUT', `"${spec.method}" is not a valid HTTP method. Use letters only, e.g. GET or PROPFIND.`, {
      field: 'method',
    });
  }
  const rawUrl = resolveVariables(spec.url.trim(), variables, 'the URL');
  const callout = parseCalloutUrl(rawUrl);
  let target: PreparedRequest['target'];
  if (callout) {
    if (!callout.name)
      throw new AppError('BAD_INPUT', 'Name the named credential after "callout:", e.g. callout:My_API/path.', { field: 'url' });
    target = { kind: 'callout', name: callout.name, rest: callout.rest };
  } else {
    target = { kind: 'absolute', url: parseAbsoluteUrl(rawUrl) };
  }
  const headers: [string, string][] = [];
  for (const row of spec.headers) {
    if (!row.enabled || (!row.name.trim() && !row.value)) continue;
    const name = resolveVariables(row.name.trim(), variables, `the header "${row.name.trim()}"`);
    const value = resolveVariables(row.value, variables, `the header "${name}"`);
    headers.push([name, value]);
  }
  const warnings: string[] = [];
  const { body, contentType } = encodeBody(spec.body, variables, warnings);
  return { method, target, headers, body, contentType, warnings };
}

export function parseAbsoluteUrl(text: string): URL {
  if (!text) throw new AppError('BAD_INPUT', 'Enter a URL: https://… or callout:Name/path.', { field: 'url' });
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    throw new AppError('BAD_INPUT', `"${text.slice(0, 200)}" is not a valid URL. Use https://host/path or callout:Name/path.`, {
      field: 'url',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('BAD_INPUT', `Only http and https URLs can be sent (this one is ${url.protocol}).`, { field: 'url' });
  }
  return url;
}

/** RFC 9110 §5.5: field values are visible ASCII, spaces and tabs; Signet also refuses non-ASCII. */
export function checkHeaders(headers: [string, string][]) {
  for (const [name, value] of headers) {
    if (!HTTP_TOKEN.test(name)) {
      const why = /[\r\n]/.test(name)
        ? 'contains a line break'
        : /[^\x20-\x7e]/.test(name)
          ? 'contains a non-ASCII character'
          : 'contains a space or a character not allowed in header names';
      throw new AppError('BAD_INPUT', `The header name "${printable(name)}" ${why}. Fix the header name.`, {
        field: 'headers',
        header: printable(name),
      });
    }
    if (/[\r\n\0]/.test(value)) {
      throw new AppError('BAD_INPUT', `The value of the header "${name}" contains a line break. Remove it (headers are one line).`, {
        field: 'headers',
        header: name,
      });
    }
    if (/[^\t\x20-\x7e]/.test(value)) {
      throw new AppError(
        'BAD_INPUT',
        `The value of the header "${name}" contains a non-ASCII character. Encode it (e.g. percent-encoding) or remove it.`,
        { field: 'headers', header: name },
      );
    }
  }
}

function printable(text: string) {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').slice(0, 100);
}

function enabledRows(rows: KeyValue[]) {
  return rows.filter((row) => row.enabled && (row.name || row.value));
}

export function encodeBody(
  body: RequestBody,
  variables: Record<string, string>,
  warnings: string[],
): { body: Buffer | string | null; contentType?: string } {
  switch (body.type) {
    case 'none':
      return { body: null };
    case 'json': {
      const text = resolveVariables(body.text, variables, 'the body');
      if (text.trim()) {
        try {
          JSON.parse(text);
        } catch (error) {
          warnings.push(`The JSON body is not valid (${(error as Error).message}); it was sent as typed.`);
        }
      }
      return { body: text, contentType: 'application/json' };
    }
    case 'text':
      return { body: resolveVariables(body.text, variables, 'the body'), contentType: 'text/plain; charset=utf-8' };
    case 'xml':
      return { body: resolveVariables(body.text, variables, 'the body'), contentType: 'application/xml' };
    case 'form': {
      const form = new URLSearchParams();
      for (const row of enabledRows(body.fields)) {
        form.append(
          resolveVariables(row.name, variables, 'a form field'),
          resolveVariables(row.value, variables, `the form field "${row.name}"`),
        );
      }
      return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
    }
    case 'multipart': {
      const boundary = `----SignetBoundary${randomBytes(12).toString('hex')}`;
      const chunks: Buffer[] = [];
      for (const part of body.parts) {
        if (!part.enabled || !part.name) continue;
        const name = escapeQuoted(resolveVariables(part.name, variables, 'a multipart field'));
        if (part.kind === 'file') {
          if (!part.file) throw new AppError('BAD_INPUT', `Choose a file for the multipart field "${part.name}".`, { field: 'body' });
          chunks.push(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${escapeQuoted(part.file.fileName)}"\r\nContent-Type: ${part.file.contentType || 'application/octet-stream'}\r\n\r\n`,
            ),
            Buffer.from(part.file.base64, 'base64'),
            Buffer.from('\r\n'),
          );
        } else {
          const value = resolveVariables(part.value, variables, `the multipart field "${part.name}"`);
          chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
        }
      }
      chunks.push(Buffer.from(`--${boundary}--\r\n`));
      return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
    }
    case 'file':
      if (!body.file) throw new AppError('BAD_INPUT', 'Choose the file to send as the body.', { field: 'body' });
      return { body: Buffer.from(body.file.base64, 'base64'), contentType: body.file.contentType || 'application/octet-stream' };
  }
}

/** HTML's multipart/form-data encoding of names: `"` → %22, CR → %0D, LF → %0A. */
function escapeQuoted(text: string) {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
