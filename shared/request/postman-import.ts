/**
 * Reads a Postman collection (schema v2.1): folders, requests (URL, headers, raw/urlencoded/
 * form-data/file bodies), collection variables, bearer and basic auth (inherited from folders),
 * and Postman's "JWT Bearer" auth mapped to a named-credential draft the user confirms.
 */
import type { KeyValue, MultipartPart, RequestAuth, RequestBody, RequestSpec } from '../contract/http';
import { DEFAULT_TIMEOUT_MS } from '../contract/http';
import { toApiName } from '../names';
import { base64Utf8 } from './base64';

export interface PostmanImport {
  name: string;
  /** Folder paths, parents before children ("Accounts/Contacts"). */
  folders: string[];
  requests: { folder: string | null; name: string; request: RequestSpec }[];
  /** Collection variables; `secret` for Postman's secret type, `disabled` as Postman had it. */
  variables: { name: string; value: string; secret?: true; disabled?: true }[];
  /** Named credentials to create for Postman's JWT Bearer auth (the requests refer to them by name). */
  credentialDrafts: {
    name: string;
    label: string;
    url: string;
    protocol: 'jwt';
    jwt: Record<string, unknown>;
    namedPrincipalSubject: string;
    hmacSecret?: string;
    notes: string[];
    /** Identifies the Postman configuration: identical ones share one draft. */
    configuration: string;
  }[];
  notes: string[];
}

type Json = Record<string, unknown>;
type PostmanAuth = { type?: string } & Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

function authParams(auth: PostmanAuth, type: string): Record<string, string> {
  const list = auth[type];
  const params: Record<string, string> = {};
  if (Array.isArray(list))
    for (const item of list)
      if (isObject(item)) params[str(item.key)] = str(item.value);
      else if (isObject(list)) for (const [key, value] of Object.entries(list)) params[key] = str(value);
  return params;
}

export function importPostman(text: string): PostmanImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`This is not a JSON file (${(error as Error).message}). Export the collection from Postman as "Collection v2.1".`);
  }
  if (!isObject(data) || !isObject(data.info) || !Array.isArray(data.item)) {
    throw new Error('This is not a Postman collection: it needs "info" and "item". Export it from Postman as "Collection v2.1".');
  }
  const schema = str(data.info.schema);
  const notes: string[] = [];
  if (schema && !schema.includes('v2.1') && !schema.includes('v2.0'))
    notes.push(`Schema ${schema} is not v2.1; Signet read what it recognises.`);
  const result: PostmanImport = {
    name: str(data.info.name) || 'Imported collection',
    folders: [],
    requests: [],
    variables: Array.isArray(data.variable)
      ? data.variable
          .filter(isObject)
          .map((variable) => ({
            name: str(variable.key),
            value: str(variable.value),
            ...(variable.type === 'secret' ? { secret: true as const } : {}),
            ...(variable.disabled === true ? { disabled: true as const } : {}),
          }))
          .filter((variable) => variable.name)
      : [],
    credentialDrafts: [],
    notes,
  };
  const walk = (items: unknown[], folder: string | null, inherited: PostmanAuth | undefined) => {
    for (const item of items) {
      if (!isObject(item)) continue;
      const name = str(item.name) || 'Untitled';
      const auth = isObject(item.auth) ? (item.auth as PostmanAuth) : inherited;
      if (Array.isArray(item.item)) {
        const path = folder ? `${folder}/${name}` : name;
        result.folders.push(path);
        walk(item.item, path, auth);
      } else if (isObject(item.request) || typeof item.request === 'string') {
        result.requests.push({ folder, name, request: readRequest(item.request, auth, name, result) });
      }
    }
  };
  walk(data.item, null, isObject(data.auth) ? (data.auth as PostmanAuth) : undefined);
  return result;
}

function readUrl(url: unknown): string {
  if (typeof url === 'string') return url;
  if (!isObject(url)) return '';
  if (url.raw) return str(url.raw);
  const protocol = url.protocol ? `${str(url.protocol)}://` : '';
  const host = Array.isArray(url.host) ? url.host.map(str).join('.') : str(url.host);
  const path = Array.isArray(url.path) ? url.path.map(str).join('/') : str(url.path);
  const query = Array.isArray(url.query)
    ? url.query
        .filter(isObject)
        .filter((q) => !q.disabled)
        .map((q) => `${str(q.key)}=${str(q.value)}`)
        .join('&')
    : '';
  return `${protocol}${host}${url.port ? `:${str(url.port)}` : ''}${path ? `/${path}` : ''}${query ? `?${query}` : ''}`;
}

function rows(list: unknown): KeyValue[] {
  return Array.isArray(list)
    ? list.filter(isObject).map((row) => ({ name: str(row.key), value: str(row.value), enabled: !row.disabled }))
    : [];
}

