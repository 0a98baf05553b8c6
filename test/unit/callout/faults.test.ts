// Every fault of a callout ends in a coded error that says what happened and what to do.
import { describe, expect, it } from 'vitest';
import { closedPort, startServer } from '../../harness/servers';
import { unwrapResult } from '../../harness/rpc';
import { backend, send, sendFail } from './helpers';

describe('callout faults', () => {
  it('refuses an invalid URL, a non-http scheme and an unknown method', async () => {
    const signet = backend();
    expect(await sendFail(signet, { method: 'GET', url: 'http://exa mple.com/' })).toMatchObject({
      code: 'BAD_INPUT',
      details: { field: 'url' },
    });
    expect((await sendFail(signet, { method: 'GET', url: 'ftp://example.com/' })).message).toMatch(/Only http and https/);
    expect((await sendFail(signet, { method: 'GET', url: '' })).message).toMatch(/Enter a URL/);
    expect((await sendFail(signet, { method: 'GE T', url: 'http://127.0.0.1/' })).details).toMatchObject({ field: 'method' });
  });

  it('names an unresolved {{variable}}', async () => {
    const error = await sendFail(backend(), { method: 'GET', url: 'http://127.0.0.1/{{tenant}}/x?k={{ key }}' });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      '{{tenant}}, {{key}} in the URL are not defined in the active environment. Define them there, or choose another environment.',
    );
    expect(error.details).toMatchObject({ variables: ['tenant', 'key'] });
  });

  it('refuses CR/LF and non-ASCII in header names and values, naming the header', async () => {
    const signet = backend();
    const header = (name: string, value: string) =>
      sendFail(signet, { method: 'GET', url: 'http://127.0.0.1:9/', headers: [{ name, value, enabled: true }] });
    expect((await header('X-Bad\r\nInjected', 'v')).message).toMatch(/The header name "X-Bad\\r\\nInjected" contains a line break/);
    expect((await header('X-Value', 'a\r\nSet-Cookie: x')).message).toBe(
      'The value of the header "X-Value" contains a line break. Remove it (headers are one line).',
    );
    expect((await header('X-Name', 'café')).message).toMatch(/"X-Name" contains a non-ASCII character/);
    expect((await header('Bad Name', 'v')).code).toBe('BAD_INPUT');
  });

  it('reports a refused connection and an unknown host as NETWORK', async () => {
    const signet = backend();
    const port = await closedPort();
    const refused = await sendFail(signet, { method: 'GET', url: `http://127.0.0.1:${port}/` });
    expect(refused).toMatchObject({
      code: 'NETWORK',
      message: `127.0.0.1:${port} refused the connection. Check the port and that the server is running.`,
    });
    const dns = await sendFail(signet, { method: 'GET', url: 'http://no-such-host.invalid/' });
    expect(dns.code).toBe('NETWORK');
    expect(dns.message).toMatch(/could not be found \(DNS\)/);
  });

  it('reports a connection reset mid-response as NETWORK', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const error = await sendFail(backend(), { method: 'GET', url: server.url });
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/reset before the response was complete/);
  });

  it('times out waiting for headers, and says which phase', async () => {
    const server = await startServer(() => new Promise(() => {}));
    const error = await sendFail(backend(), { method: 'GET', url: server.url, settings: { timeoutMs: 300 } });
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(
      `Timed out after 300 ms while waiting for the response headers (127.0.0.1:${server.port}). Raise the timeout in Settings, or check the server.`,
    );
  });

  it('times out a body that never ends, with the partial size', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('x'.repeat(1234));
    });
    const error = await sendFail(backend(), { method: 'GET', url: server.url, settings: { timeoutMs: 400 } });
    expect(error.code).toBe('TIMEOUT');
    expect(error.details).toMatchObject({ phase: 'reading the response body', receivedBytes: 1234 });
    expect(error.message).toMatch(/while reading the response body .* 1234 bytes of the body had arrived/);
  });

  it('cancels a running request by id', async () => {
    const server = await startServer(() => new Promise(() => {}));
    const signet = backend();
    const pending = send(signet, { method: 'GET', url: server.url }, { requestId: 'to-cancel' });
    await expect.poll(() => server.requests.length).toBe(1);
    expect(unwrapResult(await signet.dispatch('http.cancel', ['to-cancel']))).toBe(true);
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('ABORTED');
    expect(unwrapResult(await signet.dispatch('http.cancel', ['to-cancel']))).toBe(false);
  });
});
