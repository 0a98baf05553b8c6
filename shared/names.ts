/**
 * Salesforce API names (Unique Name of a certificate, Name of a named credential): letters, digits
 * and underscores, starting with a letter, no double underscore, not ending with one, ≤ 80 chars.
 */
import { z } from 'zod';

export const API_NAME_PATTERN = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;

export const ApiName = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'Use at most 80 characters.')
  .refine((name) => API_NAME_PATTERN.test(name) && !name.endsWith('_'), {
    message: 'Use letters, digits and single underscores; start with a letter and do not end with an underscore.',
  });

/** Suggests an API name from a label, as Salesforce's forms do ("My Cert (prod)" → "My_Cert_prod"). */
export function toApiName(label: string): string {
  const name = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_0-9]+/, '')
    .replace(/_+$/, '')
    .slice(0, 80)
    .replace(/_+$/, '');
  return name;
}
