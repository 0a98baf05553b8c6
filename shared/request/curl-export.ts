/**
 * A request as a cURL command. From the last send (`sent`, its first hop) it is exactly what went on the wire —
 * the token included only when the user chooses so; otherwise from the editor, `{{variables}}` and
 * `callout:` left as they are.
 */
import type { RequestSpec, SentRequest } from '../contract/http';
import { shellQuote } from './shell-words';

export interface CurlExportOptions {
  /** The first hop of the last send (resolved URL and headers, Authorization included), while the draft is unchanged. */
  sent?: SentRequest;
  /** Write the Authorization value as sent; otherwise a `$TOKEN`-style placeholder. */
  includeToken?: boolean;
}

const SKIP_SENT = new Set(['content-length', 'host', 'connection']);

export function exportCurl(spec: RequestSpec, options: CurlExportOptions = {}): string {
  const { sent } = options;
  const method = sent?.method ?? spec.method.toUpperCase();
  const url = sent?.url ?? spec.url;
  const lines: string[] = [`curl${method === 'GET' && spec.body.type === 'none' ? '' : ` -X ${method}`} ${shellQuote(url)}`];
  const headers: [string, string][] = sent
    ? sent.headers.filter(([name]) => !SKIP_SENT.has(name.toLowerCase()))
    : spec.headers.filter((row) => row.enabled && row.name).map((row) => [row.name, row.value]);
  if (!sent && spec.auth.type === 'bearer') headers.push(['Authorization', `Bearer ${spec.auth.token}`]);
  let compressed = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'accept-encoding' && sent) {
      compressed = true;
      continue;
    }
    // The multipart boundary is curl's to choose.
    if (lower === 'content-type' && spec.body.type === 'multipart') continue;
    const shown = lower === 'authorization' && !options.includeToken ? redactAuthorization(value) : value;
    lines.push(`-H ${shellQuote(`${name}: ${shown}`)}`);
  }
  if (compressed) lines.push('--compressed');
  const body = spec.body;
  switch (body.type) {
    case 'json':
    case 'text':
    case 'xml':
      lines.push(`--data-raw ${shellQuote(body.text)}`);
      break;
    case 'form':
      for (const field of body.fields.filter((row) => row.enabled && row.name))
        lines.push(`--data-urlencode ${shellQuote(`${field.name}=${field.value}`)}`);
      break;
    case 'multipart':
      for (const part of body.parts.filter((row) => row.enabled && row.name)) {
        lines.push(
          part.kind === 'file'
            ? `-F ${shellQuote(`${part.name}=@${part.file?.fileName ?? 'file'}`)}`
            : `--form-string ${shellQuote(`${part.name}=${part.value}`)}`,
        );
      }
      break;
    case 'file':
      lines.push(`--data-binary ${shellQuote(`@${body.file?.fileName ?? 'body.bin'}`)}`);
      break;
    case 'none':
      break;
  }
  if (!spec.settings.verifyTls) lines.push('-k');
  // `sent` is the first hop, so curl follows the same redirects (and, like Signet, drops Authorization across origins).
  if (spec.settings.followRedirects) lines.push('-L');
  return lines.join(' \\\n  ');
}

function redactAuthorization(value: string): string {
  const space = value.indexOf(' ');
  return space > 0 ? `${value.slice(0, space)} $TOKEN` : '$TOKEN';
}
