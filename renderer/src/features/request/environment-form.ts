/**
 * The environments panel's form: an environment's variables as edited. A secret's value is
 * write-only — the form starts it empty and sends a value only when the user typed one, so main
 * keeps what the vault holds.
 */
import { VARIABLE_NAME, type Environment, type EnvironmentInput } from '../../../../shared/contract/environments';

export interface VariableRow {
  name: string;
  /** Plain: the value. Secret: a new value typed in this session ('' keeps the saved one). */
  value: string;
  enabled: boolean;
  secret: boolean;
  /** The name this row was saved under, with a secret value in the vault (null: none saved). */
  storedSecretName: string | null;
  /** The user chose to replace the saved secret value. */
  replacing: boolean;
}

export interface EnvironmentForm {
  id: string;
  name: string;
  variables: VariableRow[];
}

export function formFromEnvironment(environment: Environment): EnvironmentForm {
  return {
    id: environment.id,
    name: environment.name,
    variables: environment.variables.map((variable) => ({
      name: variable.name,
      value: variable.secret ? '' : variable.value,
      enabled: variable.enabled,
      secret: variable.secret,
      storedSecretName: variable.secret && variable.hasValue ? variable.name : null,
      replacing: false,
    })),
  };
}

export const blankVariable = (): VariableRow => ({
  name: '',
  value: '',
  enabled: true,
  secret: false,
  storedSecretName: null,
  replacing: false,
});

/** Whether the vault still holds this row's secret value after a save (a rename drops it). */
export const keepsStoredSecret = (row: VariableRow): boolean => row.secret && row.storedSecretName === row.name && row.name !== '';

/** Whether the value control of a secret row is an input (nothing saved, replacing, or renamed). */
export const editsSecretValue = (row: VariableRow): boolean => !keepsStoredSecret(row) || row.replacing;

/** The problem with each row's name, or null; empty rows are left out on save. */
export function variableNameErrors(rows: VariableRow[]): (string | null)[] {
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    const name = row.name.trim();
    if (name === '') return row.value !== '' ? 'Enter a name.' : null;
    if (!VARIABLE_NAME.test(name)) return 'Use letters, digits, _ . - and start with a letter or _.';
    const first = seen.get(name);
    if (first !== undefined) return `Defined twice (also variable ${first + 1}).`;
    seen.set(name, index);
    return null;
  });
}

/** The environment as the bridge saves it: secrets carry a value only when one was typed. */
export function inputFromForm(form: EnvironmentForm): EnvironmentInput {
  return {
    id: form.id,
    name: form.name.trim(),
    variables: form.variables
      .filter((row) => row.name.trim() !== '')
      .map((row) => {
        const name = row.name.trim();
        if (!row.secret) return { name, value: row.value, enabled: row.enabled, secret: false };
        // No value: the vault keeps what it holds (nothing, for a new or renamed secret).
        return { name, enabled: row.enabled, secret: true, ...(row.value !== '' ? { value: row.value } : {}) };
      }),
  };
}

export function isFormDirty(form: EnvironmentForm, initial: EnvironmentForm): boolean {
  const comparable = (state: EnvironmentForm) => ({
    ...state,
    variables: state.variables.map(({ replacing: _replacing, ...row }) => row),
  });
  return JSON.stringify(comparable(form)) !== JSON.stringify(comparable(initial));
}

/** "New environment", or the first "New environment N" that is free (names are unique, any case). */
export function uniqueName(base: string, taken: string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  let candidate = base.slice(0, 80);
  for (let n = 2; lower.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 74)} ${n}`;
  return candidate;
}
