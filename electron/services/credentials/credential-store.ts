/**
 * Named credential profiles: records in `named-credentials.json` (validated on load and on every
 * write), secrets in the vault under `credential:<id>:<kind>`. Internal to main; the bridge face is
 * credentials-service.ts.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkProfile, errorsOf, type CertificateFacts, type Problem } from '../../../shared/credentials/checks';
import { hasTokenEndpoint } from '../../../shared/credentials/profile';
import {
  NamedCredentialInput,
  NamedCredentialRecord,
  SECRET_KINDS,
  SecretsInput,
  type NamedCredential,
  type NamedCredentialFields,
  type SecretKind,
} from '../../../shared/credentials/profile';
import { AppError } from '../../../shared/errors';
import { toApiName } from '../../../shared/names';
import type { CertificateStore } from '../certificates/certificate-store';
import type { Document } from '../store/document';
import type { Vault } from '../vault/vault';

export const CredentialsFile = z.object({ credentials: z.array(NamedCredentialRecord) });
export type CredentialsFile = z.infer<typeof CredentialsFile>;
export const CREDENTIALS_DOCUMENT = {
  name: 'named-credentials',
  schema: CredentialsFile,
  version: 1,
  initial: () => ({ credentials: [] }),
};

const secretId = (id: string, kind: SecretKind) => `credential:${id}:${kind}`;

export class CredentialStore {
  readonly #document: Document<CredentialsFile>;
  readonly #vault: Vault;
  readonly #certificates: CertificateStore;
  readonly #listeners = new Set<(id: string) => void>();
  /** Bumped on every change to a profile or its secrets; compiled forms key on it. */
  readonly #versions = new Map<string, number>();

  constructor(document: Document<CredentialsFile>, vault: Vault, certificates: CertificateStore) {
    this.#document = document;
    this.#vault = vault;
    this.#certificates = certificates;
    certificates.registerUsage((certificateId) =>
      this.list()
        .filter(
          (profile) =>
            profile.clientCertificateId === certificateId ||
            profile.jwt.signingCertificateId === certificateId ||
            // The Token Endpoint CA Certificate counts where there is a token endpoint (the field is shown there).
            (profile.tokenEndpointCaCertificateId === certificateId && hasTokenEndpoint(profile.protocol)),
        )
        .map((profile) => `named credential ${profile.label}`),
    );
  }

  list(): NamedCredential[] {
    return this.#document.read().credentials;
  }

  get(id: string): NamedCredential {
    const profile = this.list().find((entry) => entry.id === id);
    if (!profile)
      throw new AppError('NOT_FOUND', 'That named credential no longer exists. It may have been deleted.', { credentialId: id });
    return profile;
  }

  /** By API name, case-insensitively as Salesforce resolves `callout:` names. */
  findByName(name: string): NamedCredential | undefined {
    const wanted = name.toLowerCase();
    return this.list().find((entry) => entry.name.toLowerCase() === wanted);
  }

  /** Changes each time the profile or one of its secrets changes. */
  version(id: string): number {
    return this.#versions.get(id) ?? 0;
  }

  onChange(listener: (id: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Public facts of a certificate for the checks (undefined when deleted). */
  certificateFacts = (id: string): CertificateFacts | undefined => {
    const record = this.#certificates.list().find((entry) => entry.id === id);
    return (
      record && {
        label: record.label,
        keyAlgorithm: record.keyAlgorithm,
        hasPrivateKey: record.hasPrivateKey,
        hasCertificate: record.hasCertificate,
        notAfter: record.notAfter,
      }
    );
  };

  /** Errors and warnings of a profile as it is stored now. */
  problems(profile: NamedCredential): Problem[] {
    return checkProfile(profile, { certificate: this.certificateFacts, secrets: profile.secrets });
  }

  create(rawProfile: unknown, rawSecrets: unknown = {}): NamedCredential {
    const fields = NamedCredentialInput.parse(rawProfile);
    const secrets = SecretsInput.parse(rawSecrets);
    this.#assertNameFree(fields.name);
    const id = randomUUID();
    const secretFlags = this.#flagsAfter(undefined, secrets);
    this.#assertValid(fields, secretFlags);
    const now = new Date().toISOString();
    const record: NamedCredential = { ...fields, id, createdAt: now, updatedAt: now, lastUsedAt: null, secrets: secretFlags };
    this.#writeSecrets(id, secrets);
    this.#document.update((file) => ({ credentials: [...file.credentials, record] }));
    this.#changed(id);
    return record;
  }

  update(id: string, rawProfile: unknown, rawSecrets: unknown = {}): NamedCredential {
    const current = this.get(id);
    const fields = NamedCredentialInput.parse(rawProfile);
    const secrets = SecretsInput.parse(rawSecrets);
    if (fields.name.toLowerCase() !== current.name.toLowerCase()) this.#assertNameFree(fields.name);
    const secretFlags = this.#flagsAfter(current, secrets);
    this.#assertValid(fields, secretFlags);
    const record: NamedCredential = { ...current, ...fields, id, updatedAt: new Date().toISOString(), secrets: secretFlags };
    this.#writeSecrets(id, secrets);
    this.#document.update((file) => ({ credentials: file.credentials.map((entry) => (entry.id === id ? record : entry)) }));
    this.#changed(id);
    return record;
  }

  /** A copy named "<Label> (copy)", with copies of its secrets. */
  duplicate(id: string): NamedCredential {
    const source = this.get(id);
    const label = `${source.label} (copy)`.slice(0, 80);
    const name = this.uniqueName(toApiName(`${source.name}_copy`) || 'Credential_copy');
    const copy = this.#insertRaw({ ...source, label, name, lastUsedAt: null });
    for (const kind of SECRET_KINDS) {
      if (source.secrets[kind] && this.#vault.has(secretId(id, kind)))
        this.#vault.seal(secretId(copy.id, kind), this.#vault.open(secretId(id, kind)));
    }
    return copy;
  }

  remove(id: string): void {
    this.get(id);
    this.#document.update((file) => ({ credentials: file.credentials.filter((entry) => entry.id !== id) }));
    for (const kind of SECRET_KINDS) this.#vault.delete(secretId(id, kind));
    this.#changed(id);
  }

  /** Opens a secret of the profile. Never let the result cross the bridge. */
  secret(id: string, kind: SecretKind): string {
    const item = secretId(id, kind);
    if (!this.#vault.has(item)) {
      throw new AppError('BAD_INPUT', `${this.get(id).label}: the ${SECRET_LABELS[kind]} is not set. Enter it in the editor and save.`, {
        field: `secrets.${kind}`,
      });
    }
    return this.#vault.openText(item);
  }

  /** Marks a profile used now (kept in memory; persisted by `flushLastUsed`). */
  markUsed(id: string, at = new Date()) {
    this.#lastUsed.set(id, at.toISOString());
  }

  readonly #lastUsed = new Map<string, string>();

  /** The last-used time including unflushed uses. */
  lastUsed(profile: NamedCredential): string | null {
    return this.#lastUsed.get(profile.id) ?? profile.lastUsedAt;
  }

  /** Persists recorded uses; true when there were any. */
  flushLastUsed(): boolean {
    if (this.#lastUsed.size === 0) return false;
    const used = new Map(this.#lastUsed);
    this.#lastUsed.clear();
    this.#document.update((file) => ({
      credentials: file.credentials.map((entry) => (used.has(entry.id) ? { ...entry, lastUsedAt: used.get(entry.id)! } : entry)),
    }));
    return true;
  }

  /** Adds a record as given (import, duplicate): new id and timestamps, name must be free. */
  insertImported(fields: NamedCredentialFields): NamedCredential {
    this.#assertNameFree(fields.name);
    return this.#insertRaw({
      ...fields,
      lastUsedAt: null,
      secrets: { password: false, bearerToken: false, clientSecret: false, hmacSecret: false },
    });
  }

  /** Replaces a record's fields (import with overwrite), keeping id and secrets. */
  replaceFields(id: string, fields: NamedCredentialFields): NamedCredential {
    const current = this.get(id);
    const record: NamedCredential = { ...current, ...NamedCredentialInput.parse(fields), id, updatedAt: new Date().toISOString() };
    this.#document.update((file) => ({ credentials: file.credentials.map((entry) => (entry.id === id ? record : entry)) }));
    this.#changed(id);
    return record;
  }

  /** `base`, or `base_2`, `base_3`... whichever is free. */
  uniqueName(base: string): string {
    const stem = base.slice(0, 76);
    if (!this.findByName(stem)) return stem;
    for (let n = 2; ; n++) if (!this.findByName(`${stem}_${n}`)) return `${stem}_${n}`;
  }

  #insertRaw(source: Omit<NamedCredential, 'id' | 'createdAt' | 'updatedAt'>): NamedCredential {
    const now = new Date().toISOString();
    const record = NamedCredentialRecord.parse({ ...source, id: randomUUID(), createdAt: now, updatedAt: now });
    this.#document.update((file) => ({ credentials: [...file.credentials, record] }));
    this.#changed(record.id);
    return record;
  }

  #assertNameFree(name: string) {
    const existing = this.findByName(name);
    if (existing) {
      throw new AppError('CONFLICT', `A named credential called ${existing.name} already exists. Choose another Name.`, { field: 'name' });
    }
  }

  #assertValid(fields: NamedCredentialFields, secrets: Record<SecretKind, boolean>) {
    const errors = errorsOf(checkProfile(fields, { certificate: this.certificateFacts, secrets }));
    if (errors.length > 0) {
      throw new AppError('BAD_INPUT', errors.map((problem) => problem.message).join(' '), {
        issues: errors.map((problem) => ({ path: problem.field.split('.'), message: problem.message })),
      });
    }
  }

  #flagsAfter(current: NamedCredential | undefined, secrets: z.output<typeof SecretsInput>): Record<SecretKind, boolean> {
    const flags = { ...(current?.secrets ?? { password: false, bearerToken: false, clientSecret: false, hmacSecret: false }) };
    for (const kind of SECRET_KINDS) {
      const value = secrets[kind];
      if (value === null || value === '') flags[kind] = false;
      else if (typeof value === 'string') flags[kind] = true;
    }
    return flags;
  }

  #writeSecrets(id: string, secrets: z.output<typeof SecretsInput>) {
    for (const kind of SECRET_KINDS) {
      const value = secrets[kind];
      if (value === null || value === '') this.#vault.delete(secretId(id, kind));
      else if (typeof value === 'string') this.#vault.seal(secretId(id, kind), value);
    }
  }

  #changed(id: string) {
    this.#versions.set(id, this.version(id) + 1);
    for (const listener of this.#listeners) listener(id);
  }
}

export const SECRET_LABELS: Record<SecretKind, string> = {
  password: 'Password',
  bearerToken: 'bearer token',
  clientSecret: 'Client Secret',
  hmacSecret: 'HMAC secret',
};
