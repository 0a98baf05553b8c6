// The Chromium host's share of the security model, in a real Chromium: the CSP header is enforced
// on the app page, and the bridge answers only the app's main frame (a frame inside it gets FORBIDDEN).
import { describe, expect, it } from 'vitest';
import { useSignetWindows } from '../../harness/signet';

const { open } = useSignetWindows();

describe('Chromium host security', () => {
  it('serves the app with a CSP that Chromium enforces: an injected inline script does not run', async () => {
    const { page } = await open();
    const response = await page.reload();
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    await page.locator('[data-app-state="ready"]').waitFor();

    const violation = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true });
      const script = document.createElement('script');
      script.textContent = 'window.__inlineScriptRan = true';
      document.body.append(script);
      setTimeout(() => resolve(window.__inlineScriptRan === true ? 'ran' : 'no violation reported'), 5000);
    })`);
    expect(violation).toMatch(/^script-src/);
    expect(await page.evaluate('window.__inlineScriptRan === true')).toBe(false);
  });

  it('answers the main frame only: a same-origin frame inside the app gets FORBIDDEN from the bridge', async () => {
    const { page } = await open();
    expect(await page.evaluate(`window.signet.invoke('vault.status', [])`)).toMatchObject({ ok: true });

    await page.evaluate(`new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = '/frame-probe';
      frame.addEventListener('load', resolve, { once: true });
      document.body.append(frame);
    })`);
    const child = page.frames().find((frame) => frame !== page.mainFrame() && frame.url().endsWith('/frame-probe'));
    expect(child).toBeDefined();
    // The bridge is installed there too (init scripts run in every frame); the host must refuse it.
    expect(await child!.evaluate('typeof window.signet.invoke')).toBe('function');
    const result = await child!.evaluate(`window.signet.invoke('vault.status', [])`);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
