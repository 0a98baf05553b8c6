/**
 * Maps transport failures (undici, node:net, node:tls) to coded AppErrors whose messages say what
 * went wrong and what to do. Shared by callouts, token requests and JWKS fetches.
 */
import { AppError } from '../../../shared/errors';

export type TlsFailure =
  'self-signed' | 'expired' | 'not-yet-valid' | 'hostname-mismatch' | 'untrusted' | 'client-certificate' | 'handshake';

const TLS_CODES: Record<string, TlsFailure> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname-mismatch',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_SIGNATURE_FAILURE: 'untrusted',
};

const TLS_ADVICE: Record<TlsFailure, string> = {
  'self-signed':
    'The server uses a self-signed certificate. Trust it (add it as a trusted CA), or turn off TLS verification for this request.',
  expired: "The server's certificate has expired. Ask the server's owner to renew it, or turn off TLS verification for this request.",
  'not-yet-valid': "The server's certificate is not valid yet. Check this machine's clock, or turn off TLS verification for this request.",
  'hostname-mismatch':
    "The server's certificate is for another host name. Use the host name it was issued for, or turn off TLS verification for this request.",
  untrusted:
    "The server's certificate is not signed by a CA this machine trusts. Add the issuing CA as a trusted CA, or turn off TLS verification for this request.",
  'client-certificate':
    'The server refused the TLS handshake, probably because it requires a client certificate (mutual TLS). Set a client certificate.',
  handshake: 'The TLS handshake failed. Check that the URL uses the right scheme and port, and that both sides share a TLS version.',
};

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  /** Node's ERR_TLS_CERT_ALTNAME_INVALID carries the peer certificate. */
  cert?: { subjectaltname?: string; subject?: { CN?: string | string[] } };
}

/** The host names (and IPs) a certificate was issued for, from its subjectAltName or else its CN. */
function certificateNames(cert: ErrorLike['cert']): string[] {
  const alt = cert?.subjectaltname
    ?.split(/,\s*/)
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
  if (alt?.length) return alt;
  const cn = cert?.subject?.CN;
  return cn ? [cn].flat() : [];
}

function chain(error: unknown): ErrorLike[] {
  const list: ErrorLike[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    list.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return list;
}

export interface TransportContext {
  url: string;
  /** What was being done, for the message ("Calling the token endpoint"). */
  action?: string;
  /** The timeout that applied, when a timeout fires. */
  timeoutMs?: number;
  /** Whether a client certificate was presented (an https server closing at once then likely wants one). */
  clientCertificate?: boolean;
}

/** Turns any transport error into an AppError (NETWORK, TLS, TIMEOUT, ABORTED); AppErrors pass through. */
export function transportError(error: unknown, context: TransportContext): AppError {
  if (error instanceof AppError) return error;
  const errors = chain(error);
  const codes = errors.map((e) => e.code).filter((code): code is string => typeof code === 'string');
  const names = errors.map((e) => e.name ?? '');
  const host = safeHost(context.url);
  const prefix = context.action ? `${context.action}: ` : '';
  const details = { url: context.url, errno: codes[0] ?? names[0] };

  if (names.includes('AbortError') || codes.includes('UND_ERR_ABORTED') || codes.includes('ABORT_ERR')) {
    if (names.includes('TimeoutError')) return timeout('the whole request', context, details);
    return new AppError('ABORTED', `${prefix}cancelled.`, details);
  }
  if (names.includes('TimeoutError')) return timeout('the whole request', context, details);
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) return timeout('connecting', context, details);
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) return timeout('waiting for the response headers', context, details);
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) return timeout('reading the response body', context, details);

  const tlsCode = codes.find((code) => code in TLS_CODES);
  if (tlsCode) {
    const failure = TLS_CODES[tlsCode]!;
    const names = failure === 'hostname-mismatch' ? certificateNames(errors.find((e) => e.cert)?.cert) : [];
    if (names.length) {
      const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
      return new AppError(
        'TLS',
        `${prefix}TLS error with ${host}: the server's certificate is for ${shown}, not ${safeHostname(context.url)}. Use a host name it was issued for, or turn off TLS verification for this request.`,
        { ...details, tls: failure, certificateNames: names },
      );
    }
    return new AppError('TLS', `${prefix}TLS error with ${host}: ${TLS_ADVICE[failure]}`, { ...details, tls: failure });
  }
  const message = errors.map((e) => e.message ?? '').join(' ');
  if (/alert certificate required|alert handshake failure|alert bad certificate|peer did not return a certificate/i.test(message)) {
    return new AppError('TLS', `${prefix}TLS error with ${host}: ${TLS_ADVICE['client-certificate']}`, {
      ...details,
      tls: 'client-certificate',
    });
  }
  if (
    codes.some((code) => code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) ||
    /wrong version number|ssl routines/i.test(message)
  ) {
    return new AppError('TLS', `${prefix}TLS error with ${host}: ${TLS_ADVICE.handshake}`, { ...details, tls: 'handshake' });
  }
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return new AppError(
      'NETWORK',
      `${prefix}the host ${host} could not be found (DNS). Check the URL's host name and your network.`,
      details,
    );
  }
  if (codes.includes('ECONNREFUSED')) {
    return new AppError('NETWORK', `${prefix}${host} refused the connection. Check the port and that the server is running.`, details);
  }
  // TLS 1.3: a server that requires a client certificate closes the connection after the handshake.
  if (
    context.url.startsWith('https:') &&
    context.clientCertificate === false &&
    (codes.includes('UND_ERR_SOCKET') || codes.includes('ECONNRESET'))
  ) {
    return new AppError(
      'TLS',
      `${prefix}${host} closed the TLS connection without answering. It probably requires a client certificate (mutual TLS): set a client certificate.`,
      { ...details, tls: 'client-certificate' },
    );
  }
  if (codes.includes('ECONNRESET') || codes.includes('UND_ERR_SOCKET') || codes.includes('EPIPE')) {
    return new AppError(
      'NETWORK',
      `${prefix}the connection to ${host} was reset before the response was complete. Try again; if it persists, check the server.`,
      details,
    );
  }
  if (codes.includes('EHOSTUNREACH') || codes.includes('ENETUNREACH')) {
    return new AppError('NETWORK', `${prefix}${host} is unreachable from this machine. Check the network or VPN.`, details);
  }
  if (codes.includes('ERR_INVALID_URL') || codes.includes('UND_ERR_INVALID_ARG')) {
    return new AppError('BAD_INPUT', `${prefix}the URL or a header is not valid: ${errors[0]?.message ?? ''}`.trim(), details);
  }
  return new AppError('NETWORK', `${prefix}the request to ${host} failed (${codes[0] ?? names[0] ?? 'unknown error'}).`, details);
}

function timeout(phase: string, context: TransportContext, details: Record<string, unknown>) {
  const limit = context.timeoutMs ? ` after ${formatMs(context.timeoutMs)}` : '';
  const prefix = context.action ? `${context.action}: ` : '';
  return new AppError(
    'TIMEOUT',
    `${prefix}timed out${limit} while ${phase} (${safeHost(context.url)}). Raise the timeout or check the server.`,
    {
      ...details,
      phase,
    },
  );
}

function formatMs(ms: number) {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function safeHostname(url: string): string {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return url;
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
