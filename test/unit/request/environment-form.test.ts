// The environments panel's form: what it sends for plain and secret variables, and the names it refuses.
import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../shared/contract/environments';
import {
  editsSecretValue,
  formFromEnvironment,
  inputFromForm,
  isFormDirty,
  uniqueName,
  variableNameErrors,
} from '../../../renderer/src/features/request/environment-form';

const staging: Environment = {
  id: 'env-1',
  name: 'Staging',
  variables: [
    { name: 'host', value: 'https://staging.example.test', enabled: true, secret: false, hasValue: true },
    { name: 'apiKey', value: '', enabled: true, secret: true, hasValue: true },
    { name: 'unsetKey', value: '', enabled: false, secret: true, hasValue: false },
  ],
};

describe('environment form', () => {
  it('sends a secret value only when one was typed, so main keeps the sealed one', () => {
    const form = formFromEnvironment(staging);
    expect(inputFromForm(form)).toEqual({
      id: 'env-1',
      name: 'Staging',
      variables: [
        { name: 'host', value: 'https://staging.example.test', enabled: true, secret: false },
        { name: 'apiKey', enabled: true, secret: true },
        { name: 'unsetKey', enabled: false, secret: true },
      ],
    });
    const replaced = { ...form, variables: form.variables.map((row, i) => (i === 1 ? { ...row, replacing: true, value: 'new' } : row)) };
    expect(inputFromForm(replaced).variables![1]).toEqual({ name: 'apiKey', enabled: true, secret: true, value: 'new' });
    expect(isFormDirty(replaced, form)).toBe(true);
    // Opening "Replace" and typing nothing changes nothing.
    const opened = { ...form, variables: form.variables.map((row) => ({ ...row, replacing: true })) };
    expect(isFormDirty(opened, form)).toBe(false);
  });

  it('turns a plain value into a secret value, and asks for a renamed secret again', () => {
    const form = formFromEnvironment(staging);
    const toSecret = { ...form, variables: form.variables.map((row, i) => (i === 0 ? { ...row, secret: true } : row)) };
    expect(inputFromForm(toSecret).variables![0]).toEqual({
      name: 'host',
      enabled: true,
      secret: true,
      value: 'https://staging.example.test',
    });
    const renamed = form.variables[1]!;
    expect(editsSecretValue(renamed)).toBe(false);
    expect(editsSecretValue({ ...renamed, name: 'apiKey2' })).toBe(true);
    expect(editsSecretValue(form.variables[2]!)).toBe(true);
  });

  it('names bad, missing and duplicate variable names, and leaves out empty rows', () => {
    const rows = [
      { name: 'ok', value: '', enabled: true, secret: false, storedSecretName: null, replacing: false },
      { name: '1bad', value: '', enabled: true, secret: false, storedSecretName: null, replacing: false },
      { name: '', value: 'orphan', enabled: true, secret: false, storedSecretName: null, replacing: false },
      { name: 'ok', value: '', enabled: true, secret: false, storedSecretName: null, replacing: false },
      { name: '', value: '', enabled: true, secret: false, storedSecretName: null, replacing: false },
    ];
    expect(variableNameErrors(rows)).toEqual([
      null,
      'Use letters, digits, _ . - and start with a letter or _.',
      'Enter a name.',
      'Defined twice (also variable 1).',
      null,
    ]);
    expect(inputFromForm({ id: 'x', name: ' Dev ', variables: [rows[0]!, rows[4]!] })).toEqual({
      id: 'x',
      name: 'Dev',
      variables: [{ name: 'ok', value: '', enabled: true, secret: false }],
    });
  });

  it('picks a free name, whatever the case', () => {
    expect(uniqueName('New environment', [])).toBe('New environment');
    expect(uniqueName('New environment', ['new ENVIRONMENT', 'New environment 2'])).toBe('New environment 3');
  });
});
