// Large response bodies stream to a temp file (memory stays bounded) and are read back in pages.
import { createGzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BodyPage } from '../../../shared/contract/http';
import { startServer } from '../../harness/servers';
import { unwrapResult } from '../../harness/rpc';
import { backend, sendOk } from './helpers';

const MB = 1024 * 1024;

function streamBody(total: number, write: (chunk: Buffer) => boolean, end: () => void, onDrain: (resume: () => void) => void) {
  const chunk = Buffer.alloc(64 * 1024, 'abcdefghij');
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!write(chunk)) return onDrain(pump);
    }
    end();
  };
  pump();
}

describe('large response bodies', () => {
  it('streams a 160 MB body to disk without holding it in memory, then pages through it', async () => {
    const total = 160 * MB;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(total) });
      streamBody(
        total,
        (c) => res.write(c),
        () => res.end(),
        (resume) => res.once('drain', resume),
      );
    });
    const signet = backend();
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const response = await sendOk(signet, { method: 'GET', url: server.url });
    clearInterval(sampler);
    expect(response.body).toMatchObject({ size: total, kind: 'binary' });
    expect(response.body.bodyId).toBeTruthy();
    expect(response.body.base64).toBeUndefined();
    // Growth stays at half the body size or less (measured ~50-70 MB whether the body is 100 or 300 MB):
    // chunks go to the file as they come, never all into memory.
    expect(peak - before).toBeLessThan(80 * MB);
    const page = unwrapResult(await signet.dispatch('http.readBody', [{ bodyId: response.body.bodyId, offset: total - 10, length: 100 }]));
    expect(page).toMatchObject({
      text: Buffer.alloc(64 * 1024, 'abcdefghij')
        .subarray(-10)
        .toString(),
      nextOffset: total,
      size: total,
      eof: true,
    });
  });

  it('decodes a gzip body of 100 MB into the temp file with backpressure', async () => {
    const total = 100 * MB;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(res);
      streamBody(
        total,
        (c) => gzip.write(c),
        () => gzip.end(),
        (resume) => gzip.once('drain', resume),
      );
    });
    const signet = backend();
    const response = await sendOk(signet, { method: 'GET', url: server.url });
    expect(response.body).toMatchObject({ size: total, contentEncoding: 'gzip', kind: 'text' });
    expect(response.body.encodedSize).toBeLessThan(total / 10);
  });

  it('keeps bodies up to 2 MiB inline and spills larger ones; pages cut at UTF-8 character boundaries', async () => {
    const small = JSON.stringify({ text: 'é'.repeat(1000) });
    const big = JSON.stringify({ items: Array.from({ length: 120_000 }, (_, i) => ({ i, name: `nämé ${i}` })) });
    const server = await startServer((req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(req.url === '/big' ? big : small),
    );
    const signet = backend();
    expect((await sendOk(signet, { method: 'GET', url: `${server.url}/small` })).body).toMatchObject({ text: small, kind: 'json' });
    const response = await sendOk(signet, { method: 'GET', url: `${server.url}/big` });
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 * MB);
    expect(response.body.text).toBeUndefined();
    let text = '';
    for (let offset = 0, eof = false; !eof;) {
      const page = unwrapResult(await signet.dispatch('http.readBody', [{ bodyId: response.body.bodyId, offset, length: 1001 }]));
      text += page.text;
      offset = page.nextOffset;
      eof = page.eof;
      if (text.length > 200_000) break;
    }
    expect(big.startsWith(text)).toBe(true);
    const formatted = unwrapResult(await signet.dispatch('http.formatBody', [{ bodyId: response.body.bodyId }]));
    const first = unwrapResult(await signet.dispatch('http.readBody', [{ bodyId: formatted.bodyId, offset: 0, length: 60 }]));
    expect(first.text).toBe('{\n  "items": [\n    {\n      "i": 0,\n      "name": "nämé 0"\n    },'.slice(0, first.text.length));
    expect(await readAll(signet, formatted.bodyId, 300_001)).toBe(JSON.stringify(JSON.parse(big), null, 2));
  });

  it('formats a large JSON body as a stream: the first page comes before the rest; invalid JSON fails the reads', async () => {
    const big = JSON.stringify({ items: Array.from({ length: 150_000 }, (_, i) => ({ i, name: `item ${i}` })) });
    const broken = `${big.slice(0, -2)},}`;
    const server = await startServer((req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(req.url === '/broken' ? broken : big),
    );
    const signet = backend();
    const response = await sendOk(signet, { method: 'GET', url: `${server.url}/big` });
    const formatted = unwrapResult(await signet.dispatch('http.formatBody', [{ bodyId: response.body.bodyId }]));
    const first = unwrapResult(await signet.dispatch('http.readBody', [{ bodyId: formatted.bodyId, offset: 0, length: 1000 }]));
    expect(first.eof).toBe(false);
    expect(first.text.startsWith('{\n  "items": [\n')).toBe(true);
    expect(await readAll(signet, formatted.bodyId, 1024 * 1024)).toBe(JSON.stringify(JSON.parse(big), null, 2));
    // Formatted once: asking again (switching views) reuses it.
    expect(unwrapResult(await signet.dispatch('http.formatBody', [{ bodyId: response.body.bodyId }])).bodyId).toBe(formatted.bodyId);

    const bad = await sendOk(signet, { method: 'GET', url: `${server.url}/broken` });
    const badFormatted = unwrapResult(await signet.dispatch('http.formatBody', [{ bodyId: bad.body.bodyId }]));
    let result = await signet.dispatch('http.readBody', [{ bodyId: badFormatted.bodyId, offset: 0, length: 1024 * 1024 }]);
    while (result.ok && !(result.value as BodyPage).eof) {
      const offset = (result.value as BodyPage).nextOffset;
      result = await signet.dispatch('http.readBody', [{ bodyId: badFormatted.bodyId, offset, length: 1024 * 1024 }]);
    }
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(result.ok ? '' : result.error.message).toContain(`not valid JSON (Unexpected "}" at character ${broken.length - 1})`);
  });
});

async function readAll(signet: ReturnType<typeof backend>, bodyId: string, length: number): Promise<string> {
  let text = '';
  for (let offset = 0, eof = false; !eof;) {
    const page = unwrapResult(await signet.dispatch('http.readBody', [{ bodyId, offset, length }]));
    text += page.text;
    offset = page.nextOffset;
    eof = page.eof;
  }
  return text;
}
