/**
 * The credential engine: implements `CredentialResolver` for callouts (`callout:Name/...`) and the
 * Preview Token / token cache features. Profiles are compiled once per version (JWT templates,
 * signing key, client TLS) so a callout that reuses a cached token costs a map lookup, and one that
 * mints costs one signature.
 */
import type { KeyObject } from 'node:crypto';
import type { AuthTrace, AuthTraceStep } from '../../../shared/contract/auth-trace';
import { isHmacAlgorithm } from '../../../shared/credentials/algorithms';
import { errorsOf } from '../../../shared/credentials/checks';
import type { NamedCredential, NamedCredentialFields } from '../../../shared/credentials/profile';
import { AppError } from '../../../shared/errors';
import type { CertificateStore } from '../certificates/certificate-store';
import type { TlsOptions } from '../http/small-request';
import type { Vault } from '../vault/vault';
import { fetchAccessToken, fetchBearerJwt, jwtStep, type FlowContext, type FreshToken } from './auth-flows';
import type { CredentialStore } from './credential-store';
import { compileJwtTemplate, mintAssertion, type JwtPurpose, type JwtTemplate, type MintedJwt } from './jwt-mint';
import { applyMergeFields, substituteVariables, type CredentialMergeValues } from './merge-fields';
import type { CalloutContext, CredentialResolver, ResolvedCredential } from './resolver';
import { TokenCache, type CachedToken } from './token-cache';

interface Compiled {
  version: number;
  user: string;
  /** The profile passed its checks (done once per version). */
  checked?: boolean;
  /** A flow context without variables, reused by `mint`. */
  flow?: FlowContext;
  templates: Map<JwtPurpose, JwtTemplate>;
  signingKey?: KeyObject | Uint8Array;
  clientTls?: { cert: string; key: string } | null;
  tokenTls?: TlsOptions;
}

export interface EngineOptions {
  now?: () => number;
  /** Timeout of a token request (default 30 s). */
  tokenTimeoutMs?: number;
}

export class CredentialEngine implements CredentialResolver {
  readonly cache = new TokenCache();
  readonly #store: CredentialStore;
  readonly #certificates: CertificateStore;
  readonly #compiled = new Map<string, Compiled>();
  readonly #now: () => number;
  readonly #tokenTimeoutMs: number;

  constructor(store: CredentialStore, certificates: CertificateStore, vault: Vault, options: EngineOptions = {}) {
    this.#store = store;
    this.#certificates = certificates;
    this.#now = options.now ?? Date.now;
    this.#tokenTimeoutMs = options.tokenTimeoutMs ?? 30_000;
    store.onChange((id) => {
      this.#compiled.delete(id);
      this.cache.clear(id);
    });
    certificates.onChange(() => this.#compiled.clear());
    vault.onChange((status) => {
      if (status.state !== 'unlocked') {
        this.#compiled.clear();
        this.cache.clearAll();
      }
    });
  }

  invalidate(name: string): void {
    const profile = this.#store.findByName(name);
    if (profile) this.cache.clear(profile.id);
  }

  profileByName(name: string): NamedCredential {
    const profile = this.#store.findByName(name);
    if (!profile) {
      throw new AppError(
        'NOT_FOUND',
        `There is no named credential called ${name}. Check the name after callout: (Named Credentials tab).`,
        {
          credentialName: name,
        },
      );
    }
    return profile;
  }

  async resolveAuth(name: string, context: CalloutContext): Promise<ResolvedCredential> {
    const profile = this.profileByName(name);
    const user = activeUserOf(profile, context.user);
    const trace: AuthTrace = {
      credential: { id: profile.id, name: profile.name, label: profile.label, protocol: profile.protocol },
      steps: [],
    };
    const flow = this.#flowContext(profile, user, context.variables, context.signal);
    if (context.forceRefresh) this.cache.drop({ profileId: profile.id, user });
    let auth: { scheme?: 'Basic' | 'Bearer'; value?: string; merge: CredentialMergeValues };
    try {
      auth = await this.#authorize(profile, user, flow, trace.steps, { preferCache: true });
    } catch (error) {
      // The Request tab shows what happened so far (the assertion, the refused token request) in its Auth view.
      if (error instanceof AppError) throw new AppError(error.code, error.message, { ...error.details, trace });
      throw error;
    }
    this.#store.markUsed(profile.id);

    const headers: { name: string; value: string }[] = [];
    if (profile.generateAuthorizationHeader && auth.scheme && auth.value !== undefined) {
      headers.push({ name: 'Authorization', value: `${auth.scheme} ${auth.value}` });
    }
    for (const header of profile.customHeaders) {
      headers.push({ name: header.name, value: applyMergeFields(substituteVariables(header.value, context.variables), auth.merge) });
    }
    const compiled = this.#compile(profile, user);
    const clientTls = this.#clientTls(profile, compiled);
    return {
      id: profile.id,
      name: profile.name,
      label: profile.label,
      protocol: profile.protocol,
      url: profile.url,
      headers,
      ...(clientTls ? { clientTls } : {}),
      mergeFields: {
        inHeaders: profile.allowMergeFieldsInHeader,
        inBody: profile.allowMergeFieldsInBody,
        apply: (text: string) => applyMergeFields(text, auth.merge, { allowHtmlEncode: true }),
      },
      refreshOn: [...profile.refreshOnStatus],
      trace,
    };
  }

  /**
   * Mints or fetches afresh what the profile would send now. `draft` previews unsaved fields with
   * the stored secrets; only a saved profile's token goes into the cache.
   */
  async preview(
    id: string,
    options: { draft?: NamedCredentialFields; variables?: Record<string, string>; user?: string; signal?: AbortSignal } = {},
  ): Promise<{ profile: NamedCredential; token?: CachedToken | FreshToken; trace: AuthTrace; durationMs: number }> {
    const saved = this.#store.get(id);
    const profile: NamedCredential = options.draft ? { ...saved, ...options.draft, id: saved.id, secrets: saved.secrets } : saved;
    const user = activeUserOf(profile, options.user);
    const trace: AuthTrace = {
      credential: { id: profile.id, name: profile.name, label: profile.label, protocol: profile.protocol },
      steps: [],
    };
    const started = performance.now();
    const flow = this.#flowContext(profile, user, options.variables ?? {}, options.signal, !!options.draft);
    try {
      const auth = await this.#authorize(profile, user, flow, trace.steps, { preferCache: false, store: !options.draft });
      return { profile, ...(auth.token ? { token: auth.token } : {}), trace, durationMs: performance.now() - started };
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, error.message, { ...error.details, trace });
      throw error;
    }
  }

