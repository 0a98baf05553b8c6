/** Small state hooks for the Inspector: the clock, decoding as the user types, recent tokens. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { decodeToken, type DecodeResult } from '../../../../shared/jwt/decode';

/** The current time in milliseconds, refreshed every `intervalMs` (relative times stay true). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Decodes locally (no bridge call); a JWS whose payload is not a JWT still decodes, with `notJwt` set. */
export function useDecoded(text: string): DecodeResult | null {
  return useMemo(() => (text.trim() ? decodeToken(text, { allowNonJwtPayload: true }) : null), [text]);
}

const MAX_RECENT = 10;

export interface RecentToken {
  token: string;
  /** A short name: sub, iss, or the alg. */
  label: string;
  seenAt: number;
}

/** Tokens seen in this run (memory only; forgotten when Signet locks or closes). */
export function useRecentTokens() {
  const [recent, setRecent] = useState<RecentToken[]>([]);
  const remember = useCallback((token: string, label: string) => {
    setRecent((list) => [{ token, label, seenAt: Date.now() }, ...list.filter((entry) => entry.token !== token)].slice(0, MAX_RECENT));
  }, []);
  const forget = useCallback((token: string) => setRecent((list) => list.filter((entry) => entry.token !== token)), []);
  return { recent, remember, forget };
}

/** A short label for a decoded token's claims. */
export function labelFor(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return text(payload.sub) ?? text(payload.client_id) ?? text(payload.iss) ?? `${String(header.alg ?? 'unknown')} token`;
}
