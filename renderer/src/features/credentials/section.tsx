/** What every editor section receives, and the secret input they share. */
import { Checkbox, Group, PasswordInput, Text } from '@mantine/core';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import type { NamedCredentialView } from '../../../../shared/contract/credentials';
import type { Problem } from '../../../../shared/credentials/checks';
import type { NamedCredentialFields, SecretKind } from '../../../../shared/credentials/profile';
import { errorFor, type FormState } from './form';

export interface SectionProps {
  form: FormState;
  update(change: (form: FormState) => FormState): void;
  problems: Problem[];
  /** Show errors inline (after the first Save attempt, or as soon as a field was touched). */
  showErrors: boolean;
  saved: NamedCredentialView | null;
  certificates: CertificateRecord[];
}

/** Patches `fields` (or `fields.jwt`) immutably. */
export function setField<K extends keyof NamedCredentialFields>(props: SectionProps, key: K, value: NamedCredentialFields[K]) {
  props.update((form) => ({ ...form, fields: { ...form.fields, [key]: value } }));
}

export function setJwt<K extends keyof NamedCredentialFields['jwt']>(props: SectionProps, key: K, value: NamedCredentialFields['jwt'][K]) {
  props.update((form) => ({ ...form, fields: { ...form.fields, jwt: { ...form.fields.jwt, [key]: value } } }));
}

export function fieldError(props: SectionProps, field: string) {
  return errorFor(props.problems, field, props.showErrors);
}

/** A secret typed here goes to the vault on Save; a saved one is never shown, only replaced or removed. */
export function SecretInput({ props, kind, label }: { props: SectionProps; kind: SecretKind; label: string }) {
  const saved = !!props.saved?.secrets[kind];
  const clearing = props.form.clearSecrets[kind];
  return (
    <div>
      <PasswordInput
        size="xs"
        label={label}
        placeholder={saved && !clearing ? 'Saved in the vault — type to replace' : ''}
        value={props.form.secrets[kind]}
        disabled={clearing}
        error={fieldError(props, `secrets.${kind}`)}
        autoComplete="new-password"
        onChange={(event) => {
          const value = event.currentTarget.value;
          props.update((form) => ({ ...form, secrets: { ...form.secrets, [kind]: value } }));
        }}
      />
      {saved && (
        <Group gap={6} mt={4}>
          <Checkbox
            size="xs"
            label={`Remove the saved ${label.toLowerCase()}`}
            checked={clearing}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              props.update((form) => ({
                ...form,
                clearSecrets: { ...form.clearSecrets, [kind]: on },
                secrets: { ...form.secrets, [kind]: '' },
              }));
            }}
          />
          {!clearing && (
            <Text size="xs" c="dimmed">
              The vault holds a {label.toLowerCase()} for this profile.
            </Text>
          )}
        </Group>
      )}
    </div>
  );
}
