// `{{variables}}` highlighted where they are typed — URL, header values, JSON body — as defined or
// not in the active environment, each naming its value's source and never a secret's value.
// Chromium through the Chromium host.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Environment, Environments } from '../../../shared/contract/environments';
import { useSignetWindows } from '../../harness/signet';
import { bridge, choose, eventually } from './helpers';

const windows = useSignetWindows();

const SECRET = 'Sekr3t-token-9c41e7';

/** The marked references under `scope`: name, defined, title. */
const marks = (scope: Locator) =>
  scope.locator('[data-variable]').evaluateAll((elements) =>
    elements.map((element) => ({
      name: element.getAttribute('data-variable'),
      defined: element.getAttribute('data-defined'),
      title: element.getAttribute('title'),
    })),
  );

/** The highlight layer drawn behind an input (the input's wrapper and the layer share a container). */
const mirrorOf = (input: Locator) => input.locator('xpath=../..').locator('[data-variable-mirror]');

/** Everything the page holds: markup with every attribute, shown text and form field values. */
const everything = (page: Page) =>
  page.evaluate(
    `document.documentElement.outerHTML + '\\n' + document.body.innerText + '\\n' + [...document.querySelectorAll('input, textarea')].map((field) => field.value).join('\\n')`,
  ) as Promise<string>;

const expected = [
  { name: 'host', defined: 'true', title: '{{host}}: from environment Staging' },
  { name: 'token', defined: 'true', title: '{{token}}: from environment Staging (secret, value hidden)' },
  { name: 'missing', defined: 'false', title: '{{missing}}: not defined in the active environment' },
];

/** Opens the Request tab with a "Staging" environment active: `host` plain, `token` secret. */
async function withStaging() {
  const signet = await windows.openUnlocked();
  const { page } = signet;
  const saved = await bridge<Environment>(page, 'environments.save', [
    {
      name: 'Staging',
      variables: [
        { name: 'host', value: 'https://api.staging.test' },
        { name: 'token', value: SECRET, secret: true },
      ],
    },
  ]);
  expect((await bridge<Environments>(page, 'environments.setActive', [saved.id])).activeId).toBe(saved.id);
  await page.getByRole('tab', { name: 'Request', exact: true }).click();
  await expect.poll(() => page.getByRole('combobox', { name: 'Environment', exact: true }).inputValue(), eventually).toBe('Staging');
  return signet;
}

