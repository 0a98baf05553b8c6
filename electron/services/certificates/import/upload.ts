/** Uploaded files: base64 from the renderer, size-capped before anything parses them. */
import { MAX_IMPORT_BYTES, type FileUpload } from '../../../../shared/contract/certificate-files';
import { AppError } from '../../../../shared/errors';

export function decodeUpload(file: FileUpload): Uint8Array {
  // base64 is 4/3 of the bytes: refuse on the string length, before decoding anything.
  if (file.base64.length > Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4) throw tooLarge(file.name);
  const bytes = new Uint8Array(Buffer.from(file.base64, 'base64'));
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(file.name);
  if (bytes.length === 0)
    throw new AppError('UNSUPPORTED_FORMAT', `${file.name || 'The file'} is empty. Choose the certificate or key file itself.`);
  return bytes;
}

function tooLarge(name: string | undefined) {
  return new AppError(
    'TOO_LARGE',
    `${name || 'The file'} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB — certificates, keys and keystores are a few kilobytes. Choose the right file.`,
    { limitBytes: MAX_IMPORT_BYTES },
  );
}
