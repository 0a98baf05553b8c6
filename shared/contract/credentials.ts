/**
 * Contract: named credentials (profiles, Preview Token, token cache, export/import). Profiles carry
 * no secrets — only which ones the vault holds. Preview Token is one of the two bridge methods that
 * return a bearer token; `http.send` is the other (see previewToken's doc comment).
 */
import { z } from 'zod';
import type { Problem } from '../credentials/checks';
import { NamedCredentialInput, SaveCredentialInput, type NamedCredential } from '../credentials/profile';
import { method } from '../rpc';
import type { AuthTrace } from './auth-trace';
import { SaveDestination, type SavedFile } from './files';

export type { NamedCredential } from '../credentials/profile';

/** A stored profile as the UI sees it: its record, and its errors and warnings as of now. */
export interface NamedCredentialView extends NamedCredential {
  problems: Problem[];
}

export interface TokenPreview {
  /** What Preview shows: a JWT, an access token from the token endpoint, or nothing to show. */
  kind: 'jwt' | 'access-token' | 'none';
  /** The bearer token this profile sends now (null for No Authentication, Password and static Bearer Token). */
  token: string | null;
  tokenType: string;
  /** Decoded header and claims when the token is a JWT. */
  decoded?: { header: Record<string, unknown>; claims: Record<string, unknown> };
  expiresAt?: string;
  durationMs: number;
  trace: AuthTrace;
  /** Why there is no token to show, when there is none. */
  note?: string;
}

export interface TokenCacheEntryView {
  user: string;
  kind: 'jwt' | 'access-token';
  tokenType: string;
  /** The token shortened ("eyJhbGciOi… (812 characters)"). */
  preview: string;
  obtainedAt: string;
  expiresAt?: string;
  timesUsed: number;
}

export const CONFLICT_CHOICES = ['skip', 'rename', 'overwrite'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

export interface ImportReport {
  created: string[];
  overwritten: string[];
  renamed: { from: string; to: string }[];
  skipped: string[];
  /** Things the user must redo (secrets not carried, certificates not found...). */
  warnings: string[];
}

export const SALESFORCE_MODELS = ['legacy', 'new'] as const;
export type SalesforceModel = (typeof SALESFORCE_MODELS)[number];

const Id = z.string().min(1).max(64);
const Variables = z.record(z.string().max(200), z.string().max(10_000)).default({});

export const credentialsContract = {
  list: method(z.tuple([])).returns<NamedCredentialView[]>(),
  get: method(z.tuple([Id])).returns<NamedCredentialView>(),
  create: method(z.tuple([SaveCredentialInput])).returns<NamedCredentialView>(),
  update: method(z.tuple([SaveCredentialInput.extend({ id: Id })])).returns<NamedCredentialView>(),
  duplicate: method(z.tuple([Id])).returns<NamedCredentialView>(),
  remove: method(z.tuple([Id])).returns<null>(),
  /**
   * Mints (JWT) or fetches (JWT Token Exchange, Client Credentials) the token the profile would send
   * now — or, with `draft`, the unsaved form with the stored secrets. By design it returns that bearer
   * token in full (JWT or access token): the user asked to see it. Client secrets are redacted in the
   * trace, and the token request shows the assertion without its signature; failures carry the trace
   * in `details.trace`.
   *
   * The other bridge method that returns bearer tokens is `http.send` (issue 5: "the exact JWT sent,
   * decoded, with Open in Inspector"): its `sent.headers` hold Authorization as sent — a minted JWT or
   * an access token from a token request, in full (the live view; history redacts it) — and its auth
   * trace's `jwt` steps hold each JWT Signet minted, in full with its signature: the bearer JWT and the
   * jwt-bearer / client assertion alike. Access tokens from a token request are NOT in full in any
   * trace: `token-request` responses shorten them ("eyJhbGciOi… (812 characters)") and `cached-token`
   * steps carry none.
   */
  previewToken: method(
    z.tuple([z.object({ id: Id, draft: NamedCredentialInput.optional(), variables: Variables, user: z.string().max(255).optional() })]),
  ).returns<TokenPreview>(),
  tokenCache: method(z.tuple([Id])).returns<TokenCacheEntryView[]>(),
  clearTokenCache: method(z.tuple([Id])).returns<null>(),
  /** Profiles as Signet JSON (certificates by unique name; no secrets), written by main. */
  exportProfiles: method(z.tuple([z.object({ ids: z.array(Id).min(1).max(500), destination: SaveDestination })])).returns<SavedFile>(),
  importProfiles: method(
    z.tuple([z.object({ content: z.string().min(1).max(5_000_000), conflict: z.enum(CONFLICT_CHOICES).default('skip') })]),
  ).returns<ImportReport>(),
  /**
   * Salesforce metadata as a zip laid out like an SFDX project (`force-app/main/default/namedCredentials/…`):
   * legacy NamedCredential XML, or new-model NamedCredential + ExternalCredential XML. No secrets.
   * `skipped` names profiles the chosen model cannot express; `warnings`, per exported profile, the
   * settings Salesforce cannot honour (e.g. a legacy JWT signed ES256).
   */
  exportSalesforce: method(
    z.tuple([
      z.object({
        ids: z.array(Id).min(1).max(500),
        model: z.enum(SALESFORCE_MODELS),
        /** A zip file, or the project written as a folder. */
        layout: z.enum(['zip', 'folder']).default('zip'),
        destination: SaveDestination,
      }),
    ]),
  ).returns<SavedFile & { skipped: string[]; warnings: string[] }>(),
  /** `.namedCredential-meta.xml` / `.externalCredential-meta.xml` files, or zips of them, as base64. */
  importSalesforce: method(
    z.tuple([
      z.object({
        files: z
          .array(z.object({ name: z.string().min(1).max(500), base64: z.string().max(20_000_000) }))
          .min(1)
          .max(500),
        conflict: z.enum(CONFLICT_CHOICES).default('skip'),
      }),
    ]),
  ).returns<ImportReport>(),
};
