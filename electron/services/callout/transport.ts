/**
 * Connections for callouts: one keep-alive undici Agent per TLS/proxy setting (cached, so repeated
 * sends reuse warm sockets), a connector that times DNS, TCP connect and the TLS handshake, and
 * proxy selection from HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
 */
import { createHash } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { lookup } from 'node:dns';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import { Agent, Client, Pool, ProxyAgent, type Dispatcher } from 'undici';
import type { ProxySetting } from '../../../shared/contract/http';
import { AppError } from '../../../shared/errors';

export interface ConnectTiming {
  dnsMs?: number;
  connectMs: number;
  tlsMs?: number;
  /** Through a proxy: `connectMs` is the whole tunnel (proxy connection, CONNECT, TLS to the target). */
  viaProxy?: boolean;
}

export interface TransportOptions {
  verifyTls: boolean;
  /** Extra trusted CAs (PEM) and a stable key for them (e.g. certificate id + fingerprint). */
  ca?: { key: string; pem: string[] };
  /** Client certificate and key (PEM) for mutual TLS; held in main only. */
  clientTls?: { cert: string; key: string };
  proxy: ProxySetting;
}

const TIMING = Symbol('signet.connectTiming');
type TimedSocket = Socket & { [TIMING]?: ConnectTiming };

/** Receives the socket a request was written to (see {@link claimSocketTiming}). */
export interface SocketTimingSink {
  connectTiming?: ConnectTiming;
  reusedConnection: boolean;
}

let awaitingSocket: SocketTimingSink | null = null;
subscribe('undici:client:sendHeaders', (message) => {
  // undici calls the handler's onConnect and then publishes sendHeaders in the same synchronous
  // step (client-h1 writeH1), so the handler that just started is the one this socket belongs to.
  const sink = awaitingSocket;
  awaitingSocket = null;
  if (!sink) return;
  const socket = (message as { socket: TimedSocket }).socket;
  const timing = socket[TIMING];
  if (timing) {
    sink.connectTiming = timing;
    sink.reusedConnection = false;
    socket[TIMING] = undefined; // later requests on this socket reuse it
  } else {
    sink.reusedConnection = true;
  }
});

/** Call from the dispatch handler's onConnect: the next sendHeaders reports this request's socket. */
export function claimSocketTiming(sink: SocketTimingSink) {
  awaitingSocket = sink;
}

type ConnectOptions = { hostname: string; host?: string; protocol: string; port: string; servername?: string | null };
type ConnectCallback = (error: Error | null, socket: Socket | null) => void;

/** Resolves a host name to all its addresses, in the order the system prefers. */
export type Resolve = (hostname: string, callback: (error: Error | null, addresses: string[]) => void) => void;

const systemResolve: Resolve = (hostname, callback) =>
  lookup(hostname, { all: true }, (error, found) => callback(error, error ? [] : found.map((entry) => entry.address)));

/** Connect errors after which the next address of the host is tried (e.g. `localhost` → ::1 refused, then 127.0.0.1). */
const NEXT_ADDRESS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/** A connector that measures each phase of a new connection and tags the socket with it. */
function timedConnector(options: TransportOptions, resolve: Resolve) {
  const tls = {
    rejectUnauthorized: options.verifyTls,
    ...(options.ca?.pem.length ? { ca: [...rootCertificates, ...options.ca.pem] } : {}),
    ...(options.clientTls ? { cert: options.clientTls.cert, key: options.clientTls.key } : {}),
  };
  return (connectOptions: ConnectOptions, callback: ConnectCallback) => {
    const hostname = connectOptions.hostname.replace(/^\[|\]$/g, '');
    const secure = connectOptions.protocol === 'https:';
    const port = Number(connectOptions.port) || (secure ? 443 : 80);
    const started = performance.now();
    let done = false;
    const finish = (error: Error | null, socket: Socket | null) => {
      if (done) return;
      done = true;
      callback(error, socket);
    };
    const open = (addresses: string[], dnsMs: number | undefined) => {
      const beforeConnect = performance.now();
      const attempt = (index: number) => {
        const tcp: TimedSocket = netConnect({ host: addresses[index]!, port, noDelay: true });
        let isOpen = false;
        tcp.setKeepAlive(true, 60_000);
        tcp.once('error', (error: NodeJS.ErrnoException) => {
          if (!isOpen && index + 1 < addresses.length && NEXT_ADDRESS.has(error.code ?? '')) {
            tcp.destroy();
            return attempt(index + 1);
          }
          finish(error, null);
        });
        tcp.once('connect', () => {
          isOpen = true;
          onOpen(tcp);
        });
      };
      const onOpen = (tcp: TimedSocket) => {
        const connectMs = performance.now() - beforeConnect;
        if (!secure) {
          tcp[TIMING] = { dnsMs, connectMs };
          return finish(null, tcp);
        }
        const beforeTls = performance.now();
        const servername = connectOptions.servername || (isIP(hostname) ? undefined : hostname);
        const secureSocket: TimedSocket = tlsConnect({ ...tls, socket: tcp, host: hostname, servername, ALPNProtocols: ['http/1.1'] });
        secureSocket.once('error', (error) => finish(error, null));
        secureSocket.once('secureConnect', () => {
          secureSocket[TIMING] = { dnsMs, connectMs, tlsMs: performance.now() - beforeTls };
          finish(null, secureSocket);
        });
      };
      attempt(0);
    };
    if (isIP(hostname)) open([hostname], undefined);
    else
      resolve(hostname, (error, addresses) => {
        if (error) return finish(error, null);
        if (!addresses.length) return finish(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), null);
        open(addresses, performance.now() - started);
      });
  };
}

