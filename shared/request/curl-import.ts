/**
 * Reads a pasted cURL command into a request: method, URL, headers, data (form, JSON or raw), -F
 * multipart, -u basic auth, -k, -L, -m, -x; client certificate options are noted (they belong on a
 * named credential), unknown options are listed rather than silently dropped.
 */
import type { KeyValue, MultipartPart, RequestBody, RequestSpec } from '../contract/http';
import { DEFAULT_TIMEOUT_MS } from '../contract/http';
import { shellWords } from './shell-words';
import { base64Utf8 } from './base64';

export interface CurlImport {
  request: RequestSpec;
  /** Things the user should know: options noted but not applied, files that must be chosen again. */
  notes: string[];
}

const VALUE_OPTIONS = new Set([
  '-X',
  '--request',
  '-H',
  '--header',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--data-urlencode',
  '-F',
  '--form',
  '--form-string',
  '-u',
  '--user',
  '-A',
  '--user-agent',
  '-b',
  '--cookie',
  '-e',
  '--referer',
  '--url',
  '-m',
  '--max-time',
  '-x',
  '--proxy',
  '-E',
  '--cert',
  '--key',
  '--cacert',
  '--capath',
  '--cert-type',
  '--key-type',
  '--pass',
  '-o',
  '--output',
  '--connect-timeout',
  '--max-redirs',
  '--oauth2-bearer',
  '-w',
  '--write-out',
  '--retry',
  '-c',
  '--cookie-jar',
  '--resolve',
  '-T',
  '--upload-file',
]);
const IGNORED_FLAGS = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '--compressed',
  '-f',
  '--fail',
  '-#',
  '--progress-bar',
  '-N',
  '--no-buffer',
  '--http1.1',
  '--http2',
]);

