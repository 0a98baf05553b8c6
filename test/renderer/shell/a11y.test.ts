// Accessibility check with axe-core (WCAG 2 A/AA) over every screen with realistic content, in light and dark.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unwrapResult } from '../../harness/rpc';
import { localhostCertificate, startServer } from '../../harness/servers';
import { setUpPassphrase, useSignetWindows, type OpenSignet } from '../../harness/signet';

const { open, openUnlocked } = useSignetWindows();

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Only what a person is blocked or badly hindered by fails the test. */
const BLOCKING = new Set(['serious', 'critical']);

const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

const TOASTS_SETTLED = `[...document.querySelectorAll('.mantine-Notification-root')].every((toast) => {
  for (let node = toast; node; node = node.parentElement) if (getComputedStyle(node).opacity !== '1') return false;
  return true;
})`;

/**
 * Runs axe on the page as it is and returns one line per blocking violation and node, for the failure message.
 * The page's CSP forbids inline scripts, so axe's source goes in through evaluate (a string, not a function).
 */
async function audit(page: Page, screen: string, within = 'html'): Promise<string[]> {
  // A toast fading in or out would be measured half transparent: wait until every toast is fully shown or gone.
  await expect.poll(() => page.evaluate(TOASTS_SETTLED), { timeout: 15_000 }).toBe(true);
  if ((await page.evaluate(`typeof window.axe`)) === 'undefined') await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(${JSON.stringify(within)}, ${JSON.stringify(AXE_OPTIONS)}).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    })))`,
  )) as Violation[];
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map(
        (n) => `[${screen}] ${v.id} (${v.impact}) ${JSON.stringify(n.target)}: ${v.help}. ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`,
      ),
    );
}

const eventually = { timeout: 15_000 };

/** Opens Settings and waits for its opening transition to end (axe would otherwise measure half-faded text). */
async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('dialog', { name: 'Settings' }).waitFor();
  await expect.poll(() => page.evaluate(`getComputedStyle(document.querySelector('[role="dialog"]')).opacity`)).toBe('1');
}

/** Waits for a dialog or drawer to finish its opening transition (opaque, in place), then audits it alone. */
async function auditDialog(dialog: Locator, screen: string): Promise<string[]> {
  await dialog.waitFor();
  await expect
    .poll(
      () => dialog.evaluate((element) => [getComputedStyle(element).opacity, getComputedStyle(element).transform].join(' ')),
      eventually,
    )
    .toMatch(/^1 (none|matrix\(1, 0, 0, 1, 0, 0\))$/);
  await dialog.evaluate((element) => element.setAttribute('data-audited', ''));
  const found = await audit(dialog.page(), screen, '[data-audited]');
  await dialog.evaluate((element) => element.removeAttribute('data-audited'));
  return found;
}

async function closeWithEscape(dialog: Locator) {
  await dialog.page().keyboard.press('Escape');
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

async function showTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected')).toBe('true');
}

/** A certificate, a JWT named credential signed with it, and the receiver trusting it. */
async function seedContent(backend: OpenSignet['backend']): Promise<void> {
  const certificate = unwrapResult<{ id: string }>(
    await backend.dispatch('certificates.createSelfSigned', [{ label: 'Signing key', name: 'Signing_key', keyAlgorithm: 'EC-P256' }]),
  );
  unwrapResult(
    await backend.dispatch('credentials.create', [
      {
        profile: {
          label: 'Orders API',
          name: 'Orders_API',
          url: 'https://api.example.com/v1',
          protocol: 'jwt',
          jwt: { algorithm: 'ES256', signingCertificateId: certificate.id, issuer: 'signet', audiences: ['https://login.example.com'] },
        },
      },
    ]),
  );
  unwrapResult(
    await backend.dispatch('receiver.configure', [{ trustedCertificateIds: [certificate.id], audiences: ['https://login.example.com'] }]),
  );
}

describe('accessibility (axe-core, WCAG 2 A/AA)', () => {
  it('finds no serious or critical violation on the passphrase screen, the five tabs with content, and Settings, in light and dark', async () => {
    const server = await startServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world","items":[1,2,3]}'),
    );
    const signet = await open();
    const { page, backend } = signet;
    const found: string[] = [];

    await expect.poll(() => page.getByRole('heading', { name: 'Set a master passphrase' }).isVisible()).toBe(true);
    found.push(...(await audit(page, 'first run')));
    await setUpPassphrase(page);

    // Content for every tab: a certificate, a JWT named credential, a configured and running receiver.
    await seedContent(backend);
    const token = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: 'https://issuer.test', sub: 'alice', exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url')}.c2lnbmF0dXJl`;

    async function auditTabs(theme: string) {
      await showTab(page, 'Certificates');
      await expect.poll(() => page.getByText('Signing key', { exact: true }).first().isVisible(), eventually).toBe(true);
      found.push(...(await audit(page, `${theme} Certificates`)));

      await showTab(page, 'Named Credentials');
      const editor = page.getByRole('form', { name: 'Named credential editor' });
      if (!(await editor.getByRole('textbox', { name: 'Label', exact: true }).isVisible())) {
        await page.getByRole('button', { name: 'Open Orders API' }).click();
      }
      await expect.poll(() => editor.getByRole('textbox', { name: 'Label', exact: true }).inputValue(), eventually).toBe('Orders API');
      found.push(...(await audit(page, `${theme} Named Credentials`)));

      await showTab(page, 'Request');
      const url = page.getByRole('combobox', { name: 'URL' });
      if ((await url.inputValue()) !== server.url) {
        await url.fill(server.url);
        await page.getByRole('button', { name: 'Send' }).click();
      }
      await expect.poll(() => page.getByLabel('Status').textContent(), eventually).toBe('200 OK');
      await expect.poll(() => page.getByRole('textbox', { name: 'Response body' }).textContent(), eventually).toContain('"hello"');
      found.push(...(await audit(page, `${theme} Request`)));

      await showTab(page, 'Inspector');
      const inspector = page.getByRole('tabpanel', { name: 'Inspector' });
      if ((await inspector.getByLabel('Token', { exact: true }).inputValue()) !== token) {
        await inspector.getByLabel('Token', { exact: true }).fill(token);
      }
      await expect.poll(() => inspector.getByLabel('Payload JSON').textContent(), eventually).toContain('"sub": "alice"');
      found.push(...(await audit(page, `${theme} Inspector`)));

      await showTab(page, 'Receiver');
      if ((await page.getByLabel('Receiver status').textContent()) === 'Stopped') {
        await page.getByRole('button', { name: 'Start' }).click();
      }
      await expect.poll(() => page.getByLabel('Receiver status').textContent(), eventually).toMatch(/^Running at /);
      found.push(...(await audit(page, `${theme} Receiver`)));
    }

    const scheme = () => page.evaluate(`document.documentElement.getAttribute('data-mantine-color-scheme')`);
    expect(await scheme()).toBe('light');
    await auditTabs('light');

    // The dialog alone: the page behind it, dimmed by the overlay, was checked just before.
    await openSettings(page);
    found.push(...(await audit(page, 'light Settings', '[role="dialog"]')));
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await page.keyboard.press('Escape');
    await expect.poll(() => settings.isVisible()).toBe(false);

    await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Dark').click();
    await expect.poll(scheme).toBe('dark');
    await auditTabs('dark');
    await openSettings(page);
    found.push(...(await audit(page, 'dark Settings', '[role="dialog"]')));

    expect(found, `axe found serious/critical violations:\n${found.join('\n')}\n`).toEqual([]);
  }, 90_000);

  it('finds no serious or critical violation in the dialogs and drawers, with content, in light and dark', async () => {
    const { page, backend, dataFolder } = await openUnlocked();
    const found: string[] = [];
    await seedContent(backend);
    const localhost = await localhostCertificate();
    const pemFile = join(dataFolder, 'localhost.pem');
    writeFileSync(pemFile, localhost.cert + localhost.key);
    const token = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: 'https://issuer.test', sub: 'alice', aud: 'https://login.example.com' }),
    ).toString('base64url')}.c2lnbmF0dXJl`;

    async function auditDialogs(theme: string) {
      await showTab(page, 'Certificates');
      await page.getByRole('button', { name: 'Create Self-Signed Certificate' }).click();
      const create = page.getByRole('dialog', { name: 'Create Self-Signed Certificate' });
      await create.getByLabel('Label', { exact: true }).fill(`Key ${theme}`);
      await create.getByLabel('Key Type and Size').selectOption({ label: 'EC P-256' });
      await create.getByLabel('Organization').fill('Acme');
      found.push(...(await auditDialog(create, `${theme} Create Self-Signed Certificate`)));
      await create.getByRole('button', { name: 'Save' }).click();
      const drawer = page.getByRole('dialog', { name: `Key ${theme}` });
      await expect.poll(() => drawer.getByLabel('Public key (JWK)', { exact: true }).textContent(), eventually).toContain('"kty"');
      found.push(...(await auditDialog(drawer, `${theme} certificate details`)));
      await drawer.getByRole('button', { name: 'Close details' }).click();
      await expect.poll(() => drawer.isVisible()).toBe(false);

      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const importDialog = page.getByRole('dialog', { name: 'Import' });
      await importDialog.getByLabel('Choose files').setInputFiles([pemFile]);
      await expect.poll(() => importDialog.getByText(/^Found in the /).isVisible(), eventually).toBe(true);
      found.push(...(await auditDialog(importDialog, `${theme} Import`)));
      await closeWithEscape(importDialog);

      await showTab(page, 'Named Credentials');
      const editor = page.getByRole('form', { name: 'Named credential editor' });
      if (!(await editor.getByRole('textbox', { name: 'Label', exact: true }).isVisible())) {
        await page.getByRole('button', { name: 'Open Orders API' }).click();
      }
      await editor.getByRole('button', { name: 'Preview Token' }).click();
      const preview = page.getByRole('dialog', { name: 'Preview Token' });
      await expect.poll(() => preview.getByRole('textbox', { name: 'Decoded claims' }).textContent(), eventually).toContain('"iss"');
      found.push(...(await auditDialog(preview, `${theme} Preview Token`)));
      await closeWithEscape(preview);

      await showTab(page, 'Request');
      await page.getByRole('button', { name: 'Manage environments' }).click();
      const environments = page.getByRole('dialog', { name: 'Environments' });
      if (!(await environments.getByRole('textbox', { name: 'Environment name' }).isVisible())) {
        await environments.getByRole('button', { name: 'New environment' }).click();
        await expect.poll(() => environments.getByRole('textbox', { name: 'Environment name' }).isVisible(), eventually).toBe(true);
        await environments.getByRole('textbox', { name: 'Environment name' }).fill('Staging');
        await environments.getByRole('button', { name: 'Add variable' }).click();
        await environments.getByRole('textbox', { name: 'Variable 1 name' }).fill('host');
        await environments.getByRole('textbox', { name: 'Variable 1 value' }).fill('https://staging.example.com');
        await environments.getByRole('button', { name: 'Add variable' }).click();
        await environments.getByRole('textbox', { name: 'Variable 2 name' }).fill('apiKey');
        await environments.getByRole('checkbox', { name: 'Variable 2 secret' }).check();
        await environments.getByLabel('Variable 2 new secret value').fill('Sekr3t-api-key');
        await environments.getByRole('button', { name: 'Save environment' }).click();
        await expect
          .poll(() => environments.getByRole('status', { name: 'Variable 2 secret value' }).textContent(), eventually)
          .toContain('Set');
      }
      found.push(...(await auditDialog(environments, `${theme} Environments`)));
      await closeWithEscape(environments);

      await page.getByRole('button', { name: 'Import cURL' }).click();
      const curl = page.getByRole('dialog').filter({ has: page.getByRole('textbox', { name: 'cURL command' }) });
      await curl
        .getByRole('textbox', { name: 'cURL command' })
        .fill(`curl 'https://api.example.com/v1/orders' -H 'Accept: application/json'`);
      found.push(...(await auditDialog(curl, `${theme} Import cURL`)));
      await closeWithEscape(curl);

      await showTab(page, 'Inspector');
      const inspector = page.getByRole('tabpanel', { name: 'Inspector' });
      await inspector
        .locator('label')
        .filter({ hasText: /^Craft$/ })
        .click();
      await expect.poll(() => inspector.getByRole('button', { name: 'Sign token' }).isVisible(), eventually).toBe(true);
      // The panel alone: a toast from an earlier step may still be fading out over the page.
      found.push(...(await auditDialog(inspector, `${theme} Inspector Craft`)));

      await showTab(page, 'Receiver');
      if ((await page.getByLabel('Receiver status').textContent()) === 'Stopped') {
        await page.getByRole('button', { name: 'Start' }).click();
      }
      await expect.poll(() => page.getByLabel('Receiver status').textContent(), eventually).toMatch(/^Running at /);
      const baseUrl = (await page.getByLabel('Receiver status').textContent())!.replace('Running at ', '');
      const log = page.getByRole('table', { name: 'Receiver log' });
      const before = await log.getByRole('row').count();
      await fetch(`${baseUrl}/api/orders/42`, { headers: { authorization: `Bearer ${token}` } });
      await expect.poll(() => log.getByRole('row').count(), eventually).toBeGreaterThan(before);
      await page
        .getByRole('row', { name: /^GET \/api\/orders\/42: / })
        .first()
        .click();
      const entry = page.getByRole('dialog').filter({ has: page.getByLabel('Verdict reason') });
      found.push(...(await auditDialog(entry, `${theme} receiver log entry`)));
      await closeWithEscape(entry);
    }

    const scheme = () => page.evaluate(`document.documentElement.getAttribute('data-mantine-color-scheme')`);
    expect(await scheme()).toBe('light');
    await auditDialogs('light');
    await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Dark').click();
    await expect.poll(scheme).toBe('dark');
    await auditDialogs('dark');

    expect(found, `axe found serious/critical violations:\n${found.join('\n')}\n`).toEqual([]);
  }, 90_000);
});