describe('Variable highlighting', () => {
  it('marks {{variables}} in the URL as defined or not, over the typed text, and keeps typing and selection', async () => {
    const { page } = await withStaging();
    const url = page.getByRole('combobox', { name: 'URL' });
    const typed = '{{host}}/items?auth={{token}}&q={{missing}}';
    await url.click();
    await url.pressSequentially(typed);
    expect(await url.inputValue()).toBe(typed);

    const mirror = mirrorOf(url);
    await expect.poll(() => marks(mirror), eventually).toEqual(expected);
    expect(await url.getAttribute('aria-description')).toBe(expected.map((mark) => `${mark.title}.`).join(' '));
    // Defined and undefined marks are drawn in different colours.
    const colours = await mirror
      .locator('[data-variable]')
      .evaluateAll((elements) => elements.map((element) => getComputedStyle(element).backgroundColor));
    expect(colours[0]).toBe(colours[1]);
    expect(colours[2]).not.toBe(colours[0]);
    // The input's own text is transparent: the mirror is what shows, so it must sit under each character.
    const placement = await url.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const contentLeft = input.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
      const mark = input.parentElement!.parentElement!.querySelector<HTMLElement>('[data-variable-mirror] [data-variable="missing"]')!;
      const prefix = input.value.slice(0, input.value.indexOf('{{missing}}'));
      return {
        color: style.color,
        expectedLeft: contentLeft + context.measureText(prefix).width - input.scrollLeft,
        markLeft: mark.getBoundingClientRect().left,
      };
    });
    expect(placement.color).toBe('rgba(0, 0, 0, 0)');
    expect(Math.abs(placement.markLeft - placement.expectedLeft)).toBeLessThan(1.5);

    // Hovering a mark shows its source on the input (the mark itself lies under the input).
    const box = (await mirror.locator('[data-variable="missing"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => url.getAttribute('title')).toBe(expected[2]!.title);

    // A URL longer than the field scrolls; the marks scroll with it.
    await url.press('End');
    await url.pressSequentially('/a-long-path-segment-that-pushes-the-url-past-the-width-of-the-field'.repeat(3) + '/{{host}}');
    const scrolled = await url.evaluate((input: HTMLInputElement) => {
      const box = input.getBoundingClientRect();
      const last = [
        ...input.parentElement!.parentElement!.querySelectorAll<HTMLElement>('[data-variable-mirror] [data-variable="host"]'),
      ].at(-1)!;
      return { scrollLeft: input.scrollLeft, inputRight: box.right, lastRight: last.getBoundingClientRect().right };
    });
    expect(scrolled.scrollLeft).toBeGreaterThan(0);
    expect(scrolled.lastRight).toBeLessThanOrEqual(scrolled.inputRight);
    expect(scrolled.lastRight).toBeGreaterThan(scrolled.inputRight - 60);

    // Keyboard selection still works: select all, type over it.
    await url.press('Home');
    await url.press('Shift+End');
    expect(await url.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd, input.value.length])).toEqual([
      0,
      (await url.inputValue()).length,
      (await url.inputValue()).length,
    ]);
    await url.pressSequentially('{{host}}/x');
    expect(await url.inputValue()).toBe('{{host}}/x');
    await expect.poll(() => marks(mirror)).toEqual([expected[0]]);
    expect(await url.getAttribute('aria-description')).toBe('{{host}}: from environment Staging.');

    expect(await everything(page)).not.toContain(SECRET);
  });

  it('marks {{variables}} in header values and the JSON body, and shows no secret value anywhere', async () => {
    const { page } = await withStaging();
    await page.getByRole('tab', { name: /^Headers/ }).click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByRole('combobox', { name: 'Header 1 name' }).fill('Authorization');
    const value = page.getByRole('textbox', { name: 'Header 1 value' });
    await value.pressSequentially('Bearer {{token}} {{host}} {{missing}}');
    expect(await value.inputValue()).toBe('Bearer {{token}} {{host}} {{missing}}');
    const row = mirrorOf(value);
    await expect.poll(() => marks(row), eventually).toEqual([expected[1], expected[0], expected[2]]);
    expect(await value.getAttribute('aria-description')).toContain('{{missing}}: not defined in the active environment.');

    await page.getByRole('tab', { name: /^Body/ }).click();
    await choose(page, 'JSON');
    const body = page.getByRole('textbox', { name: 'Request body' });
    await body.fill('{"host": "{{host}}", "auth": "{{ token }}", "q": "{{missing}}"}');
    await expect.poll(() => marks(body), eventually).toEqual(expected.map((mark) => ({ ...mark })));
    const colours = await body
      .locator('[data-variable]')
      .evaluateAll((elements) => elements.map((element) => getComputedStyle(element).backgroundColor));
    expect(colours[0]).toBe(colours[1]);
    expect(colours[2]).not.toBe(colours[0]);

    expect(await everything(page)).not.toContain(SECRET);
  });

  it('redraws the marks when the active environment changes', async () => {
    const { page } = await withStaging();
    const url = page.getByRole('combobox', { name: 'URL' });
    await url.fill('{{host}}/items');
    await page.getByRole('tab', { name: /^Body/ }).click();
    await choose(page, 'Text');
    const body = page.getByRole('textbox', { name: 'Request body' });
    await body.fill('host={{host}}');
    const mirror = mirrorOf(url);
    await expect.poll(() => marks(mirror), eventually).toEqual([expected[0]]);
    await expect.poll(() => marks(body), eventually).toEqual([expected[0]]);

    // Picking the chosen environment again deselects it: no environment is active.
    await page.getByRole('combobox', { name: 'Environment', exact: true }).click();
    await page.getByRole('option', { name: 'Staging' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Environment', exact: true }).inputValue(), eventually).toBe('');
    const undefinedHost = [{ name: 'host', defined: 'false', title: '{{host}}: not defined: no environment is active' }];
    await expect.poll(() => marks(mirror), eventually).toEqual(undefinedHost);
    await expect.poll(() => marks(body), eventually).toEqual(undefinedHost);
  });
});
