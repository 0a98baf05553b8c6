/**
 * Export to and import from Salesforce metadata, laid out as an SFDX project
 * (`force-app/main/default/namedCredentials/<Name>.namedCredential-meta.xml`, and for the new model
 * `externalCredentials/<Name>.externalCredential-meta.xml`), zipped. Signet's extras ride along in an
 * XML comment so a round trip keeps every field Signet models; plain Salesforce files import too.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { NamedCredentialFields } from '../../../../shared/credentials/profile';
import { blankProfile, NamedCredentialInput } from '../../../../shared/credentials/profile';
import { AppError } from '../../../../shared/errors';
import { toApiName } from '../../../../shared/names';
import type { CertificateStore } from '../../certificates/certificate-store';
import type { ImportCandidate } from '../portable';
import { jwtBodyClaims, toExternalCredentialXml, toSecuredNamedCredentialXml, fromSecured } from './external-credential';
import { legacyWarnings, newModelWarnings } from './export-warnings';
import { fromLegacy, legacyUnsupported, toLegacyXml, type CertificateNames } from './legacy';
import { parseMetadata, text, type ParsedDocument } from './xml';

export type SalesforceModel = 'legacy' | 'new';
const ROOT = 'force-app/main/default';

export function certificateNames(certificates: CertificateStore, warnings: string[] = [], label = ''): CertificateNames {
  return {
    nameOf: (id) => (id ? certificates.list().find((entry) => entry.id === id)?.name : undefined),
    idOf: (name) => {
      if (!name) return null;
      const record = certificates.findByName(name);
      if (!record) warnings.push(`${label}the certificate ${name} is not in this Certificates tab; choose one before using the profile.`);
      return record?.id ?? null;
    },
    thumbprintOf: (id) => (id ? certificates.list().find((entry) => entry.id === id)?.jwkThumbprint : undefined),
    x5tOf: (id) => {
      const record = id ? certificates.list().find((entry) => entry.id === id) : undefined;
      return record?.hasCertificate ? { x5t: record.x5t, 'x5t#S256': record['x5t#S256'] } : undefined;
    },
  };
}

/** Extras: the Signet fields, certificates by name (ids are local to one data folder). */
function extrasOf(profile: NamedCredentialFields, names: CertificateNames) {
  return {
    v: 1,
    profile: {
      ...profile,
      clientCertificateId: undefined,
      tokenEndpointCaCertificateId: undefined,
      tokenEndpointCaCertificate: names.nameOf(profile.tokenEndpointCaCertificateId),
      jwt: { ...profile.jwt, signingCertificateId: undefined },
    },
  };
}

/**
 * The SFDX project as a zip. Profiles the model cannot express at all are listed in `skipped`;
 * settings of exported profiles that Salesforce cannot honour, in `warnings`.
 */
