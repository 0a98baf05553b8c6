/** Validation errors from main (BAD_INPUT) in the words of the form: field labels, not argument paths like "entries.0.name". */
import { isAppError } from '../../../../shared/errors';

export interface InputIssue {
  /** The field's path inside the argument ("name", "subject.country", "entries.0.name"). */
  field: string;
  message: string;
}

/** The validation issues of a BAD_INPUT failure (empty for any other failure). */
export function inputIssues(failure: unknown): InputIssue[] {
  if (!isAppError(failure, 'BAD_INPUT')) return [];
  const issues = (failure.details?.issues as { path: string[]; message: string }[] | undefined) ?? [];
  return issues.map((issue) => ({ field: issue.path.slice(1).join('.'), message: issue.message }));
}

/** "Organization: Too big…" — the message under the field's own label, unless it already starts with it. */
export function describeIssue(label: string | undefined, message: string): string {
  if (!label || message.startsWith(`${label}:`)) return message;
  return `${label}: ${message}`;
}
