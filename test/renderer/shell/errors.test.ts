// How the shell reports failures: toasts titled by error code, a theme that applies but could not be
// saved, and the error boundary's readable message when a tab fails to render.
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReceiverLogEntry } from '../../../shared/contract/receiver';
import { useSignetWindows } from '../../harness/signet';

const { open, openUnlocked } = useSignetWindows();

describe('shell error reporting', () => {
  it('shows a coded error as a toast titled by its code: starting the receiver on a port already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as { port: number }).port;
      const { page, backend } = await openUnlocked();
      backend.graph.internal.receiver.configure({ host: '127.0.0.1', port });
      await page.getByRole('tab', { name: 'Receiver', exact: true }).click();
      await page.getByRole('button', { name: 'Start' }).click();
      const toast = page.getByRole('alert').filter({ hasText: 'Starting the receiver: conflict' });
      await toast.waitFor();
      expect(await toast.textContent()).toContain(`Port ${port} is already in use on 127.0.0.1. Choose another port, or 0`);
      // Its close button has a name a screen reader can say; closing it removes the toast.
      await toast.getByRole('button', { name: 'Close notification' }).click();
      await expect.poll(() => toast.count()).toBe(0);
      expect(await page.getByLabel('Receiver status').textContent()).toBe('Stopped');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('applies a theme whose save failed, and says it was not saved', async () => {
    const { page, dataFolder } = await open();
    const scheme = () => page.evaluate(`document.documentElement.getAttribute('data-mantine-color-scheme')`);
    // The settings file cannot be written (a folder stands where it goes).
    const settingsFile = join(dataFolder, 'settings.json');
    rmSync(settingsFile, { force: true });
    mkdirSync(settingsFile);

    await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Dark').click();
    await expect.poll(scheme).toBe('dark');
    const toast = page.getByRole('alert').filter({ hasText: 'Saving the theme: unexpected error' });
    await toast.waitFor();
    expect(await toast.textContent()).toContain('The theme applies now but was not saved');
  });

  it('shows a readable message in the tab that failed to render, keeps the rest of the app working, and recovers on Try again', async () => {
    const { page, backend } = await openUnlocked();
    const receiver = backend.graph.internal.receiver;
    // Main answers with the wrong shape (as a renderer and main from different builds could).
    receiver.log = () => null as unknown as ReceiverLogEntry[];
    await page.getByRole('tab', { name: 'Receiver', exact: true }).click();

    const boundary = page.getByRole('alert').filter({ hasText: 'Something went wrong in the Receiver tab' });
    await boundary.waitFor();
    const text = await boundary.textContent();
    expect(text).toContain('This view hit an unexpected error. Your saved data is not affected.');
    expect(text).toMatch(/Cannot read properties of null/);
    expect(await page.getByLabel('Vault unlocked').isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'Certificates' }).click();
    await expect.poll(() => page.getByRole('tabpanel').getByRole('heading', { name: 'Certificates' }).isVisible()).toBe(true);

    await page.getByRole('tab', { name: 'Receiver', exact: true }).click();
    await boundary.waitFor();
    delete (receiver as Partial<typeof receiver>).log; // the class's own method again
    await boundary.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByLabel('Receiver status').textContent()).toBe('Stopped');
    expect(await boundary.count()).toBe(0);
  });
});
