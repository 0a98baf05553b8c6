/**
 * Contract: certificates and keys (Salesforce "Certificate and Key Management"). Records carry only
 * public data; private keys live in the vault under the record id and never cross the bridge.
 */
import { z } from 'zod';
import { ApiName } from '../names';
import { method } from '../rpc';
import type { SavedFile } from './files';
import { ExportInput, ImportEntriesInput, ImportInput, UploadSignedInput, type ImportAnalysis } from './certificate-files';

/** Key types Signet generates. Imports may bring others (e.g. RSA-1024, with a warning). */
export const NEW_KEY_ALGORITHMS = ['RSA-2048', 'RSA-3072', 'RSA-4096', 'EC-P256', 'EC-P384', 'EC-P521', 'Ed25519'] as const;
export type NewKeyAlgorithm = (typeof NEW_KEY_ALGORITHMS)[number];
/** `RSA-<bits>`, `EC-P256|P384|P521` or `Ed25519`. */
export type KeyAlgorithm = NewKeyAlgorithm | `RSA-${number}`;

export type CertificateKind = 'self-signed' | 'ca-signed' | 'imported';
export type CertificateStatus = 'active' | 'awaiting-signed-cert';

/** A key entry. Public data only (DESIGN §3). */
export interface CertificateRecord {
  id: string;
  /** Unique API name (Salesforce "Unique Name"). */
  name: string;
  label: string;
  kind: CertificateKind;
  status: CertificateStatus;
  keyAlgorithm: KeyAlgorithm;
  /** True when the vault holds the private key (false: "Certificate only" / public key only). */
  hasPrivateKey: boolean;
  /** True when there is an X.509 certificate (false: a bare public key, or awaiting a signed certificate). */
  hasCertificate: boolean;
  exportable: boolean;
  /** RFC 4514-style distinguished names; empty without a certificate. */
  subject: string;
  issuer: string;
  /** Hex serial number; empty without a certificate. */
  serial: string;
  /** ISO timestamps; empty without a certificate. */
  notBefore: string;
  notAfter: string;
  /** Hex, colon-separated, upper case (as OpenSSL prints them); empty without a certificate. */
  fingerprints: { sha1: string; sha256: string };
  /** base64url SHA-1 / SHA-256 of the certificate DER (RFC 7515 §4.1.7–8); empty without a certificate. */
  x5t: string;
  'x5t#S256': string;
  /** RFC 7638 JWK thumbprint (SHA-256) of the public key: Signet's default `kid`. */
  jwkThumbprint: string;
  /** The public key, SPKI PEM. */
  publicKeyPem: string;
  /** The certificate chain, PEM, leaf first; empty without a certificate. */
  chainPem: string;
  /** The PKCS#10 request while awaiting a signed certificate (and kept afterwards). */
  csrPem?: string;
  createdAt: string;
  /** Things the user should know (weak key, expired, ...). */
  warnings: string[];
}

export const SubjectFields = z.object({
  commonName: z.string().trim().max(64, 'Common Name: at most 64 characters.').optional(),
  organization: z.string().trim().max(64).optional(),
  organizationalUnit: z.string().trim().max(64).optional(),
  locality: z.string().trim().max(128).optional(),
  state: z.string().trim().max(128).optional(),
  country: z
    .string()
    .trim()
    .regex(/^([A-Za-z]{2})?$/, 'Country Code: two letters, e.g. US.')
    .optional(),
  email: z.union([z.literal(''), z.email('Email: enter an address like name@example.com.')]).optional(),
});
export type SubjectFields = z.infer<typeof SubjectFields>;

export const SubjectAltName = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dns'), value: z.string().min(1).max(253) }),
  z.object({ type: z.literal('ip'), value: z.union([z.ipv4(), z.ipv6()]) }),
]);
export type SubjectAltName = z.infer<typeof SubjectAltName>;

export const CreateCertificateInput = z.object({
  label: z.string().trim().min(1, 'Enter a label.').max(80),
  name: ApiName,
  keyAlgorithm: z.enum(NEW_KEY_ALGORITHMS),
  subject: SubjectFields.default({}),
  /** Defaults as Salesforce: 365 days, 730 for RSA-4096. */
  validityDays: z.number().int().min(1).max(3650).optional(),
  exportable: z.boolean().default(true),
  subjectAltNames: z.array(SubjectAltName).max(50).default([]),
  /** Names this creation so `cancelCreate(jobId)` can stop it and progress events can be matched. */
  jobId: z.string().min(1).max(64).optional(),
});
export type CreateCertificateInput = z.input<typeof CreateCertificateInput>;

export const CertificateId = z.string().min(1).max(64);

/** Where a creation is (pushed as the `certificates.progress` event). */
export type CreationPhase = 'generating-key' | 'building-certificate' | 'saving';
export interface CreationProgress {
  jobId: string;
  phase: CreationPhase;
}

/** What the Details view shows beyond the record: parsed from the certificate on demand. */
export interface CertificateDetails {
  subjectAltNames: string[];
  keyUsages: string[];
  extendedKeyUsages: string[];
  isCa: boolean;
  signatureAlgorithm: string;
  /** Each certificate of the chain, leaf first. */
  chain: { subject: string; issuer: string; notAfter: string; sha256: string }[];
  /** The public JWK as published (kid = JWK thumbprint). Never has `d`. */
  publicJwk: Record<string, unknown>;
}

export const RenameInput = z.object({ id: CertificateId, label: z.string().trim().min(1, 'Enter a label.').max(80) });

export const certificatesContract = {
  list: method(z.tuple([])).returns<CertificateRecord[]>(),
  get: method(z.tuple([CertificateId])).returns<CertificateRecord>(),
  details: method(z.tuple([CertificateId])).returns<CertificateDetails>(),
  createSelfSigned: method(z.tuple([CreateCertificateInput])).returns<CertificateRecord>(),
  /** Generates the key and a PKCS#10 CSR; the entry awaits a signed certificate. */
  createCaSigned: method(z.tuple([CreateCertificateInput])).returns<CertificateRecord>(),
  /** Stops a creation started with this job id (its key is discarded). */
  cancelCreate: method(z.tuple([z.string().min(1).max(64)])).returns<void>(),
  uploadSigned: method(z.tuple([UploadSignedInput])).returns<CertificateRecord>(),
  analyzeImport: method(z.tuple([ImportInput])).returns<ImportAnalysis>(),
  importEntries: method(z.tuple([ImportEntriesInput])).returns<CertificateRecord[]>(),
  export: method(z.tuple([ExportInput])).returns<SavedFile>(),
  rename: method(z.tuple([RenameInput])).returns<CertificateRecord>(),
  delete: method(z.tuple([CertificateId])).returns<void>(),
};
