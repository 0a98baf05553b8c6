/**
 * `{{variable}}` substitution (environments) and Salesforce's `{!$Credential.*}` merge fields
 * (Apex "Merge Fields for Apex Callouts That Use Named Credentials").
 */

const VARIABLE = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** Replaces `{{name}}` with the variable's value; unknown names are left as typed. */
export function substituteVariables(text: string, variables: Record<string, string>): string {
  if (!text.includes('{{')) return text;
  return text.replace(VARIABLE, (whole, name: string) => (Object.hasOwn(variables, name) ? variables[name]! : whole));
}

/** True when the text uses `{{...}}` anywhere (so a template can skip substitution when it does not). */
export function hasVariables(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(hasVariables);
  if (value && typeof value === 'object') return Object.values(value).some(hasVariables);
  return false;
}

/** Substitutes variables in every string inside a JSON value (claims), keeping its shape. */
export function substituteDeep(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === 'string') return substituteVariables(value, variables);
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, variables));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteDeep(item, variables)]));
  }
  return value;
}

/** The values `{!$Credential.X}` resolves to for one callout. Absent → empty string, as Salesforce's null. */
export interface CredentialMergeValues {
  /** `Basic` | `Bearer` | undefined. */
  AuthorizationMethod?: string;
  /** base64 `user:password` for Basic; the token for Bearer. */
  AuthorizationHeaderValue?: string;
  OAuthToken?: string;
  Username?: string;
  Password?: string;
  OAuthConsumerKey?: string;
}

const MERGE_FIELD = /\{!\s*(?:(HTMLENCODE)\(\s*)?\$Credential\.([A-Za-z]+)\s*\)?\s*\}/g;
const KNOWN = new Set(['AuthorizationMethod', 'AuthorizationHeaderValue', 'OAuthToken', 'Username', 'Password', 'OAuthConsumerKey']);

/**
 * Replaces `{!$Credential.Name}` (and, where `allowHtmlEncode`, `{!HTMLENCODE($Credential.Name)}` —
 * Salesforce allows HTMLENCODE in bodies only). Unknown names are left as typed.
 */
export function applyMergeFields(text: string, values: CredentialMergeValues, options: { allowHtmlEncode?: boolean } = {}): string {
  if (!text.includes('{!')) return text;
  return text.replace(MERGE_FIELD, (whole, encode: string | undefined, name: string) => {
    if (!KNOWN.has(name)) return whole;
    if (encode && !options.allowHtmlEncode) return whole;
    const value = values[name as keyof CredentialMergeValues] ?? '';
    return encode ? htmlEncode(value) : value;
  });
}

function htmlEncode(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (char) => entities[char]!);
}
