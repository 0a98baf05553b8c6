// cURL and Postman v2.1 import; cURL and Apex export — exact output, and a cURL round trip through real curl.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RequestSpec } from '../../../shared/contract/http';
import { exportApex } from '../../../shared/request/apex-export';
import { exportCurl } from '../../../shared/request/curl-export';
import { importCurl } from '../../../shared/request/curl-import';
import { importPostman } from '../../../shared/request/postman-import';
import { shellWords } from '../../../shared/request/shell-words';
import { paramsFromUrl, syncParams, urlWithParams } from '../../../shared/request/url-params';

describe('cURL import', () => {
  it('reads method, URL, headers, JSON data, -u, -k, -L and -m; notes --cert/--key', () => {
    const { request, notes } = importCurl(
      `curl -X PUT 'https://api.example.com/v1/items/7?x=1' \\\n  -H 'Content-Type: application/json' -H "X-Trace: a \\"b\\"" \\\n  --data-raw '{"name":"it'\\''s"}' -u alice:s3cret -k -L -m 30 --cert client.pem --key client.key -sS`,
    );
    expect(request).toEqual(
      RequestSpec.parse({
        method: 'PUT',
        url: 'https://api.example.com/v1/items/7?x=1',
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'X-Trace', value: 'a "b"' },
          { name: 'Authorization', value: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` },
        ],
        body: { type: 'json', text: `{"name":"it's"}` },
        auth: { type: 'none' },
        settings: { timeoutMs: 30_000, followRedirects: true, verifyTls: false },
      }),
    );
    expect(notes).toEqual([
      'Client certificate client.pem: import it in Certificates and set it on a named credential (mutual TLS).',
      'Private key client.key: import it with its certificate in Certificates.',
    ]);
  });

  it('leaves auth to the named credential unless the command carries its own Authorization', () => {
    const callout = importCurl(`curl 'callout:Orders_API/v1/orders?status=open' -H 'Accept: application/json'`);
    expect(callout.request).toMatchObject({ url: 'callout:Orders_API/v1/orders?status=open', auth: { type: 'inherit' } });
    expect(importCurl(`curl https://x.test/a`).request.auth).toEqual({ type: 'inherit' });
    expect(importCurl(`curl callout:Orders_API/a -u alice:pw`).request.auth).toEqual({ type: 'none' });
    expect(importCurl(`curl callout:Orders_API/a -H 'Authorization: Bearer t'`).request.auth).toEqual({ type: 'bearer', token: 't' });
  });

  it('turns -d into a POST form, a Bearer header into bearer auth, and -F into multipart', () => {
    const form = importCurl(`curl https://x.test/token -d grant_type=client_credentials -d 'scope=a b' -H 'Authorization: Bearer abc.def'`);
    expect(form.request).toMatchObject({
      method: 'POST',
      body: {
        type: 'form',
        fields: [
          { name: 'grant_type', value: 'client_credentials' },
          { name: 'scope', value: 'a b' },
        ],
      },
      auth: { type: 'bearer', token: 'abc.def' },
      headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
    });
    const multipart = importCurl(`curl -F name=report -F file=@/tmp/r.pdf https://x.test/upload`);
    expect(multipart.request.body).toEqual({
      type: 'multipart',
      parts: [
        { name: 'name', kind: 'text', value: 'report', enabled: true },
        { name: 'file', kind: 'file', value: '', enabled: true },
      ],
    });
    expect(multipart.notes[0]).toMatch(/Choose the file for the multipart field "file" again \(\/tmp\/r.pdf\)/);
    expect(() => importCurl(`curl -H 'x: y'`)).toThrow('The command has no URL.');
    expect(() => importCurl(`curl 'https://x`)).toThrow(/not closed/);
  });
});

describe('cURL and Apex export', () => {
  const spec = RequestSpec.parse({
    method: 'POST',
    url: 'callout:Orders_API/v1/orders?status=open',
    headers: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Off', value: 'no', enabled: false },
    ],
    body: { type: 'json', text: `{"note":"it's\nnew"}` },
  });

  it('writes Apex that keeps callout: and no token', () => {
    expect(exportApex(spec)).toBe(
      [
        'HttpRequest req = new HttpRequest();',
        "req.setEndpoint('callout:Orders_API/v1/orders?status=open');",
        "req.setMethod('POST');",
        "req.setHeader('Content-Type', 'application/json');",
        `req.setBody('{"note":"it\\'s\\nnew"}');`,
        'req.setTimeout(120000);',
        'Http http = new Http();',
        'HttpResponse res = http.send(req);',
        "System.debug(res.getStatusCode() + ' ' + res.getBody());",
      ].join('\n'),
    );
  });

  it('writes cURL from what was sent: token placeholder by default, the token as sent on request; real curl parses it back', () => {
    const sent = {
      method: 'POST',
      url: 'https://api.example.com/v1/orders?status=open',
      headers: [
        ['Content-Type', 'application/json'],
        ['Authorization', 'Bearer eyJ.abc.def'],
        ['Accept-Encoding', 'gzip, deflate, br'],
      ] as [string, string][],
      bodySize: 20,
    };
    const safe = exportCurl(spec, { sent });
    expect(safe).toBe(
      [
        "curl -X POST 'https://api.example.com/v1/orders?status=open'",
        "  -H 'Content-Type: application/json'",
        "  -H 'Authorization: Bearer $TOKEN'",
        '  --compressed',
        `  --data-raw '{"note":"it'\\''s\nnew"}'`,
        '  -L',
      ].join(' \\\n'),
    );
    const withToken = exportCurl(spec, { sent, includeToken: true });
    expect(withToken).toContain("-H 'Authorization: Bearer eyJ.abc.def'");
    // What a shell would pass to curl, read back by Signet's importer: the same request.
    const words = shellWords(withToken);
    expect(words.slice(0, 4)).toEqual(['curl', '-X', 'POST', 'https://api.example.com/v1/orders?status=open']);
    const back = importCurl(withToken).request;
    expect(back).toMatchObject({
      method: 'POST',
      url: sent.url,
      body: { type: 'json', text: `{"note":"it's\nnew"}` },
      auth: { type: 'bearer', token: 'eyJ.abc.def' },
    });
  });

  it('is accepted by the real curl (it parses the options and sends the body as written)', async () => {
    // curl is part of the machine (Debian's curl package); without it this test fails rather than passing unchecked.
    let version = '';
    try {
      version = execFileSync('curl', ['--version'], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`This test needs the curl command (apt-get install curl): ${(error as Error).message}`);
    }
    expect(version).toMatch(/^curl \d/);
    const { startServer } = await import('../../harness/servers');
    const server = await startServer((_req, res) => res.end('ok'));
    const command = exportCurl(
      RequestSpec.parse({
        method: 'PATCH',
        url: `${server.url}/a?b=c d`.replace(' ', '%20'),
        headers: [{ name: 'X-Q', value: `it's "quoted"` }],
        body: { type: 'text', text: "line1\nit's" },
      }),
    );
    // Async: the server runs in this process and must answer while curl waits.
    await promisify(execFile)('sh', ['-c', `${command} -s -o /dev/null`], { timeout: 10_000 });
    expect(server.requests[0]).toMatchObject({
      method: 'PATCH',
      url: '/a?b=c%20d',
      body: "line1\nit's",
      headers: { 'x-q': `it's "quoted"` },
    });
  });
});

describe('Postman v2.1 import', () => {
  const collection = {
    info: { name: 'Orders', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    variable: [{ key: 'base', value: 'https://api.example.com' }],
    item: [
      {
        name: 'Orders',
        item: [
          {
            name: 'List',
            request: { method: 'GET', url: { raw: '{{base}}/orders?status=open' }, header: [{ key: 'Accept', value: 'application/json' }] },
          },
          {
            name: 'Create',
            request: {
              method: 'POST',
              url: '{{base}}/orders',
              body: { mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } },
            },
          },
        ],
      },
      {
        name: 'Signed',
        auth: {
          type: 'jwt',
          jwt: [
            { key: 'algorithm', value: 'HS256' },
            { key: 'secret', value: 'shh' },
            { key: 'payload', value: '{"iss":"client","sub":"alice","aud":"https://api.example.com","tenant":"t1"}' },
            { key: 'addTokenTo', value: 'header' },
          ],
        },
        request: {
          method: 'POST',
          url: 'https://api.example.com/signed',
          body: {
            mode: 'urlencoded',
            urlencoded: [
              { key: 'a', value: '1' },
              { key: 'b', value: '2', disabled: true },
            ],
          },
        },
      },
      {
        name: 'Basic',
        auth: {
          type: 'basic',
          basic: [
            { key: 'username', value: 'u' },
            { key: 'password', value: 'p' },
          ],
        },
        request: { method: 'GET', url: 'https://x.test/' },
      },
    ],
  };

  it('reads folders, requests, variables, inherited bearer auth, basic auth and maps JWT Bearer to a named-credential draft', () => {
    const result = importPostman(JSON.stringify(collection));
    expect(result.folders).toEqual(['Orders']);
    expect(result.variables).toEqual([{ name: 'base', value: 'https://api.example.com' }]);
    expect(
      result.requests.map((r) => [r.folder, r.name, r.request.method, r.request.url, r.request.auth.type, r.request.body.type]),
    ).toEqual([
      ['Orders', 'List', 'GET', '{{base}}/orders?status=open', 'bearer', 'none'],
      ['Orders', 'Create', 'POST', '{{base}}/orders', 'bearer', 'json'],
      [null, 'Signed', 'POST', 'https://api.example.com/signed', 'credential', 'form'],
      [null, 'Basic', 'GET', 'https://x.test/', 'none', 'none'],
    ]);
    expect(result.requests[0]!.request.auth).toEqual({ type: 'bearer', token: '{{token}}' });
    expect(result.requests[2]!.request.body).toEqual({
      type: 'form',
      fields: [
        { name: 'a', value: '1', enabled: true },
        { name: 'b', value: '2', enabled: false },
      ],
    });
    expect(result.requests[3]!.request.headers).toEqual([{ name: 'Authorization', value: 'Basic dTpw', enabled: true }]);
    expect(result.credentialDrafts).toEqual([
      expect.objectContaining({
        name: 'Orders_JWT',
        url: 'https://api.example.com',
        protocol: 'jwt',
        namedPrincipalSubject: 'alice',
        hmacSecret: 'shh',
        jwt: { algorithm: 'HS256', issuer: 'client', audiences: ['https://api.example.com'], customClaims: '{\n  "tenant": "t1"\n}' },
      }),
    ]);
    expect(result.requests[2]!.request.auth).toEqual({ type: 'credential', name: 'Orders_JWT' });
  });

  it('leaves auth to the named credential when no level sets it; "No Auth" stays no auth', () => {
    const result = importPostman(
      JSON.stringify({
        info: { name: 'Callouts', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [
          { name: 'Inherits', request: { method: 'GET', url: 'callout:Orders_API/v1/orders' } },
          { name: 'Off', auth: { type: 'noauth' }, request: { method: 'GET', url: 'callout:Orders_API/v1/ping' } },
        ],
      }),
    );
    expect(result.requests.map((r) => [r.name, r.request.auth])).toEqual([
      ['Inherits', { type: 'inherit' }],
      ['Off', { type: 'none' }],
    ]);
  });

  it("keeps Postman's secret and disabled collection variables as such", () => {
    const result = importPostman(
      JSON.stringify({
        info: { name: 'Vars', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        variable: [
          { key: 'plain', value: '1' },
          { key: 'apiKey', value: 'k', type: 'secret' },
          { key: 'old', value: 'x', disabled: true },
        ],
        item: [],
      }),
    );
    expect(result.variables).toEqual([
      { name: 'plain', value: '1' },
      { name: 'apiKey', value: 'k', secret: true },
      { name: 'old', value: 'x', disabled: true },
    ]);
  });

  it('refuses what is not a Postman collection, saying how to export one', () => {
    expect(() => importPostman('{"openapi":"3.0.0"}')).toThrow(/not a Postman collection/);
    expect(() => importPostman('not json')).toThrow(/not a JSON file/);
  });
});

describe('Params ↔ URL', () => {
  it('reads the query into rows and writes rows back, keeping {{variables}} and disabled rows', () => {
    expect(paramsFromUrl('https://x/a?q=a%20b&flag&v={{id}}#top')).toEqual([
      { name: 'q', value: 'a b', enabled: true },
      { name: 'flag', value: '', enabled: true },
      { name: 'v', value: '{{id}}', enabled: true },
    ]);
    const rows = [
      { name: 'q', value: 'a b&c', enabled: true },
      { name: 'off', value: '1', enabled: false },
      { name: 'v', value: '{{id}}', enabled: true },
    ];
    expect(urlWithParams('https://x/a?old=1#top', rows)).toBe('https://x/a?q=a+b%26c&v={{id}}#top');
    expect(syncParams('https://x/a?z=9', rows)).toEqual([{ name: 'z', value: '9', enabled: true }, rows[1]]);
  });
});
