/**
 * The token cache (in memory, per profile and, for Per User, per user): minted JWTs until
 * `exp − skew`, access tokens until `expires_in` or their own `exp`, minus skew. Concurrent callers
 * share one in-flight fetch, so a burst of callouts makes one token request.
 */
import type { JWTHeaderParameters } from 'jose';

export interface CachedToken {
  kind: 'jwt' | 'access-token';
  token: string;
  /** `Bearer` (or the token_type the endpoint returned). */
  tokenType: string;
  /** Milliseconds; undefined when the endpoint gave no lifetime (kept until a refresh status or Clear). */
  expiresAt?: number;
  obtainedAt: number;
  timesUsed: number;
  /** For a JWT: what it carries, for the trace. */
  header?: JWTHeaderParameters;
  claims?: Record<string, unknown>;
}

export interface CacheKey {
  profileId: string;
  user: string;
}

const keyOf = ({ profileId, user }: CacheKey) => `${profileId}\u0000${user}`;

export class TokenCache {
  readonly #entries = new Map<string, CachedToken & CacheKey>();
  readonly #inFlight = new Map<string, Promise<CachedToken>>();

  /** A usable entry (one that will not expire within `skewMs`), counting the use. */
  take(key: CacheKey, now: number, skewMs: number): CachedToken | undefined {
    const entry = this.#entries.get(keyOf(key));
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && now >= entry.expiresAt - skewMs) {
      this.#entries.delete(keyOf(key));
      return undefined;
    }
    entry.timesUsed++;
    return entry;
  }

  /**
   * The cached entry, or the result of `fetch` — which runs at most once at a time per key; callers
   * that arrive while it runs wait for the same result.
   */
  async getOrFetch(
    key: CacheKey,
    now: number,
    skewMs: number,
    fetch: () => Promise<Omit<CachedToken, 'timesUsed'>>,
  ): Promise<{ entry: CachedToken; fromCache: boolean }> {
    const cached = this.take(key, now, skewMs);
    if (cached) return { entry: cached, fromCache: true };
    const id = keyOf(key);
    const running = this.#inFlight.get(id);
    if (running) {
      const entry = await running;
      entry.timesUsed++;
      return { entry, fromCache: true };
    }
    const promise = fetch().then((fresh) => {
      const entry = { ...fresh, ...key, timesUsed: 1 };
      this.#entries.set(id, entry);
      return entry;
    });
    this.#inFlight.set(id, promise);
    try {
      return { entry: await promise, fromCache: false };
    } finally {
      this.#inFlight.delete(id);
    }
  }

  put(key: CacheKey, token: Omit<CachedToken, 'timesUsed'>): CachedToken {
    const entry = { ...token, ...key, timesUsed: 0 };
    this.#entries.set(keyOf(key), entry);
    return entry;
  }

  drop(key: CacheKey) {
    this.#entries.delete(keyOf(key));
  }

  /** Drops every entry of a profile (all users). */
  clear(profileId: string) {
    for (const [id, entry] of this.#entries) if (entry.profileId === profileId) this.#entries.delete(id);
  }

  entries(profileId: string): (CachedToken & CacheKey)[] {
    return [...this.#entries.values()].filter((entry) => entry.profileId === profileId);
  }

  clearAll() {
    this.#entries.clear();
  }
}
