/** An HMAC secret and how it is encoded: the same fields for verifying (Verify) and signing (Craft). */
import { PasswordInput, Select } from '@mantine/core';
import type { HmacEncoding } from '../../../../shared/contract/inspector';

const ENCODINGS: { value: HmacEncoding; label: string }[] = [
  { value: 'utf8', label: 'Text (UTF-8)' },
  { value: 'base64url', label: 'base64url' },
  { value: 'base64', label: 'base64' },
  { value: 'hex', label: 'hex' },
];

export function HmacSecretFields({
  label,
  secret,
  encoding,
  onSecretChange,
  onEncodingChange,
}: {
  label: string;
  secret: string;
  encoding: HmacEncoding;
  onSecretChange(secret: string): void;
  onEncodingChange(encoding: HmacEncoding): void;
}) {
  return (
    <>
      <PasswordInput label={label} value={secret} onChange={(e) => onSecretChange(e.currentTarget.value)} size="xs" />
      <Select
        label="Secret encoding"
        data={ENCODINGS}
        value={encoding}
        onChange={(value) => value && onEncodingChange(value as HmacEncoding)}
        allowDeselect={false}
        size="xs"
      />
    </>
  );
}