export interface Transport {
  /** The cached dispatcher for a target URL under these options (direct or through a proxy). */
  dispatcherFor(url: URL, options: TransportOptions): Dispatcher;
  /** Closes every cached connection (service shutdown). */
  close(): Promise<void>;
}

export function createTransport(env: NodeJS.ProcessEnv = process.env, resolve: Resolve = systemResolve): Transport {
  const dispatchers = new Map<string, Dispatcher>();
  // process.env is a slow native lookup: read the proxy variables once.
  const proxyEnv = Object.fromEntries(
    ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'].flatMap((name) =>
      env[name] ? [[name, env[name]]] : [],
    ),
  );
  return {
    dispatcherFor(url, options) {
      const proxy =
        options.proxy.mode === 'system' && !proxyEnv.HTTPS_PROXY && !proxyEnv.https_proxy && !proxyEnv.HTTP_PROXY && !proxyEnv.http_proxy
          ? undefined
          : proxyFor(url, options.proxy, proxyEnv);
      const key = `${options.verifyTls ? 1 : 0}|${options.ca?.key ?? ''}|${options.clientTls ? fingerprint(options.clientTls) : ''}|${proxy ?? ''}`;
      let dispatcher = dispatchers.get(key);
      if (!dispatcher) {
        dispatcher = proxy
          ? proxyAgent(proxy, options)
          : new Agent({ connect: timedConnector(options, resolve) as unknown as Agent.Options['connect'], keepAliveTimeout: 30_000 });
        dispatchers.set(key, dispatcher);
      }
      return dispatcher;
    },
    async close() {
      const all = [...dispatchers.values()];
      dispatchers.clear();
      await Promise.all(all.map((dispatcher) => dispatcher.close().catch(() => {})));
    },
  };
}

const fingerprints = new WeakMap<object, string>();
function fingerprint(clientTls: { cert: string; key: string }): string {
  let value = fingerprints.get(clientTls);
  if (!value) {
    value = createHash('sha256').update(clientTls.cert).update('\0').update(clientTls.key).digest('hex');
    fingerprints.set(clientTls, value);
  }
  return value;
}

function proxyAgent(proxy: string, options: TransportOptions): Dispatcher {
  let uri: URL;
  try {
    uri = new URL(proxy);
  } catch {
    throw new AppError('BAD_INPUT', `The proxy URL "${proxy}" is not valid. Use http://host:port.`, { field: 'proxy' });
  }
  return new ProxyAgent({
    uri: uri.href,
    requestTls: {
      rejectUnauthorized: options.verifyTls,
      ...(options.ca?.pem.length ? { ca: [...rootCertificates, ...options.ca.pem] } : {}),
      ...(options.clientTls ? { cert: options.clientTls.cert, key: options.clientTls.key } : {}),
    },
    // As undici's default factory, with each new tunnel timed so the timeline does not report it as reused.
    factory: (origin, agentOptions: Pool.Options) => {
      const timed = { ...agentOptions, connect: timedTunnel(agentOptions.connect as unknown as TunnelConnect) } as Pool.Options;
      return agentOptions.connections === 1 ? new Client(origin, timed) : new Pool(origin, timed);
    },
  });
}

type TunnelConnect = (options: object, callback: ConnectCallback) => void;

/**
 * undici opens a proxied connection in one step (TCP to the proxy, CONNECT, TLS to the target), so
 * it is timed as one: the socket is tagged with the total as connect time, marked as via the proxy.
 */
function timedTunnel(connect: TunnelConnect): TunnelConnect {
  return (options, callback) => {
    const started = performance.now();
    connect(options, (error, socket) => {
      if (socket) (socket as TimedSocket)[TIMING] = { connectMs: performance.now() - started, viaProxy: true };
      callback(error, socket);
    });
  };
}

/** The proxy URL to use for `url`, or undefined for a direct connection. */
export function proxyFor(url: URL, setting: ProxySetting, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (setting.mode === 'none') return undefined;
  if (setting.mode === 'custom') return setting.url.trim() || undefined;
  const proxy =
    url.protocol === 'https:'
      ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy)
      : (env.HTTP_PROXY ?? env.http_proxy);
  if (!proxy) return undefined;
  return bypassesProxy(url, env.NO_PROXY ?? env.no_proxy ?? '') ? undefined : proxy;
}

/** NO_PROXY as curl reads it: `*`, host names (a leading dot optional, matching subdomains), host:port. */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [entryHost, entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':');
    if (entryPort && entryPort !== port) continue;
    const bare = entryHost!.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}
