// Takes the README screenshot from the Chromium host: `npx tsx scripts/screenshot.ts [out.png] [tab] [theme]`.
// It stages a small scene first — an EC certificate, the Receiver trusting it, a JWT named credential
// pointing at the Receiver — and, on the Request tab, sends `callout:Orders_API/orders` and shows the auth trace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowserHost } from '../electron/host/browser-host';

const [out = 'docs/screenshot.png', tab = 'Request', theme = 'Light'] = process.argv.slice(2);
const dataFolder = mkdtempSync(join(tmpdir(), 'signet-shot-'));
const host = await launchBrowserHost({ dataFolder, kdfCost: { N: 2 ** 12, r: 8, p: 1 }, viewport: { width: 1360, height: 860 } });
try {
  const { page, backend } = host;
  await page.locator('[data-app-state="ready"]').waitFor();
  await page.getByLabel('Master passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByLabel('Confirm passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await page.getByRole('tab', { name: 'Certificates', exact: true }).waitFor();

  const { services, internal } = backend.graph;
  const certificate = await services.certificates.createSelfSigned({
    label: 'Orders Signing',
    name: 'Orders_Signing',
    keyAlgorithm: 'EC-P256',
    subject: { commonName: 'orders-signing', organization: 'Example Corp' },
    exportable: false,
    subjectAltNames: [],
  });
  internal.receiver.configure({ host: '127.0.0.1', port: 0, trustedCertificateIds: [certificate.id], audiences: ['orders-api'] });
  const { baseUrl } = await internal.receiver.start();
  internal.credentialStore.create({
    label: 'Orders API',
    name: 'Orders_API',
    url: `${baseUrl}/api`,
    protocol: 'jwt',
    namedPrincipalSubject: 'integration@example.com',
    jwt: { algorithm: 'ES256', signingCertificateId: certificate.id, issuer: 'signet-demo', audiences: ['orders-api'] },
  });

  await page.getByRole('tab', { name: tab, exact: true }).click();
  if (tab === 'Request') {
    await page.getByRole('combobox', { name: 'URL' }).fill('callout:Orders_API/orders?status=open');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByLabel('Status').filter({ hasText: '200' }).waitFor();
    await page.getByRole('tab', { name: 'Auth', exact: true }).last().click();
  }
  await page.getByRole('radiogroup', { name: 'Theme' }).getByText(theme).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: out });
  console.log(`Saved ${out}`);
} finally {
  await host.close();
  rmSync(dataFolder, { recursive: true, force: true });
}