export function importCurl(command: string): CurlImport {
  const words = shellWords(command.trim());
  if (words[0] === 'curl' || words[0]?.endsWith('/curl') || words[0] === 'curl.exe') words.shift();
  const notes: string[] = [];
  const headers: KeyValue[] = [];
  const data: { kind: 'raw' | 'urlencode'; value: string }[] = [];
  const parts: MultipartPart[] = [];
  let method: string | undefined;
  let url = '';
  let verifyTls = true;
  let followRedirects = false;
  let maxRedirects = 10;
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let proxy: RequestSpec['settings']['proxy'] = { mode: 'system' };
  let getMode = false;
  let head = false;
  let bearer: string | undefined;

  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    let value: string | undefined;
    // --option=value and -Xvalue forms
    if (word.startsWith('--') && word.includes('=')) {
      value = word.slice(word.indexOf('=') + 1);
      word = word.slice(0, word.indexOf('='));
    } else if (/^-[A-Za-z]./.test(word) && VALUE_OPTIONS.has(word.slice(0, 2))) {
      value = word.slice(2);
      word = word.slice(0, 2);
    } else if (/^-[A-Za-z]{2,}$/.test(word)) {
      // Combined short flags: -sSLk
      const flags = word
        .slice(1)
        .split('')
        .map((flag) => `-${flag}`);
      words.splice(i, 1, ...flags);
      i--;
      continue;
    }
    const takeValue = () => {
      if (value !== undefined) return value;
      const next = words[++i];
      if (next === undefined) throw new Error(`${word} needs a value.`);
      return next;
    };
    if (!word.startsWith('-') || word === '-') {
      if (!url) url = word;
      else notes.push(`Extra argument ignored: ${word}`);
      continue;
    }
    switch (word) {
      case '-X':
      case '--request':
        method = takeValue().toUpperCase();
        break;
      case '-H':
      case '--header': {
        const header = takeValue();
        const colon = header.indexOf(':');
        if (colon <= 0) {
          notes.push(`Header without a value ignored: ${header}`);
          break;
        }
        const name = header.slice(0, colon).trim();
        const headerValue = header.slice(colon + 1).trim();
        const bearerMatch = /^Bearer\s+(.+)$/i.exec(headerValue);
        if (name.toLowerCase() === 'authorization' && bearerMatch) bearer = bearerMatch[1]!;
        else headers.push({ name, value: headerValue, enabled: true });
        break;
      }
      case '-d':
      case '--data':
      case '--data-ascii':
      case '--data-binary':
      case '--data-raw': {
        const text = takeValue();
        if (text.startsWith('@') && word !== '--data-raw')
          notes.push(`The body was read from the file ${text.slice(1)}: paste its content into the body.`);
        else data.push({ kind: 'raw', value: word === '--data-raw' || word === '--data-binary' ? text : text.replace(/[\r\n]/g, '') });
        break;
      }
      case '--data-urlencode':
        data.push({ kind: 'urlencode', value: takeValue() });
        break;
      case '-F':
      case '--form':
      case '--form-string': {
        const field = takeValue();
        const eq = field.indexOf('=');
        const name = eq >= 0 ? field.slice(0, eq) : field;
        const fieldValue = eq >= 0 ? field.slice(eq + 1) : '';
        if (word !== '--form-string' && fieldValue.startsWith('@')) {
          parts.push({ name, kind: 'file', value: '', enabled: true });
          notes.push(`Choose the file for the multipart field "${name}" again (${fieldValue.slice(1).split(';')[0]}).`);
        } else parts.push({ name, kind: 'text', value: fieldValue, enabled: true });
        break;
      }
      case '-u':
      case '--user':
        headers.push({ name: 'Authorization', value: `Basic ${base64Utf8(takeValue())}`, enabled: true });
        break;
      case '--oauth2-bearer':
        bearer = takeValue();
        break;
      case '-A':
      case '--user-agent':
        headers.push({ name: 'User-Agent', value: takeValue(), enabled: true });
        break;
      case '-b':
      case '--cookie':
        headers.push({ name: 'Cookie', value: takeValue(), enabled: true });
        break;
      case '-e':
      case '--referer':
        headers.push({ name: 'Referer', value: takeValue(), enabled: true });
        break;
      case '--url':
        url = takeValue();
        break;
      case '-m':
      case '--max-time': {
        const seconds = Number(takeValue());
        if (seconds > 0) timeoutMs = Math.round(seconds * 1000);
        break;
      }
      case '--max-redirs':
        maxRedirects = Math.max(0, Math.min(50, Number(takeValue()) || 0));
        break;
      case '-x':
      case '--proxy':
        proxy = { mode: 'custom', url: takeValue() };
        break;
      case '-k':
      case '--insecure':
        verifyTls = false;
        break;
      case '-L':
      case '--location':
        followRedirects = true;
        break;
      case '-G':
      case '--get':
        getMode = true;
        break;
      case '-I':
      case '--head':
        head = true;
        break;
      case '-E':
      case '--cert':
        notes.push(`Client certificate ${takeValue()}: import it in Certificates and set it on a named credential (mutual TLS).`);
        break;
      case '--key':
        notes.push(`Private key ${takeValue()}: import it with its certificate in Certificates.`);
        break;
      case '--cacert':
        notes.push(`Trusted CA ${takeValue()}: import it in Certificates and choose it under Settings → Extra trusted CA.`);
        break;
      default:
        if (IGNORED_FLAGS.has(word)) break;
        if (VALUE_OPTIONS.has(word)) {
          notes.push(`Option ignored: ${word} ${takeValue()}`);
          break;
        }
        notes.push(`Option ignored: ${word}`);
    }
  }
  if (!url) throw new Error('The command has no URL.');

  const contentType = headers.find((header) => header.name.toLowerCase() === 'content-type')?.value.toLowerCase() ?? '';
  let body: RequestBody = { type: 'none' };
  if (getMode && data.length) {
    const query = data.map((item) => (item.kind === 'urlencode' ? encodeField(item.value) : item.value)).join('&');
    url += (url.includes('?') ? '&' : '?') + query;
  } else if (parts.length) {
    body = { type: 'multipart', parts };
  } else if (data.length) {
    const joined = data.map((item) => (item.kind === 'urlencode' ? encodeField(item.value) : item.value)).join('&');
    if (contentType.includes('json')) body = { type: 'json', text: joined };
    else if (contentType.includes('xml')) body = { type: 'xml', text: joined };
    else if (!contentType || contentType.includes('x-www-form-urlencoded')) {
      body = { type: 'form', fields: parseForm(joined) };
      if (!contentType) headers.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true });
    } else body = { type: 'text', text: joined };
  }
  const defaultMethod = head ? 'HEAD' : body.type !== 'none' ? 'POST' : 'GET';
  return {
    request: {
      method: method ?? defaultMethod,
      url,
      headers,
      body,
      auth: importedAuth(bearer, headers),
      settings: { timeoutMs, followRedirects, maxRedirects, verifyTls, proxy },
    },
    notes,
  };
}

/**
 * A Bearer header becomes bearer auth; another Authorization header (-u, -H) is sent as written, so
 * "No auth". Otherwise the auth comes from the named credential, as on a new request: a pasted
 * `callout:` URL then sends the credential's Authorization.
 */
function importedAuth(bearer: string | undefined, headers: KeyValue[]): RequestSpec['auth'] {
  if (bearer !== undefined) return { type: 'bearer', token: bearer };
  return headers.some((header) => header.name.toLowerCase() === 'authorization') ? { type: 'none' } : { type: 'inherit' };
}

/** curl --data-urlencode: `name=value` encodes the value; `=value` and `value` encode all. */
function encodeField(text: string): string {
  const eq = text.indexOf('=');
  if (eq > 0) return `${text.slice(0, eq)}=${encodeURIComponent(text.slice(eq + 1))}`;
  return encodeURIComponent(eq === 0 ? text.slice(1) : text);
}

function parseForm(text: string): KeyValue[] {
  return text
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const decode = (part: string) => {
        try {
          return decodeURIComponent(part.replace(/\+/g, ' '));
        } catch {
          return part;
        }
      };
      return eq >= 0
        ? { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)), enabled: true }
        : { name: decode(pair), value: '', enabled: true };
    });
}
