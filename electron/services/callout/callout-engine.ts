/**
 * A callout end to end (DESIGN §5): variables → `callout:` resolution through the credential
 * service → headers and body → undici with the cached dispatcher for its TLS setting → redirects
 * (Authorization dropped when the origin changes) → one refresh-and-retry on 401 → the response,
 * its timeline and auth trace. Cancellable by request id; the timeout says which phase it hit.
 */
import type { AuthTrace } from '../../../shared/contract/auth-trace';
import type { CalloutResponse, RequestSpec, ResponseBody, SentRequest, TimelineHop } from '../../../shared/contract/http';
import { AppError, isAppError } from '../../../shared/errors';
import { decodeToken } from '../../../shared/jwt/decode';
import { basicAuthorization } from '../../../shared/request/base64';
import { joinCalloutUrl } from '../../../shared/request/callout-url';
import { decodePercent } from '../../../shared/request/url-params';
import type { CertificateStore } from '../certificates/certificate-store';
import type { CredentialResolver, ResolvedCredential } from '../credentials/resolver';
import { transportError } from '../http/transport-errors';
import type { BodyStore, CollectedBody } from './body-store';
import { Cancellation } from './cancellation';
import { exchange, HopError, type HopResult } from './exchange';
import { checkHeaders, prepareRequest, resolveVariables } from './prepare';
import type { Transport, TransportOptions } from './transport';

export interface EngineDeps {
  transport: Transport;
  bodies: BodyStore;
  /** The credential service; absent until it is wired (then `callout:` says so). */
  resolver?: () => CredentialResolver | undefined;
  certificates?: CertificateStore;
  userAgent?: string;
}

export interface SendOptions {
  requestId: string;
  request: RequestSpec;
  variables: Record<string, string>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TIMEOUT_MARK = Symbol('signet.timeout');

export class CalloutEngine {
  readonly #deps: EngineDeps;
  readonly #inflight = new Map<string, Cancellation>();

  constructor(deps: EngineDeps) {
    this.#deps = deps;
  }

