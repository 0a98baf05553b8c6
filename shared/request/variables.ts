/** `{{variable}}` references in URLs, headers and bodies, resolved from the active environment. */

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
