import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Lookup as LookupType } from './Lookup';

// The lookup field in the Persian window took the page's right-to-left for what was typed in
// it: a phone typed as the caller read it out, "+1 512 555 0142", showed "0142 555 512 1+". Its
// text now takes its own direction, line by line (unicode-bidi: plaintext), while the field
// keeps the page's for its hint and the room beside it for the icon and the Ctrl K badge.
// No desk behind it; mocked for this file alone (doMock, undone after: isolate is off).
const MOCKED = ['../backend', '../i18n', '../route', '../session'] as const;
let Lookup: typeof LookupType;
beforeAll(async () => {
  vi.doMock('../backend', () => ({ call: () => Promise.reject(new Error('no desk')), keepRead: () => undefined, problemOf: () => ({ code: 'internal', message: '', issues: [] }) }));
  // Drawn once, on a server: the language's version is the one there is.
  vi.doMock('../i18n', async (actual: () => Promise<object>) => ({ ...(await actual()), useLocaleVersion: () => 0 }));
  vi.doMock('../route', () => ({ customerHref: () => '#/customer', hrefOf: () => '#/', lookupQueryOf: () => null, navigate: () => undefined, useRoute: () => ({ name: 'home' }) }));
  vi.doMock('../session', () => ({ useSession: () => ({ user: { id: 'u1' } }) }));
  vi.resetModules();
  ({ Lookup } = await import('./Lookup'));
});
afterAll(() => {
  for (const path of MOCKED) vi.doUnmock(path);
  vi.resetModules();
});

it('gives what is typed its own direction and leaves the field the page’s', () => {
  const html = renderToStaticMarkup(createElement(MantineProvider, null, createElement(Lookup)));
  const input = /<input[^>]*>/.exec(html)?.[0] ?? '';
  expect(input).toContain('aria-label="');
  expect(input).toMatch(/style="[^"]*unicode-bidi:\s*plaintext/);
  // Not dir="auto" on the field: its padding would follow the typed text's side, under Ctrl K.
  expect(input).not.toContain('dir="auto"');
});
