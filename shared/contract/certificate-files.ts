/**
 * Contract: files that come into (import, signed-certificate upload) and go out of (export) the
 * certificate store. Bytes travel as base64; passwords travel renderer → main only and are never
 * part of an answer.
 */
import { z } from 'zod';
import { ApiName } from '../names';
import { SaveDestination } from './files';

/** Files above this are refused before parsing (keystores and PEM files are a few kB). */
export const MAX_IMPORT_BYTES = 1024 * 1024;

export const FileUpload = z.object({
  name: z.string().max(255).default(''),
  /**
   * The file's bytes, base64. No bound here on purpose: a zod bound would answer BAD_INPUT, while
   * the service refuses any file over MAX_IMPORT_BYTES as TOO_LARGE with a message that says what to
   * do — on the string's length, before decoding (the payload is already in memory either way).
   */
  base64: z.string(),
});
export type FileUpload = z.input<typeof FileUpload>;

const Secret = z.string().max(1024);

export const ImportInput = z.object({
  files: z.array(FileUpload).min(1, 'Choose a file to import.').max(8),
  /** PKCS#12 password, JKS store password, or the passphrase of an encrypted PEM key. */
  password: Secret.optional(),
  /** JKS key password when it differs from the store password. */
  keyPassword: Secret.optional(),
});
export type ImportInput = z.input<typeof ImportInput>;

export type ImportFormat = 'PEM' | 'DER' | 'PKCS#12' | 'JKS' | 'JWK' | 'JWKS';

/** One entry found in the files: what the user chooses from. Public data only. */
export interface ImportCandidate {
  /** Stable within the same files and passwords ("0", "1", ... in file order). */
  ref: string;
  /** Keystore alias or friendly name, or `kid`. */
  alias?: string;
  hasPrivateKey: boolean;
  hasCertificate: boolean;
  keyAlgorithm: string;
  subject: string;
  issuer: string;
  notAfter: string;
  chainLength: number;
  warnings: string[];
  suggestedLabel: string;
  suggestedName: string;
}

export type ImportAnalysis =
  | { status: 'needs-password'; format: ImportFormat; prompt: 'password' | 'passphrase' | 'store-password' }
  | { status: 'ready'; format: ImportFormat; candidates: ImportCandidate[] };

export const ImportEntriesInput = ImportInput.extend({
  entries: z
    .array(
      z.object({
        ref: z.string().max(16),
        label: z.string().trim().min(1, 'Enter a label.').max(80),
        name: ApiName,
        exportable: z.boolean().default(true),
      }),
    )
    .min(1, 'Choose at least one entry to import.')
    .max(100),
});
export type ImportEntriesInput = z.input<typeof ImportEntriesInput>;

export const UploadSignedInput = z.object({
  id: z.string().min(1).max(64),
  file: FileUpload,
});
export type UploadSignedInput = z.input<typeof UploadSignedInput>;

export const EXPORT_FORMATS = [
  'certificate-pem',
  'certificate-der',
  'chain-pem',
  'public-key-pem',
  'public-key-jwk',
  'jwks',
  'csr',
  'pkcs12',
  'pkcs8-encrypted',
  'jks',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** File name endings per format (`<unique name>.<ending>`). */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  'certificate-pem': 'crt',
  'certificate-der': 'cer',
  'chain-pem': 'chain.pem',
  'public-key-pem': 'pub.pem',
  'public-key-jwk': 'jwk.json',
  jwks: 'jwks.json',
  csr: 'csr',
  pkcs12: 'p12',
  'pkcs8-encrypted': 'key.pem',
  jks: 'jks',
};

/** The file name Signet suggests for an export of these entries. */
export function exportFileName(names: string[], format: ExportFormat): string {
  return `${names.length === 1 ? names[0] : 'signet-certificates'}.${EXPORT_EXTENSIONS[format]}`;
}

/** Formats that carry the private key: exportable entries only, always password-protected. */
export const PRIVATE_EXPORT_FORMATS: readonly ExportFormat[] = ['pkcs12', 'pkcs8-encrypted', 'jks'];

export const ExportInput = z.object({
  /** One entry; several for `jwks` and `jks`. */
  ids: z.array(z.string().min(1).max(64)).min(1, 'Choose a certificate.').max(200),
  format: z.enum(EXPORT_FORMATS),
  /** Protects PKCS#12, encrypted PKCS#8 and JKS files. keytool needs at least 6 characters. */
  password: Secret.optional(),
  destination: SaveDestination,
});
export type ExportInput = z.input<typeof ExportInput>;