  /** Mints the profile's JWT without the cache (the benchmark's "mint through the credential service"). */
  async mint(id: string, variables: Record<string, string> = {}): Promise<MintedJwt> {
    const profile = this.#store.get(id);
    const purpose: JwtPurpose =
      profile.protocol === 'jwt' ? 'bearer' : profile.protocol === 'jwt-exchange' ? 'assertion' : 'client-assertion';
    const compiled = this.#compile(profile, activeUserOf(profile));
    const flow = (compiled.flow ??= this.#flowContext(profile, compiled.user, {}));
    return mintAssertion(flow.template(purpose), flow.signingKey(), { now: this.#now(), variables });
  }

  async #authorize(
    profile: NamedCredential,
    user: string,
    flow: FlowContext,
    steps: AuthTraceStep[],
    options: { preferCache: boolean; store?: boolean },
  ): Promise<{ scheme?: 'Basic' | 'Bearer'; value?: string; merge: CredentialMergeValues; token?: CachedToken | FreshToken }> {
    switch (profile.protocol) {
      case 'none':
        steps.push({ kind: 'none', reason: 'No Authentication: no Authorization header is added.' });
        return { merge: {} };
      case 'password': {
        const password = this.#store.secret(profile.id, 'password');
        const value = Buffer.from(`${profile.username}:${password}`, 'utf8').toString('base64');
        steps.push({ kind: 'static', scheme: 'Basic', description: `Password Authentication as ${profile.username}` });
        return {
          scheme: 'Basic',
          value,
          merge: { AuthorizationMethod: 'Basic', AuthorizationHeaderValue: value, Username: profile.username, Password: password },
        };
      }
      case 'bearer': {
        const token = this.#store.secret(profile.id, 'bearerToken');
        steps.push({ kind: 'static', scheme: 'Bearer', description: 'Bearer Token (static; never refreshed)' });
        return { scheme: 'Bearer', value: token, merge: bearerMerge(token, profile) };
      }
      default: {
        const key = { profileId: profile.id, user };
        const skewMs = profile.jwt.clockSkewSeconds * 1000;
        const fetch = profile.protocol === 'jwt' ? () => fetchBearerJwt(flow, steps) : () => fetchAccessToken(flow, steps);
        let token: CachedToken | FreshToken;
        if (!options.preferCache) {
          token = await fetch();
          if (options.store) token = this.cache.put(key, token);
        } else {
          const { entry, fromCache } = await this.cache.getOrFetch(key, this.#now(), skewMs, fetch);
          token = entry;
          if (fromCache) steps.push(cachedStep(entry));
        }
        return { scheme: 'Bearer', value: token.token, merge: bearerMerge(token.token, profile), token };
      }
    }
  }

  /** Refuses to mint with a profile that has blocking problems (deleted certificate, bad claims...). */
  #assertUsable(profile: NamedCredential) {
    const errors = errorsOf(this.#store.problems(profile));
    if (errors.length) {
      throw new AppError('BAD_INPUT', `${profile.label}: ${errors.map((problem) => problem.message).join(' ')}`, {
        credentialId: profile.id,
        issues: errors.map((problem) => ({ path: problem.field.split('.'), message: problem.message })),
      });
    }
  }

  #flowContext(
    profile: NamedCredential,
    user: string,
    variables: Record<string, string>,
    signal?: AbortSignal,
    fresh = false,
  ): FlowContext {
    const compiled = fresh ? this.#build(profile, user) : this.#compile(profile, user);
    if (!compiled.checked) {
      this.#assertUsable(profile);
      compiled.checked = true;
    }
    return {
      profile,
      variables,
      signal,
      now: this.#now,
      tokenTimeoutMs: this.#tokenTimeoutMs,
      template: (purpose) => {
        let template = compiled.templates.get(purpose);
        if (!template) {
          const certificateId = profile.jwt.signingCertificateId;
          const certificate = !isHmacAlgorithm(profile.jwt.algorithm) && certificateId ? this.#certificates.get(certificateId) : undefined;
          compiled.templates.set(purpose, (template = compileJwtTemplate(profile, purpose, certificate, user || null)));
        }
        return template;
      },
      signingKey: () => (compiled.signingKey ??= this.#signingKey(profile)),
      secret: (kind) => this.#store.secret(profile.id, kind),
      tokenTls: () => (compiled.tokenTls ??= this.#tokenTls(profile, compiled)),
    };
  }

  #compile(profile: NamedCredential, user: string): Compiled {
    const version = this.#store.version(profile.id);
    const cached = this.#compiled.get(profile.id);
    if (cached && cached.version === version && cached.user === user) return cached;
    const compiled = this.#build(profile, user);
    this.#compiled.set(profile.id, compiled);
    return compiled;
  }

  #build(profile: NamedCredential, user: string): Compiled {
    return { version: this.#store.version(profile.id), user, templates: new Map() };
  }

  #signingKey(profile: NamedCredential): KeyObject | Uint8Array {
    if (isHmacAlgorithm(profile.jwt.algorithm)) return new TextEncoder().encode(this.#store.secret(profile.id, 'hmacSecret'));
    const id = profile.jwt.signingCertificateId;
    if (!id)
      throw new AppError('BAD_INPUT', `${profile.label}: choose the JWT Signing Certificate.`, { field: 'jwt.signingCertificateId' });
    return this.#certificates.privateKey(id);
  }

  #clientTls(profile: NamedCredential, compiled: Compiled): { cert: string; key: string } | undefined {
    if (compiled.clientTls === undefined) {
      const id = profile.clientCertificateId;
      compiled.clientTls = id
        ? {
            cert: this.#certificates.get(id).chainPem,
            key: this.#certificates.privateKey(id).export({ type: 'pkcs8', format: 'pem' }).toString(),
          }
        : null;
    }
    return compiled.clientTls ?? undefined;
  }

  #tokenTls(profile: NamedCredential, compiled: Compiled): TlsOptions | undefined {
    const clientTls = this.#clientTls(profile, compiled);
    const caId = profile.tokenEndpointCaCertificateId;
    const ca = caId ? [this.#certificates.get(caId).chainPem] : undefined;
    if (!clientTls && !ca) return undefined;
    return { ...(clientTls ?? {}), ...(ca ? { ca } : {}) };
  }
}

/** The user whose subject and cache entry apply ('' unless Per User). */
function activeUserOf(profile: NamedCredentialFields, requested?: string): string {
  if (profile.identityType !== 'per-user') return '';
  return requested ?? profile.activeUser ?? '';
}

function bearerMerge(token: string, profile: NamedCredentialFields): CredentialMergeValues {
  return {
    AuthorizationMethod: 'Bearer',
    AuthorizationHeaderValue: token,
    OAuthToken: token,
    ...(profile.clientId ? { OAuthConsumerKey: profile.clientId } : {}),
  };
}

function cachedStep(entry: CachedToken): AuthTraceStep {
  if (entry.kind === 'jwt' && entry.header && entry.claims) {
    return jwtStep({ token: entry.token, header: entry.header, claims: entry.claims, expiresAt: entry.expiresAt ?? 0 }, 'bearer', true);
  }
  return {
    kind: 'cached-token',
    tokenType: entry.tokenType,
    ...(entry.expiresAt !== undefined ? { expiresAt: new Date(entry.expiresAt).toISOString() } : {}),
    timesUsed: entry.timesUsed,
  };
}
