/**
 * Environments: named variable sets, one active. Plain values live in `environments.json`; secret
 * values are sealed in the vault under `environment:<id>:<name>` and only main ever reads them.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Environment, EnvironmentInput, Environments } from '../../../shared/contract/environments';
import { EnvironmentInput as EnvironmentInputSchema } from '../../../shared/contract/environments';
import { AppError } from '../../../shared/errors';
import type { Document } from '../store/document';
import type { Vault } from '../vault/vault';

const StoredVariable = z.object({ name: z.string(), value: z.string(), enabled: z.boolean(), secret: z.boolean() });
const StoredEnvironment = z.object({ id: z.string(), name: z.string(), variables: z.array(StoredVariable) });
export const EnvironmentsFile = z.object({ activeId: z.string().nullable(), environments: z.array(StoredEnvironment) });
export type EnvironmentsFile = z.infer<typeof EnvironmentsFile>;
export const ENVIRONMENTS_DOCUMENT = {
  name: 'environments',
  schema: EnvironmentsFile,
  version: 1,
  initial: (): EnvironmentsFile => ({ activeId: null, environments: [] }),
};

const secretId = (environmentId: string, name: string) => `environment:${environmentId}:${name}`;

export class EnvironmentStore {
  readonly #document: Document<EnvironmentsFile>;
  readonly #vault: Vault;

  constructor(document: Document<EnvironmentsFile>, vault: Vault) {
    this.#document = document;
    this.#vault = vault;
  }

  list(): Environments {
    const file = this.#document.read();
    return { activeId: file.activeId, environments: file.environments.map((environment) => this.#view(environment)) };
  }

  #view(environment: EnvironmentsFile['environments'][number]): Environment {
    return {
      id: environment.id,
      name: environment.name,
      variables: environment.variables.map((variable) => ({
        ...variable,
        value: variable.secret ? '' : variable.value,
        hasValue: variable.secret ? this.#vault.has(secretId(environment.id, variable.name)) : true,
      })),
    };
  }

  save(raw: EnvironmentInput): Environment {
    const input = EnvironmentInputSchema.parse(raw);
    const file = this.#document.read();
    const existing = input.id ? file.environments.find((environment) => environment.id === input.id) : undefined;
    if (input.id && !existing) throw new AppError('NOT_FOUND', 'That environment no longer exists.');
    if (
      file.environments.some((environment) => environment.name.toLowerCase() === input.name.toLowerCase() && environment.id !== input.id)
    ) {
      throw new AppError('CONFLICT', `An environment called "${input.name}" already exists. Choose another name.`, { field: 'name' });
    }
    const names = new Set<string>();
    for (const variable of input.variables) {
      if (names.has(variable.name))
        throw new AppError('BAD_INPUT', `The variable "${variable.name}" is defined twice. Keep one.`, { field: 'variables' });
      names.add(variable.name);
    }
    const id = existing?.id ?? randomUUID();
    // Secrets first, so a locked vault fails before anything is written.
    for (const variable of input.variables) {
      if (variable.secret && variable.value !== undefined) this.#vault.seal(secretId(id, variable.name), variable.value);
    }
    for (const old of existing?.variables ?? []) {
      const kept = input.variables.find((variable) => variable.name === old.name);
      if (old.secret && (!kept || !kept.secret)) this.#vault.delete(secretId(id, old.name));
    }
    const stored = {
      id,
      name: input.name,
      variables: input.variables.map((variable) => ({
        name: variable.name,
        value: variable.secret ? '' : (variable.value ?? ''),
        enabled: variable.enabled,
        secret: variable.secret,
      })),
    };
    this.#document.update((current) => ({
      ...current,
      environments: existing
        ? current.environments.map((environment) => (environment.id === id ? stored : environment))
        : [...current.environments, stored],
    }));
    return this.#view(stored);
  }

  remove(id: string): Environments {
    const environment = this.#document.read().environments.find((candidate) => candidate.id === id);
    if (!environment) throw new AppError('NOT_FOUND', 'That environment no longer exists.');
    for (const variable of environment.variables) if (variable.secret) this.#vault.delete(secretId(id, variable.name));
    this.#document.update((current) => ({
      activeId: current.activeId === id ? null : current.activeId,
      environments: current.environments.filter((candidate) => candidate.id !== id),
    }));
    return this.list();
  }

  setActive(id: string | null): Environments {
    if (id && !this.#document.read().environments.some((environment) => environment.id === id)) {
      throw new AppError('NOT_FOUND', 'That environment no longer exists.');
    }
    this.#document.update((current) => ({ ...current, activeId: id }));
    return this.list();
  }

  /** The enabled variables of an environment, secrets opened from the vault. Empty for none. */
  variables(environmentId: string | null | undefined): Record<string, string> {
    if (!environmentId) return {};
    const environment = this.#document.read().environments.find((candidate) => candidate.id === environmentId);
    if (!environment)
      throw new AppError('NOT_FOUND', 'The chosen environment no longer exists. Choose another.', { field: 'environmentId' });
    const variables: Record<string, string> = {};
    for (const variable of environment.variables) {
      if (!variable.enabled) continue;
      if (!variable.secret) variables[variable.name] = variable.value;
      else if (this.#vault.has(secretId(environment.id, variable.name)))
        variables[variable.name] = this.#vault.openText(secretId(environment.id, variable.name));
    }
    return variables;
  }
}
