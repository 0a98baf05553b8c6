/**
 * Contract: named credentials (profiles, Preview Token, token cache, export/import). Profiles carry
 * no secrets — only which ones the vault holds. Preview Token is the one method that returns a
 * bearer token (see its doc comment).
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
   * now — or, with `draft`, the unsaved form with the stored secrets. THE ONLY BRIDGE METHOD THAT
   * RETURNS A BEARER TOKEN, by design: the user asked to see it. Client secrets and assertion
   * signatures stay redacted in the trace; failures carry the trace in `details.trace`.
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
   * `skipped` names profiles the chosen model cannot express.
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
  ).returns<SavedFile & { skipped: string[] }>(),
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
