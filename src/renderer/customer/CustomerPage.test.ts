import { expect, it } from 'vitest';
import page from './CustomerPage.tsx?raw';

// A customer's page said their language as its code, "fa-IR", beside their phone and email; the
// merge screen names it (labels.languageName), and so does the page now: "Persian (Iran)", and
// «فارسی (ایران)» to a Persian reader.

it('names the customer’s language in the reader’s language, not by its code', () => {
  expect(page).toMatch(/\{languageName\(customer\.locale\)\}/);
  expect(page).not.toMatch(/>\{customer\.locale\}</);
});
