// Helpers for Named Credentials renderer tests: open the tab, pick Mantine select options by label.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CertificateRecord } from '../../../shared/contract/certificates';
import type { NamedCredentialView } from '../../../shared/contract/credentials';
import { pickFields } from '../../../electron/services/credentials/portable';
import { unwrapResult } from '../../harness/rpc';
import type { OpenSignet } from '../../harness/signet';

export async function openCredentialsTab(page: Page) {
  await page.getByRole('tab', { name: 'Named Credentials' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Named Credentials' }).isVisible()).toBe(true);
}

/** Chooses `option` in the Mantine Select labelled `label`. */
export async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
}

export function editor(page: Page) {
  return page.getByRole('form', { name: 'Named credential editor' });
}

/** Starts a new profile with Label and URL filled in. */
export async function newProfile(page: Page, label: string, url = 'https://api.example.com/v1') {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await editor(page).getByRole('textbox', { name: 'Label', exact: true }).fill(label);
  await editor(page).getByRole('textbox', { name: 'URL', exact: true }).fill(url);
}

export async function save(page: Page) {
  await editor(page).getByRole('button', { name: 'Save' }).click();
}

/** Waits until the list shows a row for `label` (saved). */
export async function expectListed(page: Page, label: string) {
  await expect
    .poll(() => page.getByRole('table', { name: 'Named credentials' }).getByText(label, { exact: true }).count())
    .toBeGreaterThan(0);
}

/**
 * Saves a JWT profile "Legacy API" that signs with `signWith`, then points it at `certificateId` and
 * `algorithm` past the editor's checks — as an older version or another machine could have left it.
 */
export async function storeLegacyJwtProfile(app: OpenSignet, signWith: CertificateRecord, certificateId: string, algorithm: string) {
  const view = unwrapResult<NamedCredentialView>(
    await app.backend.dispatch('credentials.create', [
      {
        profile: {
          label: 'Legacy API',
          name: 'Legacy_API',
          url: 'https://x.example',
          protocol: 'jwt',
          jwt: { algorithm: signWith.keyAlgorithm.startsWith('RSA') ? 'RS256' : 'ES256', signingCertificateId: signWith.id },
        },
      },
    ]),
  );
  const store = app.backend.graph.internal.credentialStore;
  const current = pickFields(store.get(view.id));
  store.replaceFields(view.id, {
    ...current,
    jwt: { ...current.jwt, signingCertificateId: certificateId, algorithm } as typeof current.jwt,
  });
}
