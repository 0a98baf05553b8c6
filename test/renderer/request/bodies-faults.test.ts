// Request bodies built in the Request tab and what the server received; each fault's message in the
// UI. Chromium through the Chromium host, against real servers on 127.0.0.1:0.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unwrapResult } from '../../harness/rpc';
import { closedPort, localhostCertificate, startServer, type TestServer } from '../../harness/servers';
import { useSignetWindows } from '../../harness/signet';
import { choose, eventually, openRequestTab } from './helpers';

const windows = useSignetWindows();

const url = (page: Page) => page.getByRole('combobox', { name: 'URL' });
const alertText = (page: Page) => page.getByRole('alert').first().textContent();

async function postTo(page: Page, target: string, bodyType: string) {
  await page.getByRole('combobox', { name: 'Method' }).fill('POST');
  await url(page).fill(target);
  await page.getByRole('tab', { name: /^Body/ }).click();
  await choose(page, bodyType);
}

async function sendAndWait(page: Page, server: TestServer, count: number) {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => server.requests.length, eventually).toBe(count);
  await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
}

/** Picks a file through the page's file chooser (what a user's Open dialog does). */
async function pickFile(page: Page, button: ReturnType<Page['getByRole']>, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(file);
}

describe('Request bodies', () => {
  it('sends JSON (formatted with Format JSON), text and XML with their Content-Type and exact bytes', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page } = await openRequestTab(windows);
    await postTo(page, `${server.url}/json`, 'JSON');
    const editor = page.getByRole('textbox', { name: 'Request body' });
    await editor.fill('{"b":2,"a":[1,"é"]}');
    await page.getByRole('button', { name: 'Format JSON' }).click();
    const formatted = '{\n  "b": 2,\n  "a": [\n    1,\n    "é"\n  ]\n}';
    await sendAndWait(page, server, 1);
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests[0]!.bytes.equals(Buffer.from(formatted))).toBe(true);

    await choose(page, 'Text');
    await editor.fill('plain text, ünïcode');
    await sendAndWait(page, server, 2);
    expect(server.requests[1]!.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(server.requests[1]!.bytes.equals(Buffer.from('plain text, ünïcode'))).toBe(true);

    await choose(page, 'XML');
    await editor.fill('<order id="7"><item>pen</item></order>');
    await sendAndWait(page, server, 3);
    expect(server.requests[2]!.headers['content-type']).toBe('application/xml');
    expect(server.requests[2]!.body).toBe('<order id="7"><item>pen</item></order>');
  });

  it('warns about an invalid JSON body and still sends it as typed', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page } = await openRequestTab(windows);
    await postTo(page, server.url, 'JSON');
    await page.getByRole('textbox', { name: 'Request body' }).fill('{"a": 1,');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Not valid JSON' }).textContent())
      .toContain('You can still send it.');
    expect(await page.getByRole('button', { name: 'Format JSON' }).isDisabled()).toBe(true);
    await sendAndWait(page, server, 1);
    expect(server.requests[0]!.body).toBe('{"a": 1,');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'The JSON body is not valid' }).textContent())
      .toContain('it was sent as typed');
  });

  it('sends a form-urlencoded table, skipping disabled rows', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page } = await openRequestTab(windows);
    await postTo(page, server.url, 'Form URL-encoded');
    const rows: [string, string][] = [
      ['grant_type', 'client_credentials'],
      ['scope', 'api refresh_token'],
      ['skipped', 'x'],
    ];
    for (const [index, [name, value]] of rows.entries()) {
      await page.getByRole('button', { name: 'Add field' }).click();
      await page.getByRole('textbox', { name: `Field ${index + 1} name` }).fill(name);
      await page.getByRole('textbox', { name: `Field ${index + 1} value` }).fill(value);
    }
    await page.getByRole('checkbox', { name: 'Enable field 3' }).uncheck();
    await sendAndWait(page, server, 1);
    expect(server.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.requests[0]!.body).toBe('grant_type=client_credentials&scope=api+refresh_token');
  });

  it('sends multipart with a text field and a file part', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page } = await openRequestTab(windows);
    await postTo(page, server.url, 'Multipart');
    await page.getByRole('button', { name: 'Add part' }).click();
    await page.getByRole('textbox', { name: 'Part 1 name' }).fill('description');
    await page.getByRole('textbox', { name: 'Part 1 value' }).fill('Quarterly report');
    await page.getByRole('button', { name: 'Add part' }).click();
    await page.getByRole('textbox', { name: 'Part 2 name' }).fill('attachment');
    await page.getByRole('combobox', { name: 'Part 2 kind' }).click();
    await page.getByRole('option', { name: 'File' }).click();
    const fileBytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a, 0x80]);
    await pickFile(page, page.getByRole('button', { name: 'Part 2 file' }), {
      name: 'report.pdf',
      mimeType: 'application/pdf',
      buffer: fileBytes,
    });
    await expect.poll(() => page.getByText('report.pdf').count()).toBe(1);
    await sendAndWait(page, server, 1);

    const contentType = String(server.requests[0]!.headers['content-type']);
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(contentType)?.[1];
    expect(boundary).toBeTruthy();
    const expected = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nQuarterly report\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      fileBytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(server.requests[0]!.bytes.equals(expected)).toBe(true);
  });

  it('sends a binary file as the body, byte for byte, with its type', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page } = await openRequestTab(windows);
    await postTo(page, server.url, 'Binary file');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    await pickFile(page, page.getByRole('button', { name: 'Choose file' }), {
      name: 'blob.bin',
      mimeType: 'application/octet-stream',
      buffer: bytes,
    });
    await expect.poll(() => page.getByLabel('Chosen file').textContent()).toContain('blob.bin');
    await sendAndWait(page, server, 1);
    expect(server.requests[0]!.headers['content-type']).toBe('application/octet-stream');
    expect(server.requests[0]!.bytes.equals(bytes)).toBe(true);
  });
});

