/** True while a modal dialog is open: a tab's window-wide shortcuts (send, save, cancel) then belong to the dialog. */
export function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}
