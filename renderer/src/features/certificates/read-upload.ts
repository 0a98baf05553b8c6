/** Reads a chosen or dropped file for main: refuses oversized files before reading a byte. */
import { MAX_IMPORT_BYTES, type FileUpload } from '../../../../shared/contract/certificate-files';
import { AppError } from '../../../../shared/errors';

export async function readUpload(file: File): Promise<FileUpload> {
  if (file.size > MAX_IMPORT_BYTES) {
    throw new AppError(
      'TOO_LARGE',
      `${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB, larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB — certificates, keys and keystores are a few kilobytes. Choose the right file.`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, base64: btoa(binary) };
}

export function textUpload(text: string, name = 'pasted.pem'): FileUpload {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { name, base64: btoa(binary) };
}
