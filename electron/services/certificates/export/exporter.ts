/**
 * Export: public formats for any entry; private formats (PKCS#12, encrypted PKCS#8, JKS) only for
 * exportable entries and always under a password. Main writes the file; the bridge answer is only
 * where it was saved.
 */
import { exportFileName, ExportInput, PRIVATE_EXPORT_FORMATS, type ExportFormat } from '../../../../shared/contract/certificate-files';
import type { SavedFile } from '../../../../shared/contract/files';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import { AppError } from '../../../../shared/errors';
import type { FileFilter, FileSaver } from '../../files/file-saver';
import type { CertificateStore } from '../certificate-store';
import { toPem } from '../x509';
import { writeJks } from './jks-writer';
import { writePkcs12 } from './pkcs12-writer';

const MIN_PASSWORD = 6;

interface Made {
  contents: string | Uint8Array;
  filter: FileFilter;
}

export async function exportCertificates(store: CertificateStore, files: FileSaver, raw: ExportInput): Promise<SavedFile> {
  const input = ExportInput.parse(raw);
  const records = input.ids.map((id) => store.get(id));
  const format = input.format;
  const multiple = format === 'jwks' || format === 'jks';
  if (!multiple && records.length > 1)
    throw new AppError('BAD_INPUT', `Export one certificate at a time as ${format}; JWKS and JKS take several.`);
  const isPrivate = PRIVATE_EXPORT_FORMATS.includes(format);
  if (isPrivate) {
    for (const record of records) {
      if (!record.hasPrivateKey)
        throw new AppError('KEY_NOT_EXPORTABLE', `${record.label} has no private key to export. Export its certificate instead.`);
      if (!record.exportable) {
        throw new AppError(
          'KEY_NOT_EXPORTABLE',
          `${record.label}'s private key was created non-exportable, so it cannot leave Signet. Export the certificate or public key instead.`,
        );
      }
    }
    if (!input.password || input.password.length < MIN_PASSWORD) {
      throw new AppError(
        'BAD_INPUT',
        `Enter a password of at least ${MIN_PASSWORD} characters to protect the exported key (keytool requires 6).`,
        {
          field: 'password',
        },
      );
    }
  }
  const made = await make(store, records, format, input.password ?? '');
  return files.save({
    suggestedName: exportFileName(
      records.map((record) => record.name),
      format,
    ),
    filters: [made.filter],
    contents: made.contents,
    destination: input.destination,
    sensitive: isPrivate,
  });
}

async function make(store: CertificateStore, records: CertificateRecord[], format: ExportFormat, password: string): Promise<Made> {
  const record = records[0]!;
  const needCertificate = () => {
    if (!record.hasCertificate) {
      throw new AppError(
        'NOT_FOUND',
        record.status === 'awaiting-signed-cert'
          ? `${record.label} has no certificate yet: it is awaiting its signed certificate. Download the CSR instead.`
          : `${record.label} is a bare key without a certificate. Export its public key instead.`,
      );
    }
    return store.chainDer(record.id);
  };
  switch (format) {
    case 'certificate-pem':
      return { contents: toPem(needCertificate()[0]!), filter: { name: 'PEM certificate', extensions: ['crt', 'pem'] } };
    case 'certificate-der':
      return { contents: needCertificate()[0]!, filter: { name: 'DER certificate', extensions: ['cer', 'der'] } };
    case 'chain-pem':
      return {
        contents: needCertificate()
          .map((der) => toPem(der))
          .join(''),
        filter: { name: 'PEM chain', extensions: ['pem'] },
      };
    case 'public-key-pem':
      return { contents: record.publicKeyPem, filter: { name: 'PEM public key', extensions: ['pem'] } };
    case 'public-key-jwk':
      return {
        contents: `${JSON.stringify(await store.publicJwk(record.id), null, 2)}\n`,
        filter: { name: 'JWK', extensions: ['json'] },
      };
    case 'jwks': {
      const keys = await Promise.all(records.map((entry) => store.publicJwk(entry.id)));
      return { contents: `${JSON.stringify({ keys }, null, 2)}\n`, filter: { name: 'JWKS', extensions: ['json'] } };
    }
    case 'csr':
      if (!record.csrPem)
        throw new AppError('NOT_FOUND', `${record.label} has no certificate signing request: only CA-signed entries have one.`);
      return { contents: record.csrPem, filter: { name: 'PKCS#10 request', extensions: ['csr', 'pem'] } };
    case 'pkcs8-encrypted':
      return {
        contents: store
          .privateKey(record.id)
          .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: password })
          .toString(),
        filter: { name: 'Encrypted PKCS#8 key', extensions: ['pem', 'key'] },
      };
    case 'pkcs12':
      return {
        contents: writePkcs12({ pkcs8: pkcs8Of(store, record), chain: store.chainDer(record.id), password, friendlyName: record.name }),
        filter: { name: 'PKCS#12', extensions: ['p12', 'pfx'] },
      };
    case 'jks':
      for (const entry of records) {
        if (!entry.hasCertificate)
          throw new AppError('NOT_FOUND', `${entry.label} has no certificate yet; a Java keystore key entry needs one.`);
      }
      return {
        // Java looks JKS aliases up in lower case; keytool shows them so.
        contents: writeJks(
          password,
          records.map((entry) => ({ alias: entry.name.toLowerCase(), pkcs8: pkcs8Of(store, entry), chain: store.chainDer(entry.id) })),
        ),
        filter: { name: 'Java keystore', extensions: ['jks'] },
      };
  }
}

function pkcs8Of(store: CertificateStore, record: CertificateRecord): Uint8Array {
  return store.privateKey(record.id).export({ type: 'pkcs8', format: 'der' });
}
