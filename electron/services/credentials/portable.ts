/**
 * Signet's own export format for profiles: JSON, certificates referenced by unique name (ids are
 * local to one data folder), no secrets. Import resolves names back to ids and applies the user's
 * conflict choice (skip, rename, overwrite) — shared with the Salesforce XML import.
 */
import { z } from 'zod';
import type { ConflictChoice, ImportReport } from '../../../shared/contract/credentials';
import { NamedCredentialInput, type NamedCredential, type NamedCredentialFields } from '../../../shared/credentials/profile';
import { AppError } from '../../../shared/errors';
import type { CertificateStore } from '../certificates/certificate-store';
import type { CredentialStore } from './credential-store';

export const PORTABLE_FORMAT = 'signet.named-credentials';

/** Certificate ids replaced by unique names (`{ certificate: "Name" }` references). */
export function toPortable(profiles: NamedCredential[], certificates: CertificateStore): string {
  const nameOf = (id: string | null) => (id ? (certificates.list().find((entry) => entry.id === id)?.name ?? null) : null);
  const credentials = profiles.map((profile) => {
    const fields = pickFields(profile);
    return {
      ...fields,
      clientCertificateId: undefined,
      tokenEndpointCaCertificateId: undefined,
      clientCertificate: nameOf(profile.clientCertificateId),
      tokenEndpointCaCertificate: nameOf(profile.tokenEndpointCaCertificateId),
      jwt: { ...fields.jwt, signingCertificateId: undefined, signingCertificate: nameOf(profile.jwt.signingCertificateId) },
    };
  });
  return `${JSON.stringify({ format: PORTABLE_FORMAT, version: 1, exportedAt: new Date().toISOString(), credentials }, null, 2)}\n`;
}

const PortableFile = z.object({
  format: z.literal(PORTABLE_FORMAT),
  version: z.literal(1),
  credentials: z.array(z.record(z.string(), z.unknown())).max(1000),
});

export interface ImportCandidate {
  fields: NamedCredentialFields;
  warnings: string[];
}

/** Parses an export; certificate names resolve to ids here (missing ones become warnings). */
export function fromPortable(content: string, certificates: CertificateStore): ImportCandidate[] {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new AppError('UNSUPPORTED_FORMAT', 'This file is not JSON. Choose a file exported from Signet’s Named Credentials tab.');
  }
  const file = PortableFile.safeParse(json);
  if (!file.success) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      'This JSON is not a Signet named credentials export (its "format" is not signet.named-credentials).',
    );
  }
  return file.data.credentials.map((raw, index) => {
    const warnings: string[] = [];
    const label = typeof raw.label === 'string' ? raw.label : `entry ${index + 1}`;
    const idFor = (name: unknown, what: string): string | null => {
      if (typeof name !== 'string' || !name) return null;
      const record = certificates.findByName(name);
      if (!record) warnings.push(`${label}: the ${what} ${name} is not in this Certificates tab; choose one before using the profile.`);
      return record?.id ?? null;
    };
    const jwt = (raw.jwt && typeof raw.jwt === 'object' ? raw.jwt : {}) as Record<string, unknown>;
    const parsed = NamedCredentialInput.safeParse({
      ...raw,
      clientCertificateId: idFor(raw.clientCertificate, 'Certificate'),
      tokenEndpointCaCertificateId: idFor(raw.tokenEndpointCaCertificate, 'Token Endpoint CA Certificate'),
      jwt: { ...jwt, signingCertificateId: idFor(jwt.signingCertificate, 'JWT Signing Certificate') },
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'BAD_INPUT',
        `${label}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}. Nothing was imported.`,
      );
    }
    return { fields: parsed.data, warnings };
  });
}

/** Adds candidates to the store per the conflict choice. Secrets never travel: say so for profiles that need them. */
export function applyImport(store: CredentialStore, candidates: ImportCandidate[], conflict: ConflictChoice): ImportReport {
  const report: ImportReport = { created: [], overwritten: [], renamed: [], skipped: [], warnings: [] };
  for (const { fields, warnings } of candidates) {
    report.warnings.push(...warnings);
    const existing = store.findByName(fields.name);
    if (existing && conflict === 'skip') {
      report.skipped.push(fields.name);
      continue;
    }
    if (existing && conflict === 'overwrite') {
      store.replaceFields(existing.id, fields);
      report.overwritten.push(fields.name);
    } else if (existing) {
      const name = store.uniqueName(fields.name);
      store.insertImported({ ...fields, name });
      report.renamed.push({ from: fields.name, to: name });
    } else {
      store.insertImported(fields);
      report.created.push(fields.name);
    }
    const needs = secretsNeeded(fields);
    if (needs.length) report.warnings.push(`${fields.label}: enter the ${needs.join(' and ')} (secrets are never exported).`);
  }
  return report;
}

export function secretsNeeded(fields: NamedCredentialFields): string[] {
  const needs: string[] = [];
  if (fields.protocol === 'password') needs.push('Password');
  if (fields.protocol === 'bearer') needs.push('bearer token');
  if (fields.protocol === 'client-credentials' && fields.clientAuth !== 'private_key_jwt') needs.push('Client Secret');
  if (['jwt', 'jwt-exchange', 'client-credentials'].includes(fields.protocol) && fields.jwt.algorithm.startsWith('HS'))
    needs.push('HMAC secret');
  return needs;
}

/** The editable fields of a record (what an export carries). */
export function pickFields(profile: NamedCredential): NamedCredentialFields {
  const { id: _id, createdAt: _c, updatedAt: _u, lastUsedAt: _l, secrets: _s, ...fields } = profile;
  return NamedCredentialInput.parse(fields);
}
