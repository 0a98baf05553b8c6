/**
 * An Apex `HttpRequest` snippet for a request — what a Salesforce developer pastes into a class. A
 * `callout:Name/path` URL stays as it is: the org's named credential adds the auth, so no token is
 * ever written into code.
 */
import type { RequestSpec } from '../contract/http';
import { parseCalloutUrl } from './callout-url';

/** Apex string literal: backslash, quote and line breaks escaped. */
export function apexString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;
}

/** Apex allows at most 120 s per callout. */
const APEX_MAX_TIMEOUT_MS = 120_000;

export function exportApex(spec: RequestSpec): string {
  const callout = parseCalloutUrl(spec.url);
  const lines: string[] = [];
  if (!callout) {
    lines.push(`// Consider a Named Credential: req.setEndpoint('callout:My_Credential/path') keeps secrets out of code.`);
  }
  lines.push('HttpRequest req = new HttpRequest();');
  lines.push(`req.setEndpoint(${apexString(spec.url.trim())});`);
  lines.push(`req.setMethod(${apexString(spec.method.toUpperCase())});`);
  const headers = spec.headers.filter((row) => row.enabled && row.name);
  const has = (name: string) => headers.some((row) => row.name.toLowerCase() === name);
  for (const header of headers) {
    if (header.name.toLowerCase() === 'authorization' && callout) continue; // the named credential sends it
    lines.push(`req.setHeader(${apexString(header.name)}, ${apexString(header.value)});`);
  }
  if (spec.auth.type === 'bearer' && !callout)
    lines.push(`req.setHeader('Authorization', 'Bearer ' + token); // keep the token out of code`);
  const body = spec.body;
  const contentType = (type: string) => {
    if (!has('content-type')) lines.push(`req.setHeader('Content-Type', ${apexString(type)});`);
  };
  switch (body.type) {
    case 'json':
      contentType('application/json');
      lines.push(`req.setBody(${apexString(body.text)});`);
      break;
    case 'text':
      contentType('text/plain; charset=utf-8');
      lines.push(`req.setBody(${apexString(body.text)});`);
      break;
    case 'xml':
      contentType('application/xml');
      lines.push(`req.setBody(${apexString(body.text)});`);
      break;
    case 'form': {
      contentType('application/x-www-form-urlencoded');
      const fields = body.fields.filter((row) => row.enabled && row.name);
      const pairs = fields.map(
        (row) => `${apexString(`${encodeURIComponent(row.name)}=`)} + EncodingUtil.urlEncode(${apexString(row.value)}, 'UTF-8')`,
      );
      lines.push(`req.setBody(${pairs.length ? pairs.join(" + '&' + ") : "''"});`);
      break;
    }
    case 'multipart':
      lines.push('// Multipart bodies must be built by hand in Apex (a Blob with boundaries); see the Salesforce docs.');
      break;
    case 'file':
      lines.push('// Binary body: load it with e.g. [SELECT VersionData FROM ContentVersion ...] and req.setBodyAsBlob(data);');
      break;
    case 'none':
      break;
  }
  lines.push(`req.setTimeout(${Math.min(spec.settings.timeoutMs, APEX_MAX_TIMEOUT_MS)});`);
  lines.push('Http http = new Http();');
  lines.push('HttpResponse res = http.send(req);');
  lines.push("System.debug(res.getStatusCode() + ' ' + res.getBody());");
  return lines.join('\n');
}
