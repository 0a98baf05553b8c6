// The readiness marker means "the bridge answered": when main does not answer, #root says so in
// words and is marked failed — never "ready", never a blank window.
import { describe, expect, it } from 'vitest';
import { useSignetWindows } from '../../harness/signet';

const { open } = useSignetWindows();

describe('startup', () => {
  it('marks the root failed with a readable message when the bridge cannot reach main', async () => {
    const { page } = await open();
    // Stand in for a main process that is gone: the host's binding (which the frozen bridge calls) now rejects.
    await page.addInitScript({ content: `window.__signetInvoke = () => Promise.reject(new Error('main process is gone'));` });
    await page.reload();
    const root = page.locator('#root');
    await expect.poll(() => root.getAttribute('data-app-state')).toBe('failed');
    expect(await root.textContent()).toMatch(/^Signet could not reach its main process: .*main process is gone.*Restart Signet/);
    expect(await page.getByRole('tab').count()).toBe(0);
  });
});
