/** `{{variable}}` references in URLs, headers and bodies, resolved from the active environment. */
import type { Environment } from '../contract/environments';

/** A reference: two braces, a name (letters, digits, `_ . -`), two braces; spaces inside allowed. */
export const VARIABLE_PATTERN = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** Names referenced in `text`, in order of first appearance. */
export function referencedVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(VARIABLE_PATTERN)) names.add(match[1]!);
  return [...names];
}

/**
 * Replaces every `{{name}}` with its value. Unknown names are left as they are and reported in
 * `missing`, so the caller can refuse with the name.
 */
export function substituteVariables(text: string, variables: Record<string, string>): { text: string; missing: string[] } {
  if (!text.includes('{{')) return { text, missing: [] };
  const missing: string[] = [];
  const result = text.replace(VARIABLE_PATTERN, (whole, name: string) => {
    if (Object.hasOwn(variables, name)) return variables[name]!;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text: result, missing };
}

/** A stretch of text: plain, or one `{{name}}` reference (`text` is the reference as written). */
export type VariableSegment = { text: string; name?: undefined } | { text: string; name: string };

/**
 * Cuts `text` into plain stretches and `{{name}}` references, in order; joined back they give
 * `text` exactly (editors draw each reference over the same characters).
 */
export function splitVariables(text: string): VariableSegment[] {
  const segments: VariableSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(VARIABLE_PATTERN)) {
    if (match.index > at) segments.push({ text: text.slice(at, match.index) });
    segments.push({ text: match[0], name: match[1]! });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

/** Where a `{{name}}` gets its value, as the editors show it. Never holds a value. */
export interface VariableSource {
  /** Whether a send would resolve it. */
  defined: boolean;
  /** "from environment Staging", "not defined in the active environment", … */
  description: string;
}

/**
 * Says where `name` comes from in the active environment (null: none active), the way the callout
 * service resolves it: enabled variables only, and a secret only when the vault holds its value.
 */
export function variableSource(environment: Pick<Environment, 'name' | 'variables'> | null, name: string): VariableSource {
  const variable = environment?.variables.find((candidate) => candidate.name === name);
  if (!environment) return { defined: false, description: 'not defined: no environment is active' };
  if (!variable) return { defined: false, description: 'not defined in the active environment' };
  const from = `environment ${environment.name}`;
  if (!variable.enabled) return { defined: false, description: `disabled in ${from}, so not defined` };
  if (variable.secret && !variable.hasValue) return { defined: false, description: `a secret in ${from} with no value set` };
  return { defined: true, description: variable.secret ? `from ${from} (secret, value hidden)` : `from ${from}` };
}
