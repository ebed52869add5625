import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFile, hardCodedStrings } from './check-strings';

const root = resolve(fileURLToPath(import.meta.url), '../..');

describe('hard-coded strings in the renderer', () => {
  it('finds text, read attributes and notification titles that bypass the dictionary', () => {
    const source = [
      "export const A = () => <div title=\"Hello there\"><b>Hard coded</b><Button label={'Save it'} aria-label={`Close ${'x'}`} /></div>;",
      "notifications.show({ title: 'Saved', message: t('x') });",
      '<span>{t("ok")} · 3 %</span>;',
      '<kbd>Ctrl</kbd>; // i18n-ok: a key name',
    ].join('\n');
    const found = checkFile('x.tsx', source).map((f) => `${f.line}:${f.text}`);
    expect(found).toEqual(['1:title="Hello there"', '1:Hard coded', "1:label=\"Save it\"", '1:aria-label="Close  "', "2:title: 'Saved'"]);
  });

  it('finds none in src/renderer: every visible string comes from a dictionary', () => {
    expect(hardCodedStrings(root)).toEqual([]);
  });
});