  /** Aborts a running send; false when nothing runs under that id. */
  cancel(requestId: string): boolean {
    const cancellation = this.#inflight.get(requestId);
    if (!cancellation) return false;
    cancellation.abort(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
    return true;
  }

  async send({ requestId, request, variables }: SendOptions): Promise<CalloutResponse> {
    if (this.#inflight.has(requestId)) throw new AppError('CONFLICT', 'This request is already being sent. Cancel it first.');
    const prepared = prepareRequest(request, variables);
    const { settings } = request;
    const cancellation = new Cancellation();
    this.#inflight.set(requestId, cancellation);
    const timer = setTimeout(() => cancellation.abort(Object.assign(new Error('timeout'), { [TIMEOUT_MARK]: true })), settings.timeoutMs);
    const started = performance.now();
    let target: URL | undefined = prepared.target.kind === 'absolute' ? prepared.target.url : undefined;
    try {
      const auth = await this.#authenticate(request, prepared.target, variables, cancellation, false);
      if (prepared.target.kind === 'callout') target = new URL(joinCalloutUrl(auth.credential!.url, prepared.target.rest));
      const url = target!;
      const userinfo = takeUserinfo(url);
      const warnings = [...prepared.warnings];
      let headers = buildHeaders(prepared.headers, auth, prepared.contentType, this.#deps.userAgent, userinfo);
      let body = prepared.body;
      if (auth.credential?.mergeFields.inBody && typeof body === 'string') body = auth.credential.mergeFields.apply(body);
      checkHeaders(headers);

      let attempt = await this.#follow({ url, method: prepared.method, headers, body, request, auth, cancellation, started });
      const refreshOn = auth.credential ? [401, ...auth.credential.refreshOn] : [];
      if (auth.credential && refreshOn.includes(attempt.last.status)) {
        // Named credentials refresh once on 401 (and listed codes), then retry (Salesforce behaviour).
        const resolver = this.#resolver();
        resolver.invalidate(auth.credential.name);
        const refreshed = await this.#authenticate(request, prepared.target, variables, cancellation, true);
        refreshed.trace.steps.unshift({
          kind: 'refresh',
          status: attempt.last.status,
          reason: `The API answered ${attempt.last.status}; Signet fetched a fresh token and retried once.`,
        });
        refreshed.trace.steps.unshift(...auth.trace.steps);
        headers = buildHeaders(prepared.headers, refreshed, prepared.contentType, this.#deps.userAgent, userinfo);
        checkHeaders(headers);
        if (attempt.last.body.bodyId) warnings.push('The first response body was replaced by the retry.');
        const retry = await this.#follow({
          url,
          method: prepared.method,
          headers,
          body,
          request,
          auth: refreshed,
          cancellation,
          started,
        });
        retry.timeline.unshift(...attempt.timeline);
        attempt = retry;
        auth.trace = refreshed.trace;
      }
      const { last, timeline, sent, firstSent } = attempt;
      return {
        requestId,
        status: last.status,
        statusText: last.statusText,
        headers: last.headers,
        url: sent.url,
        sent,
        firstSent,
        body: describeBody(last),
        totalMs: performance.now() - started,
        timeline,
        auth: auth.trace.steps.length || auth.trace.credential ? auth.trace : null,
        warnings,
      };
    } catch (error) {
      throw this.#toAppError(error, target?.href ?? request.url, settings.timeoutMs);
    } finally {
      clearTimeout(timer);
      this.#inflight.delete(requestId);
    }
  }

  #resolver(): CredentialResolver {
    const resolver = this.#deps.resolver?.();
    if (!resolver) throw new AppError('NOT_FOUND', 'Named credentials are not available in this build, so callout: URLs cannot be sent.');
    return resolver;
  }

  async #authenticate(
    request: RequestSpec,
    target: ReturnType<typeof prepareRequest>['target'],
    variables: Record<string, string>,
    cancellation: Cancellation,
    forceRefresh: boolean,
  ): Promise<{ credential?: ResolvedCredential; bearer?: string; trace: AuthTrace; skipAuthorization: boolean }> {
    const { auth } = request;
    const credentialName = auth.type === 'credential' ? auth.name.trim() : target.kind === 'callout' ? target.name : undefined;
    if (auth.type === 'bearer') {
      const token = resolveVariables(auth.token.trim(), variables, 'the bearer token');
      const trace: AuthTrace = { steps: [{ kind: 'static', scheme: 'Bearer', description: 'A pasted bearer token.' }] };
      const decoded = decodeToken(token);
      if (decoded.ok && decoded.token.kind === 'jws') {
        const exp = decoded.token.payload.exp;
        trace.steps.push({
          kind: 'jwt',
          purpose: 'bearer',
          token,
          header: decoded.token.header,
          claims: decoded.token.payload,
          fromCache: false,
          ...(typeof exp === 'number' ? { expiresAt: new Date(exp * 1000).toISOString() } : {}),
        });
      }
      // A bearer token on a callout: URL still takes the profile's URL and TLS, not its Authorization.
      if (target.kind === 'callout') {
        const credential = await this.#resolve(target.name, variables, cancellation, forceRefresh);
        return { credential, bearer: token, trace: { ...trace, credential: credential.trace.credential }, skipAuthorization: true };
      }
      return { bearer: token, trace, skipAuthorization: false };
    }
    if (auth.type === 'credential' && !credentialName)
      throw new AppError('BAD_INPUT', 'Choose the named credential to authenticate with.', { field: 'auth' });
    if (!credentialName) return { trace: { steps: [] }, skipAuthorization: false };
    const credential = await this.#resolve(credentialName, variables, cancellation, forceRefresh);
    if (auth.type === 'none') {
      return {
        credential,
        trace: { credential: credential.trace.credential, steps: [{ kind: 'none', reason: 'Auth is set to "No auth" for this request.' }] },
        skipAuthorization: true,
      };
    }
    return { credential, trace: credential.trace, skipAuthorization: false };
  }

  async #resolve(name: string, variables: Record<string, string>, cancellation: Cancellation, forceRefresh: boolean) {
    try {
      return await this.#resolver().resolveAuth(name, { variables, signal: cancellation.signal, forceRefresh });
    } catch (error) {
      if (isAppError(error, 'NOT_FOUND')) {
        throw new AppError(
          'NOT_FOUND',
          `There is no named credential called "${name}". Create it in Named Credentials, or check the spelling.`,
          {
            ...error.details,
            credentialName: name,
          },
        );
      }
      throw error;
    }
  }

