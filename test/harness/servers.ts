// Real HTTP(S) servers on 127.0.0.1:0 for tests, closed (with their sockets) after each test.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach } from 'vitest';
import type { SubjectAltName } from '../../shared/contract/certificates';
import { generateKeys } from '../../electron/services/certificates/key-generation';
import { createSelfSignedCertificate, toPem } from '../../electron/services/certificates/x509';

export type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface TestServer {
  url: string;
  port: number;
  server: Server;
  /** Requests seen, in order. */
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string; bytes: Buffer }[];
  close(): Promise<void>;
}

/** What to close after each test: servers and proxies. */
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Starts a server; `tls` makes it HTTPS. The handler sees the body already read into `requests`. */
export async function startServer(handler: Handler, options: { tls?: ServerOptions } = {}): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const listener = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: bytes.toString('utf8'), bytes });
    try {
      await handler(request, response);
    } catch (error) {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    }
  };
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const testServer: TestServer = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    server,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  running.push(testServer);
  return testServer;
}

export interface TestProxy {
  url: string;
  /** CONNECT targets, in order. */
  tunnels: string[];
}

/** An HTTP proxy that only tunnels (CONNECT host:port), as corporate proxies do for HTTPS; closed after each test. */
export async function startTunnelProxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createHttpServer((_req, res) => res.writeHead(405).end());
  server.on('connection', track);
  server.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels };
}

/** A fresh self-signed EC certificate for 127.0.0.1 / localhost (made by Signet's own code). */
export async function localhostCertificate(
  options: { validityDays?: number; now?: Date; commonName?: string; altNames?: SubjectAltName[] } = {},
) {
  const keys = await generateKeys('EC-P256');
  const certificate = await createSelfSignedCertificate({
    algorithm: 'EC-P256',
    keys,
    subject: {},
    fallbackCommonName: options.commonName ?? 'localhost',
    validityDays: options.validityDays ?? 30,
    now: options.now,
    subjectAltNames: options.altNames ?? [
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
    ],
  });
  return {
    cert: toPem(new Uint8Array(certificate.rawData)),
    key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keys,
  };
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