describe('Faults: each shows its message', () => {
  it('refuses an invalid URL, an unresolved {{variable}} and header values with CR/LF or non-ASCII, naming what is wrong', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page } = await openRequestTab(windows);
    await url(page).fill('http://bad host/x');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alertText(page), eventually).toContain('"http://bad host/x" is not a valid URL');

    await url(page).fill(server.url);
    await page.getByRole('tab', { name: /^Headers/ }).click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByRole('combobox', { name: 'Header 1 name' }).fill('X-Api-Key');
    await page.getByRole('textbox', { name: 'Header 1 value' }).fill('{{apiKey}}');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => alertText(page), eventually)
      .toContain('{{apiKey}} in the header "X-Api-Key" is not defined in the active environment');

    await page.getByRole('textbox', { name: 'Header 1 value' }).fill('café');
    await expect.poll(() => page.getByText('Contains a non-ASCII character').count()).toBe(1);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alertText(page), eventually).toContain('The value of the header "X-Api-Key" contains a non-ASCII character');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a header value with a line break from a pasted cURL command, naming the header', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('ok'));
    const { page } = await openRequestTab(windows);
    await page.getByRole('button', { name: 'Import cURL' }).click();
    await page.getByRole('textbox', { name: 'cURL command' }).fill(`curl '${server.url}/x' -H $'X-Trace: abc\\r\\nInjected: yes'`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => url(page).inputValue()).toBe(`${server.url}/x`);
    await page.getByRole('tab', { name: /^Headers/ }).click();
    await expect.poll(() => page.getByText('Contains a line break').count()).toBe(1);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alertText(page), eventually).toContain('The value of the header "X-Trace" contains a line break');
    expect(server.requests).toHaveLength(0);
  });

  it('names an unknown callout: credential and offers to create it', async () => {
    // Following the offer into Named Credentials is covered in environments-import.test.ts.
    const { page } = await openRequestTab(windows);
    await url(page).fill('callout:Payroll_API/v1/runs');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alertText(page), eventually).toContain('There is no named credential called "Payroll_API"');
    expect(await page.getByRole('alert').getByRole('button', { name: 'Create named credential Payroll_API' }).isVisible()).toBe(true);
  });

  it('says when the host is not found (DNS), the connection is refused or reset', async () => {
    const reset = await startServer((req) => req.socket.destroy());
    const { page } = await openRequestTab(windows);
    await url(page).fill('http://signet-test.invalid/x');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alertText(page), eventually).toContain('the host signet-test.invalid could not be found (DNS)');

    const port = await closedPort();
    await url(page).fill(`http://127.0.0.1:${port}/x`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alertText(page), eventually).toContain(`127.0.0.1:${port} refused the connection`);

    await url(page).fill(reset.url);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alertText(page), eventually).toContain('was reset before the response was complete');
  });

  it('times out saying which phase, and cancels with the Cancel button', async () => {
    const silent = await startServer(() => new Promise(() => {}));
    const { page } = await openRequestTab(windows);
    await url(page).fill(silent.url);
    await page.getByRole('tab', { name: 'Settings', exact: true }).last().click();
    await page.getByRole('textbox', { name: 'Timeout (seconds)' }).fill('1');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alertText(page), eventually).toMatch(/Timed out after 1 s while waiting for the response headers/);

    await page.getByRole('textbox', { name: 'Timeout (seconds)' }).fill('60');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: /^Cancel/ }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent(), eventually).toMatch(/^Cancelled/);
  });

  it('times out a body that never ends, saying how much had arrived', async () => {
    const endless = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('x'.repeat(1234));
    });
    const { page } = await openRequestTab(windows);
    await url(page).fill(endless.url);
    await page.getByRole('tab', { name: 'Settings', exact: true }).last().click();
    await page.getByRole('textbox', { name: 'Timeout (seconds)' }).fill('1');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => alertText(page), eventually)
      .toMatch(/Timed out after 1 s while reading the response body \(127\.0\.0\.1:\d+\)\. 1234 bytes of the body had arrived\./);
  });

  it('names an expired server certificate and a trusted one for another host, offering to turn verification off', async () => {
    const expired = await localhostCertificate({ validityDays: 1, now: new Date('2020-01-01T00:00:00Z') });
    const expiredServer = await startServer((_req, res) => res.end('expired'), { tls: { key: expired.key, cert: expired.cert } });
    const { page, backend } = await openRequestTab(windows);
    const record = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [
        { label: 'Other host', name: 'Other_Host', keyAlgorithm: 'EC-P256', subjectAltNames: [{ type: 'dns', value: 'other.test' }] },
      ]),
    );
    const key = backend.graph.internal.certificates.privateKey(record.id).export({ type: 'pkcs8', format: 'pem' }).toString();
    const otherServer = await startServer((_req, res) => res.end('other'), { tls: { key, cert: record.chainPem! } });
    const offer = page.getByRole('button', { name: 'Turn off TLS verification for this request and send' });

    await url(page).fill(expiredServer.url);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => alertText(page), eventually).toMatch(/expired/i);
    expect(await page.getByRole('alert').first().textContent()).not.toMatch(/self-signed/i);
    expect(await offer.isVisible()).toBe(true);

    // Trusted (as the extra CA) but issued for other.test, not 127.0.0.1.
    await url(page).fill(otherServer.url);
    await page.getByRole('tab', { name: 'Settings', exact: true }).last().click();
    await page.getByRole('combobox', { name: 'Extra trusted CA' }).click();
    await page.getByRole('option', { name: /^Other host \(Other_Host/ }).click();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => alertText(page), eventually).toContain("the server's certificate is for other.test, not 127.0.0.1");
    await offer.click();
    await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
  });

  it('stops a redirect loop at the maximum and says so', async () => {
    const server = await startServer((req, res) => res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end());
    const { page } = await openRequestTab(windows);
    await url(page).fill(`${server.url}/a`);
    await page.getByRole('tab', { name: 'Settings', exact: true }).last().click();
    await page.getByRole('textbox', { name: 'Max redirects' }).fill('4');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => alertText(page), eventually).toContain('Stopped after 4 redirects (a redirect loop)');
    expect(server.requests).toHaveLength(5);
  });
});