export function exportSalesforce(
  profiles: NamedCredentialFields[],
  model: SalesforceModel,
  certificates: CertificateStore,
): { files: Record<string, Uint8Array>; zip: Uint8Array; skipped: string[]; warnings: string[] } {
  const names = certificateNames(certificates);
  const files: Record<string, Uint8Array> = {
    'sfdx-project.json': strToU8(
      `${JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }, null, 2)}\n`,
    ),
  };
  const skipped: string[] = [];
  const warnings: string[] = [];
  for (const profile of profiles) {
    const extras = extrasOf(profile, names);
    if (model === 'legacy') {
      const reason = legacyUnsupported(profile);
      if (reason) {
        skipped.push(reason);
        continue;
      }
      files[`${ROOT}/namedCredentials/${profile.name}.namedCredential-meta.xml`] = strToU8(toLegacyXml(profile, names, extras));
      warnings.push(...legacyWarnings(profile));
    } else {
      files[`${ROOT}/namedCredentials/${profile.name}.namedCredential-meta.xml`] = strToU8(toSecuredNamedCredentialXml(profile, names));
      files[`${ROOT}/externalCredentials/${profile.name}.externalCredential-meta.xml`] = strToU8(
        toExternalCredentialXml(profile, names, extras),
      );
      warnings.push(...newModelWarnings(profile, jwtBodyClaims(profile)));
    }
  }
  if (Object.keys(files).length === 1) throw new AppError('BAD_INPUT', skipped.join(' ') || 'Choose at least one profile to export.');
  return { files, zip: zipSync(files, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') }), skipped, warnings };
}

interface MetadataFile {
  path: string;
  doc: ParsedDocument;
}

/** Reads uploaded files (XML, or zips of them) into named credential fields. */
export function importSalesforce(files: { name: string; base64: string }[], certificates: CertificateStore): ImportCandidate[] {
  const texts: { path: string; text: string }[] = [];
  for (const file of files) {
    const bytes = Buffer.from(file.base64, 'base64');
    if (file.name.toLowerCase().endsWith('.zip') || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(bytes);
      } catch {
        throw new AppError('UNSUPPORTED_FORMAT', `${file.name} is not a readable zip file. Nothing was imported.`, { file: file.name });
      }
      for (const [path, content] of Object.entries(entries))
        if (/\.(namedCredential|externalCredential)(-meta)?\.xml$/i.test(path)) texts.push({ path, text: strFromU8(content) });
    } else {
      texts.push({ path: file.name, text: bytes.toString('utf8') });
    }
  }
  const parsed: MetadataFile[] = texts.map(({ path, text: content }) => ({ path, doc: parseMetadata(path, content) }));
  const externals = new Map(parsed.filter((file) => file.doc.root === 'ExternalCredential').map((file) => [apiNameOf(file), file]));
  const candidates: ImportCandidate[] = [];
  for (const file of parsed.filter((entry) => entry.doc.root === 'NamedCredential')) {
    const name = apiNameOf(file);
    const warnings: string[] = [];
    const label = text(file.doc.body, 'label') ?? name;
    const names = certificateNames(certificates, warnings, `${label}: `);
    const secured = text(file.doc.body, 'namedCredentialType') === 'SecuredEndpoint' || 'namedCredentialParameters' in file.doc.body;
    let fields: NamedCredentialFields;
    if (secured) {
      const ecName = (file.doc.body.namedCredentialParameters as Record<string, unknown>[] | undefined)?.find(
        (param) => param.parameterType === 'Authentication',
      )?.externalCredential;
      const ec = typeof ecName === 'string' ? externals.get(ecName) : undefined;
      if (!ec) {
        throw new AppError(
          'UNSUPPORTED_FORMAT',
          `${file.path} refers to the External Credential ${String(ecName ?? '(none)')}, which is not among the files. Add its .externalCredential-meta.xml. Nothing was imported.`,
          { file: file.path },
        );
      }
      fields = fromSecured({ nc: file.path, ec: ec.path }, name, file.doc.body, ec.doc.body, baseFrom(ec.doc.extras, names), names);
    } else {
      fields = fromLegacy(file.path, name, file.doc.body, baseFrom(file.doc.extras, names), names);
    }
    const valid = NamedCredentialInput.safeParse(fields);
    if (!valid.success) {
      const issue = valid.error.issues[0];
      throw new AppError(
        'BAD_INPUT',
        `${file.path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}. Nothing was imported.`,
        { file: file.path },
      );
    }
    candidates.push({ fields: valid.data, warnings });
  }
  if (candidates.length === 0)
    throw new AppError('UNSUPPORTED_FORMAT', 'No NamedCredential metadata was found in the chosen files. Nothing was imported.');
  return candidates;
}

/** Signet's extras when present and valid; otherwise a blank profile shaped like Salesforce's defaults. */
function baseFrom(extras: unknown, names: CertificateNames): NamedCredentialFields {
  const profile = (extras as { profile?: Record<string, unknown> } | undefined)?.profile;
  if (profile) {
    const parsed = NamedCredentialInput.safeParse({
      ...profile,
      tokenEndpointCaCertificateId: names.idOf(profile.tokenEndpointCaCertificate as string | undefined),
    });
    if (parsed.success) return parsed.data;
  }
  const blank = blankProfile();
  return { ...blank, jwt: { ...blank.jwt, kid: 'none', typ: '', includeIat: true, includeNbf: true, includeJti: false } };
}

function apiNameOf(file: MetadataFile): string {
  const base = file.path
    .split('/')
    .pop()!
    .replace(/\.(namedCredential|externalCredential)(-meta)?\.xml$/i, '')
    .replace(/\.xml$/i, '');
  return toApiName(base) || toApiName(text(file.doc.body, 'label') ?? '') || 'Imported_credential';
}