function readBody(body: unknown, request: { name: string }, notes: string[]): RequestBody {
  if (!isObject(body)) return { type: 'none' };
  switch (body.mode) {
    case 'raw': {
      const language = isObject(body.options) && isObject(body.options.raw) ? str(body.options.raw.language) : '';
      const text = str(body.raw);
      if (language === 'json' || (!language && /^\s*[[{]/.test(text))) return { type: 'json', text };
      if (language === 'xml') return { type: 'xml', text };
      return { type: 'text', text };
    }
    case 'urlencoded':
      return { type: 'form', fields: rows(body.urlencoded) };
    case 'formdata': {
      const parts: MultipartPart[] = (Array.isArray(body.formdata) ? body.formdata.filter(isObject) : []).map((row) => {
        if (row.type === 'file') notes.push(`"${request.name}": choose the file for the multipart field "${str(row.key)}" again.`);
        return {
          name: str(row.key),
          kind: row.type === 'file' ? 'file' : 'text',
          value: row.type === 'file' ? '' : str(row.value),
          enabled: !row.disabled,
        };
      });
      return { type: 'multipart', parts };
    }
    case 'file':
      notes.push(`"${request.name}": choose the body file again.`);
      return { type: 'file' };
    case 'graphql':
      return { type: 'json', text: JSON.stringify(isObject(body.graphql) ? body.graphql : {}) };
    default:
      return { type: 'none' };
  }
}

function readRequest(raw: unknown, auth: PostmanAuth | undefined, name: string, result: PostmanImport): RequestSpec {
  const request = isObject(raw) ? raw : { url: raw };
  const url = readUrl(request.url);
  const headers = rows(request.header);
  // Postman's default is "Inherit auth from parent": with no auth anywhere, a `callout:` URL takes
  // its named credential's. An explicit "No Auth" or basic (sent as a header) is "No auth".
  let specAuth: RequestAuth = auth ? { type: 'none' } : { type: 'inherit' };
  switch (auth?.type) {
    case 'bearer':
      specAuth = { type: 'bearer', token: authParams(auth, 'bearer').token ?? '' };
      break;
    case 'basic': {
      const basic = authParams(auth, 'basic');
      const credentials = `${basic.username ?? ''}:${basic.password ?? ''}`;
      headers.push({
        name: 'Authorization',
        value: /\{\{/.test(credentials) ? `Basic {{basicAuth}}` : `Basic ${base64Utf8(credentials)}`,
        enabled: true,
      });
      if (/\{\{/.test(credentials))
        result.notes.push(`"${name}": basic auth uses variables; set {{basicAuth}} to base64(user:password) in the environment.`);
      break;
    }
    case 'jwt':
      specAuth = { type: 'credential', name: jwtDraft(auth, url, name, result) };
      break;
    case 'noauth':
    case undefined:
      break;
    default:
      result.notes.push(`"${name}": Postman auth "${auth?.type}" is not imported; set Auth by hand.`);
  }
  return {
    method: str(request.method).toUpperCase() || 'GET',
    url,
    headers,
    body: readBody(request.body, { name }, result.notes),
    auth: specAuth,
    settings: { timeoutMs: DEFAULT_TIMEOUT_MS, followRedirects: true, maxRedirects: 10, verifyTls: true, proxy: { mode: 'system' } },
  };
}

/** Postman's JWT Bearer auth → a `jwt` named credential draft (one per distinct configuration). */
function jwtDraft(auth: PostmanAuth, url: string, requestName: string, result: PostmanImport): string {
  const params = authParams(auth, 'jwt');
  let payload: Json = {};
  try {
    payload = params.payload ? (JSON.parse(params.payload) as Json) : {};
  } catch {
    result.notes.push(`"${requestName}": the JWT payload is not JSON; its claims were not imported.`);
  }
  const { iss, sub, aud, exp: _exp, iat: _iat, nbf: _nbf, jti: _jti, ...custom } = payload;
  const algorithm = params.algorithm || 'HS256';
  const key = JSON.stringify([algorithm, iss, sub, aud, params.secret ?? '', Object.keys(custom).sort()]);
  const existing = result.credentialDrafts.find((draft) => draft.configuration === key);
  if (existing) return existing.name;
  let base = toApiName(`${result.name} JWT`) || 'Postman_JWT';
  let candidate = base;
  for (let n = 2; result.credentialDrafts.some((draft) => draft.name === candidate); n++) candidate = `${base}_${n}`;
  base = candidate;
  let origin = url;
  try {
    origin = new URL(url.replace(/\{\{[^}]*\}\}/g, 'x')).origin;
  } catch {
    // keep the raw URL: the user fixes it in the draft
  }
  const notes: string[] = [];
  if (params.privateKey)
    notes.push('Postman held a private key: import it (with its certificate) in Certificates and choose it as the signing certificate.');
  if (params.addTokenTo === 'queryParam') notes.push('Postman sent the token as a query parameter; Signet sends it as a Bearer header.');
  result.credentialDrafts.push({
    name: base,
    label: `${result.name} JWT`,
    url: origin,
    protocol: 'jwt',
    namedPrincipalSubject: str(sub),
    jwt: {
      algorithm,
      issuer: str(iss),
      audiences: Array.isArray(aud) ? aud.map(str) : aud ? [str(aud)] : [],
      customClaims: Object.keys(custom).length ? JSON.stringify(custom, null, 2) : '',
    },
    ...(params.secret && algorithm.startsWith('HS') ? { hmacSecret: params.secret } : {}),
    notes,
    configuration: key,
  });
  return base;
}