  async #follow(input: {
    url: URL;
    method: string;
    headers: [string, string][];
    body: Buffer | string | null;
    request: RequestSpec;
    auth: { credential?: ResolvedCredential };
    cancellation: Cancellation;
    started: number;
  }): Promise<{ last: HopResult; timeline: TimelineHop[]; sent: SentRequest; firstSent: SentRequest }> {
    const { settings } = input.request;
    const firstHopTls: TransportOptions = {
      verifyTls: settings.verifyTls,
      ca: this.#trustedCa(settings.caCertificateId),
      clientTls: input.auth.credential?.clientTls,
      proxy: settings.proxy,
    };
    // The client certificate, like Authorization, belongs to the credential's origin only.
    const otherOriginTls: TransportOptions = { ...firstHopTls, clientTls: undefined };
    let url = input.url;
    let { method, headers, body } = input;
    const firstOrigin = url.origin;
    const timeline: TimelineHop[] = [];
    const seen: string[] = [];
    let firstSent: SentRequest | undefined;
    for (;;) {
      const hopStart = performance.now() - input.started;
      const flat: string[] = [];
      for (const [name, value] of headers) flat.push(name, value);
      const sent: SentRequest = { method, url: url.href, headers, bodySize: body === null ? 0 : Buffer.byteLength(body) };
      firstSent ??= sent;
      const tls = url.origin === firstOrigin ? firstHopTls : otherOriginTls;
      const result = await exchange({
        url,
        method,
        headers: flat,
        body,
        dispatcher: this.#deps.transport.dispatcherFor(url, tls),
        cancellation: input.cancellation,
        sink: this.#deps.bodies.createSink(),
        timeoutMs: settings.timeoutMs,
      }).catch((error: unknown) => {
        throw Object.assign(error as object, { url: url.href, clientCertificate: !!tls.clientTls });
      });
      const hop: TimelineHop = { method, url: url.href, status: result.status, startMs: hopStart, phases: result.phases };
      timeline.push(hop);
      const location = header(result.headers, 'location');
      if (!settings.followRedirects || !REDIRECTS.has(result.status) || !location) return { last: result, timeline, sent, firstSent };
      seen.push(url.href);
      if (seen.length > settings.maxRedirects) {
        throw new AppError(
          'NETWORK',
          `Stopped after ${settings.maxRedirects} redirects${seen.includes(new URL(location, url).href) ? ' (a redirect loop)' : ''}. Check the URL, or raise "Max redirects" in Settings.`,
          { url: url.href, redirects: seen.slice(-5), reason: 'too-many-redirects' },
        );
      }
      const next = new URL(location, url);
      hop.location = next.href;
      // Fetch rules: 303 (and 301/302 after POST) become GET without a body.
      if (result.status === 303 || ((result.status === 301 || result.status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = null;
        headers = headers.filter(([name]) => !/^content-(type|length)$/i.test(name));
      }
      if (next.origin !== url.origin || next.origin !== firstOrigin) {
        // Never hand credentials to another origin.
        const before = headers.length;
        headers = headers.filter(([name]) => !/^(authorization|cookie|proxy-authorization)$/i.test(name));
        hop.authorizationDropped = headers.length !== before;
      }
      url = next;
    }
  }

  #trustedCa(certificateId: string | undefined): TransportOptions['ca'] {
    if (!certificateId) return undefined;
    const certificates = this.#deps.certificates;
    if (!certificates) return undefined;
    let record;
    try {
      record = certificates.get(certificateId);
    } catch {
      throw new AppError('NOT_FOUND', 'The trusted CA chosen in Settings no longer exists. Choose another in the request Settings.', {
        field: 'caCertificateId',
      });
    }
    if (!record.chainPem)
      throw new AppError('BAD_INPUT', `${record.label} has no certificate to trust. Choose a certificate in the request Settings.`, {
        field: 'caCertificateId',
      });
    return { key: `${record.id}:${record.fingerprints.sha256}`, pem: [record.chainPem] };
  }

  #toAppError(error: unknown, url: string, timeoutMs: number): AppError {
    if (error instanceof AppError) return error;
    const hop = error instanceof HopError ? error : undefined;
    const cause = hop ? hop.cause : error;
    const where = (error as { url?: string }).url ?? url;
    if (cause && typeof cause === 'object' && TIMEOUT_MARK in cause) {
      const phase = hop?.phase ?? 'connecting';
      const partial = hop && hop.receivedBytes > 0 ? ` ${hop.receivedBytes} bytes of the body had arrived.` : '';
      return new AppError(
        'TIMEOUT',
        `Timed out after ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`} while ${phase} (${hostOf(where)}).${partial} Raise the timeout in Settings, or check the server.`,
        { url: where, phase, timeoutMs, receivedBytes: hop?.receivedBytes ?? 0 },
      );
    }
    const decoding = (cause as { decoding?: string } | undefined)?.decoding;
    if (decoding) {
      return new AppError('NETWORK', `The response body could not be decompressed (${decoding}): the server sent corrupt data.`, {
        url: where,
        encoding: decoding,
      });
    }
    const clientCertificate = (error as { clientCertificate?: boolean }).clientCertificate;
    return transportError(cause, { url: where, timeoutMs, clientCertificate });
  }
}

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function header(headers: [string, string][], name: string): string | undefined {
  for (const [key, value] of headers) if (key.length === name.length && key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * `https://user:password@host/…`: the credentials leave the URL (they are never sent in it) and
 * become Basic auth, as curl and browsers do; any other Authorization (header, auth mode) wins.
 */
function takeUserinfo(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const basic = basicAuthorization(decodePercent(url.username), decodePercent(url.password));
  url.username = '';
  url.password = '';
  return basic;
}

function buildHeaders(
  user: [string, string][],
  auth: { credential?: ResolvedCredential; bearer?: string; skipAuthorization: boolean },
  contentType: string | undefined,
  userAgent = 'Signet',
  userinfo?: string,
): [string, string][] {
  const merge = auth.credential?.mergeFields.inHeaders ? auth.credential.mergeFields : undefined;
  const headers: [string, string][] = merge ? user.map(([name, value]) => [name, merge.apply(value)]) : [...user];
  const has = (name: string) => headers.some(([key]) => key.toLowerCase() === name);
  for (const { name, value } of auth.credential?.headers ?? []) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' && auth.skipAuthorization) continue;
    if (!has(lower)) headers.push([name, value]);
  }
  if (auth.bearer !== undefined && !has('authorization')) headers.push(['Authorization', `Bearer ${auth.bearer}`]);
  if (userinfo && !has('authorization')) headers.push(['Authorization', userinfo]);
  if (contentType && !has('content-type')) headers.push(['Content-Type', contentType]);
  if (!has('user-agent')) headers.push(['User-Agent', userAgent]);
  if (!has('accept')) headers.push(['Accept', '*/*']);
  if (!has('accept-encoding')) headers.push(['Accept-Encoding', 'gzip, deflate, br']);
  return headers;
}

function bodyKind(contentType: string, sample: Buffer | undefined): ResponseBody['kind'] {
  const type = contentType.toLowerCase();
  if (/[/+]json\b/.test(type)) return 'json';
  if (/[/+]xml\b/.test(type)) return 'xml';
  if (type.includes('html')) return 'html';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('text/') || /javascript|x-www-form-urlencoded|csv|yaml/.test(type)) return 'text';
  if (!type && sample) {
    const head = sample.subarray(0, 1024);
    if (head.includes(0)) return 'binary';
    const text = head.toString('utf8').trimStart();
    return text.startsWith('{') || text.startsWith('[') ? 'json' : text.startsWith('<') ? 'xml' : 'text';
  }
  return type ? 'binary' : 'text';
}

function describeBody(result: HopResult): ResponseBody {
  const contentType = header(result.headers, 'content-type') ?? '';
  const collected: CollectedBody = result.body;
  const kind = bodyKind(contentType, collected.buffer);
  const body: ResponseBody = { size: collected.size, contentType, kind };
  if (result.contentEncoding) {
    body.contentEncoding = result.contentEncoding;
    body.encodedSize = result.encodedSize;
  }
  if (collected.bodyId) body.bodyId = collected.bodyId;
  else if (collected.buffer) {
    if (kind === 'image' || kind === 'binary') body.base64 = collected.buffer.toString('base64');
    else body.text = collected.buffer.toString('utf8');
  }
  return body;
}
