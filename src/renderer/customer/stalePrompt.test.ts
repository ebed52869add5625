import { expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fa } from '../i18n/fa';

// "Still right" on the confirm-details prompt: the prompt went away with its buttons and a
// screen reader heard nothing, neither that it worked nor, when it did not, why (the reason
// appeared as red text, in no live region).
it('says the details were confirmed, and a refusal as an alert', async () => {
  const { default: prompt } = await import('./StalePrompt.tsx?raw');
  expect(prompt).toMatch(/\.then\(\(\) => \{\s*refreshEverything\(\);[^}]*notifications\.show\(\{ color: 'teal', message: t\('quality\.confirmedDone', \{ name: c\.name \}\) \}\);/);
  expect(prompt).toMatch(/<Text size="sm" c="red" role="alert">\s*\{problem\}/);
  expect(en['quality.confirmedDone']).toBe('{name}’s details are confirmed.');
  expect(fa['quality.confirmedDone']).toMatch(/^جزئیات \{name\} تأیید شد\.$/);
});
