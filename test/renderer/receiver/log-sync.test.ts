// The Receiver tab's log follows the shared log in main: a clear from another window empties this one.
import { describe, expect, it } from 'vitest';
import { useSignetWindows } from '../../harness/signet';

const { openUnlocked } = useSignetWindows();

describe('Receiver log across windows', () => {
  it('empties the log when it is cleared elsewhere (another window calls receiver.clearLog)', async () => {
    const { page, backend } = await openUnlocked();
    await page.getByRole('tab', { name: 'Receiver', exact: true }).click();
    backend.graph.internal.receiver.configure({ host: '127.0.0.1', port: 0 });
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByLabel('Receiver status').textContent()).toMatch(/^Running at /);
    const { baseUrl } = backend.graph.internal.receiver.status();
    expect((await fetch(`${baseUrl}/.well-known/jwks.json`)).status).toBe(200);
    const log = page.getByRole('table', { name: 'Receiver log' });
    await expect.poll(() => log.getByRole('row').count()).toBe(2);

    // What a second window's "Clear log" sends over its bridge.
    expect(await backend.dispatch('receiver.clearLog', [])).toMatchObject({ ok: true });
    await expect.poll(() => log.count()).toBe(0);
    expect(await page.getByText('No requests yet.').isVisible()).toBe(true);
  });
});
