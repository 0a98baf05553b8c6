/** Toasts for failed bridge calls. Titles follow the error code, never the message text. */
import { notifications } from '@mantine/notifications';
import { isAppError, type ErrorCode } from '../../../shared/errors';

const TITLES: Partial<Record<ErrorCode, string>> = {
  BAD_INPUT: 'Check the form',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  FORBIDDEN: 'Not allowed',
  BAD_PASSPHRASE: 'Wrong passphrase',
  UNSUPPORTED_KEY: 'Unsupported key',
  UNSUPPORTED_FORMAT: 'Unsupported format',
  KEY_MISMATCH: 'Key does not match',
  KEY_NOT_EXPORTABLE: 'Key not exportable',
  VAULT_LOCKED: 'Vault locked',
  VAULT_NOT_SET_UP: 'Vault not set up',
  VAULT_DAMAGED: 'Vault damaged',
  TOO_LARGE: 'Too large',
  NETWORK: 'Network error',
  TLS: 'TLS error',
  TIMEOUT: 'Timed out',
  ABORTED: 'Cancelled',
  TOKEN_EXCHANGE_FAILED: 'Token exchange failed',
  INTERNAL: 'Unexpected error',
};

/**
 * Shows an error as a toast; `action` names what the user was doing ("Saving the profile"), and
 * `consequence` what it means for them when the error alone does not say ("The theme applies now…").
 */
/** Mantine's notification close button has no accessible name of its own. */
const closeButtonProps = { 'aria-label': 'Close notification' };

export function notifyError(error: unknown, action?: string, consequence?: string) {
  const title = isAppError(error) ? (TITLES[error.code] ?? 'Error') : 'Unexpected error';
  const reason = error instanceof Error ? error.message : String(error);
  const message = consequence ? `${consequence} ${reason}` : reason;
  notifications.show({
    color: 'red',
    title: action ? `${action}: ${title.toLowerCase()}` : title,
    message,
    autoClose: 8000,
    closeButtonProps,
  });
}

export function notifySuccess(message: string, title?: string) {
  notifications.show({ color: 'teal', title, message, autoClose: 3000, closeButtonProps });
}
