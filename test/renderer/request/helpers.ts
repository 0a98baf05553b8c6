// Steps shared by the Request tab's renderer tests: open the tab, pick a segment, call the bridge, wait on main.
import type { Page } from 'playwright-core';
import type { OpenSignet, SignetWindows } from '../../harness/signet';

/** Waits on work in main (saves, sends, imports): generous, as other test files share the 2 cores. */
export const eventually = { timeout: 15_000 };

/** Opens an unlocked window on the Request tab, ready for a URL. */
export async function openRequestTab(windows: SignetWindows): Promise<OpenSignet> {
  const signet = await windows.openUnlocked();
  await signet.page.getByRole('tab', { name: 'Request', exact: true }).click();
  await signet.page.getByRole('combobox', { name: 'URL' }).waitFor();
  return signet;
}

/** Picks a SegmentedControl option (its radio input is visually hidden, so it is clicked by event). */
export const choose = (page: Page, name: string) => page.getByRole('radio', { name, exact: true }).dispatchEvent('click');

/** Calls the bridge as the renderer does and returns the value (fails the test on an error). */
export async function bridge<T>(page: Page, method: string, args: unknown[] = []): Promise<T> {
  const result = (await page.evaluate(`window.signet.invoke(${JSON.stringify(method)}, ${JSON.stringify(args)})`)) as {
    ok: boolean;
    value?: T;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}
