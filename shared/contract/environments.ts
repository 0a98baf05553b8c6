/**
 * Contract: environments — named sets of `{{variables}}`, one active. Secret variables are sealed
 * in the vault; their values never come back over the bridge (the UI shows that one is set).
 */
import { z } from 'zod';
import { method } from '../rpc';

export const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;

export const EnvironmentVariableInput = z.object({
  name: z.string().trim().regex(VARIABLE_NAME, 'Variable names use letters, digits, _ . - and start with a letter or _.'),
  /** For a secret: omit to keep the value already in the vault. */
  value: z.string().max(1_000_000).optional(),
  enabled: z.boolean().default(true),
  secret: z.boolean().default(false),
});

export const EnvironmentInput = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1, 'Enter a name.').max(80),
  variables: z.array(EnvironmentVariableInput).max(500).default([]),
});
export type EnvironmentInput = z.input<typeof EnvironmentInput>;

export interface EnvironmentVariable {
  name: string;
  /** Empty for secrets. */
  value: string;
  enabled: boolean;
  secret: boolean;
  /** For secrets: whether the vault holds a value. */
  hasValue: boolean;
}

export interface Environment {
  id: string;
  name: string;
  variables: EnvironmentVariable[];
}

export interface Environments {
  activeId: string | null;
  environments: Environment[];
}

const Id = z.string().min(1).max(64);

export const environmentsContract = {
  list: method(z.tuple([])).returns<Environments>(),
  save: method(z.tuple([EnvironmentInput])).returns<Environment>(),
  remove: method(z.tuple([Id])).returns<Environments>(),
  setActive: method(z.tuple([Id.nullable()])).returns<Environments>(),
};
