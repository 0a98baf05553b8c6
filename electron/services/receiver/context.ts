/** What every receiver endpoint handler sees, and what it answers. */
import type { FaultRules, LogVerdict, ReceiverConfig, ReceiverLogEntry } from '../../../shared/contract/receiver';
import type { SigningKey } from './keys';
import type { JtiCache, TrustedKey } from './verify';

export interface ReceiverContext {
  config: ReceiverConfig;
  /** `http(s)://host:port`, also the issuer of access tokens. */
  baseUrl: string;
  signingKey: SigningKey;
  /** Trusted public keys for a token whose header names this kid (JWKS may refresh). */
  trustedKeys(kid: unknown): Promise<{ keys: TrustedKey[]; notes: string[] }>;
  replay: JtiCache;
  /** Seconds since the epoch. */
  now(): number;
  faults: FaultRules;
  /** A registered client's secret from the vault, or null when none is set. */
  clientSecret(clientId: string): string | null;
}

/** The request as handlers see it: body already read (and capped). */
export interface ReceiverRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A handler's answer, with the verdict for the log. */
export interface Outcome {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  endpoint: ReceiverLogEntry['endpoint'];
  verdict: LogVerdict;
  reason: string;
  /** The JWT the request carried, for the log. */
  token?: string;
}

export const urls = (baseUrl: string) => ({
  issuer: baseUrl,
  tokenEndpoint: `${baseUrl}/oauth2/token`,
  jwksUri: `${baseUrl}/.well-known/jwks.json`,
  discovery: `${baseUrl}/.well-known/openid-configuration`,
  api: `${baseUrl}/api`,
});
