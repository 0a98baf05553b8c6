/**
 * The editor's form state: the profile's fields as typed (audiences and status codes as text), the
 * secrets the user typed (never loaded — the vault keeps them), and the checks that run on every
 * keystroke so the form can say what is missing before Save.
 */
import type { CredentialDraft } from '../../app/navigation';
import type { CertificateRecord } from '../../../../shared/contract/certificates';
import type { NamedCredentialView } from '../../../../shared/contract/credentials';
import { checkProfile, type Problem } from '../../../../shared/credentials/checks';
import {
  blankProfile,
  NamedCredentialInput,
  SECRET_KINDS,
  type NamedCredentialFields,
  type SecretKind,
  type SecretsInput,
} from '../../../../shared/credentials/profile';

export interface FormState {
  fields: NamedCredentialFields;
  /** One audience per line. */
  audiencesText: string;
  /** Comma-separated status codes. */
  refreshOnText: string;
  /** Secrets typed in this session (empty: keep what the vault has). */
  secrets: Record<SecretKind, string>;
  /** Secrets the user asked to remove. */
  clearSecrets: Record<SecretKind, boolean>;
  /** Whether the API name still follows the label (new profiles, until the user edits Name). */
  nameFollowsLabel: boolean;
}

const noSecrets = (): Record<SecretKind, string> => ({ password: '', bearerToken: '', clientSecret: '', hmacSecret: '' });
const noClears = (): Record<SecretKind, boolean> => ({ password: false, bearerToken: false, clientSecret: false, hmacSecret: false });

export function formFromProfile(profile: NamedCredentialView): FormState {
  const { id: _i, createdAt: _c, updatedAt: _u, lastUsedAt: _l, secrets: _s, problems: _p, ...rest } = profile;
  const fields = NamedCredentialInput.parse(rest);
  return {
    fields,
    audiencesText: fields.jwt.audiences.join('\n'),
    refreshOnText: fields.refreshOnStatus.join(', '),
    secrets: noSecrets(),
    clearSecrets: noClears(),
    nameFollowsLabel: false,
  };
}

export function newForm(existingNames: string[]): FormState {
  const fields = blankProfile();
  let name = fields.name;
  for (let n = 2; existingNames.some((other) => other.toLowerCase() === name.toLowerCase()); n++) name = `${fields.name}_${n}`;
  return {
    fields: { ...fields, name },
    audiencesText: '',
    refreshOnText: '',
    secrets: noSecrets(),
    clearSecrets: noClears(),
    nameFollowsLabel: true,
  };
}

/**
 * A new, unsaved form from another tab's draft ("Create named credential", Postman import): the
 * draft's fields over a blank profile, its HMAC secret typed in. The API name is made free.
 */
export function formFromDraft(draft: CredentialDraft, existingNames: string[]): FormState {
  const blank = newForm(existingNames);
  const { jwt, ...rest } = draft.profile;
  const fields = { ...blank.fields, ...rest, jwt: { ...blank.fields.jwt, ...jwt } } as NamedCredentialFields;
  const taken = (name: string) => existingNames.some((other) => other.toLowerCase() === name.toLowerCase());
  let name = fields.name;
  for (let n = 2; taken(name); n++) name = `${fields.name.slice(0, 76)}_${n}`;
  return {
    ...blank,
    fields: { ...fields, name },
    audiencesText: fields.jwt.audiences.join('\n'),
    secrets: { ...blank.secrets, hmacSecret: draft.hmacSecret ?? '' },
    nameFollowsLabel: false,
  };
}

/** The profile as it would be saved: text fields folded back into lists. */
export function draftOf(form: FormState): NamedCredentialFields {
  return {
    ...form.fields,
    jwt: {
      ...form.fields.jwt,
      audiences: form.audiencesText
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    },
    refreshOnStatus: form.refreshOnText
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number),
  };
}

export function secretsInput(form: FormState): SecretsInput {
  const input: SecretsInput = {};
  for (const kind of SECRET_KINDS) {
    if (form.clearSecrets[kind]) input[kind] = null;
    else if (form.secrets[kind] !== '') input[kind] = form.secrets[kind];
  }
  return input;
}

/** Which secrets the vault will hold after saving this form. */
export function secretFlags(form: FormState, saved: NamedCredentialView | null): Record<SecretKind, boolean> {
  const flags = { ...noClears() };
  for (const kind of SECRET_KINDS) {
    flags[kind] = !form.clearSecrets[kind] && (form.secrets[kind] !== '' || !!saved?.secrets[kind]);
  }
  return flags;
}

/** Every problem of the form: schema issues (per field) and the per-protocol checks. */
export function formProblems(form: FormState, saved: NamedCredentialView | null, certificates: CertificateRecord[]): Problem[] {
  const draft = draftOf(form);
  const problems: Problem[] = [];
  const parsed = NamedCredentialInput.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.');
      problems.push({
        field: field.startsWith('jwt.audiences') ? 'jwt.audiences' : field.startsWith('refreshOnStatus') ? 'refreshOnStatus' : field,
        message: messageFor(field, issue.message),
        severity: 'error',
      });
    }
  }
  if (form.refreshOnText.split(/[\s,]+/).some((code) => code !== '' && !/^\d{3}$/.test(code))) {
    problems.push({
      field: 'refreshOnStatus',
      message: 'Enter three-digit status codes separated by commas, e.g. 403, 419.',
      severity: 'error',
    });
  }
  const facts = (id: string) => {
    const record = certificates.find((entry) => entry.id === id);
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
  const checked = parsed.success ? parsed.data : draft;
  problems.push(...checkProfile(checked, { certificate: facts, secrets: secretFlags(form, saved) }));
  return problems;
}

function messageFor(field: string, message: string): string {
  if (field === 'tokenEndpointUrl') return `Token Endpoint URL: ${message}`;
  if (field.startsWith('jwt.audiences')) return 'Audiences: one non-empty audience per line.';
  if (field.startsWith('customHeaders')) return `Custom Headers: ${message}`;
  if (field.startsWith('refreshOnStatus')) return 'Enter status codes between 400 and 999.';
  return message;
}

/** The first error message for a field (for a control's `error` prop). */
export function errorFor(problems: Problem[], field: string, show: boolean): string | undefined {
  if (!show) return undefined;
  return problems.find((problem) => problem.severity === 'error' && (problem.field === field || problem.field.startsWith(`${field}.`)))
    ?.message;
}

export function warningsFor(problems: Problem[], field: string): string | undefined {
  return problems.find((problem) => problem.severity === 'warning' && problem.field === field)?.message;
}

/** True when the form differs from the saved profile (or is a new one). */
export function isDirty(form: FormState, initial: FormState): boolean {
  return JSON.stringify(comparable(form)) !== JSON.stringify(comparable(initial));
}

function comparable(form: FormState) {
  return { fields: form.fields, a: form.audiencesText, r: form.refreshOnText, s: form.secrets, c: form.clearSecrets };
}
