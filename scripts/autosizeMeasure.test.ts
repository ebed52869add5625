import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Sam, in Persian, hands a ticket back down with a note in a wide window, then snaps the window
// to 420 px: the page must not scroll sideways. Mantine's hidden measuring copy of the note
// field stays in <body> at the dialog's width; styles.css scales it out of the scroll area.
// (A check of src/renderer/styles.css against Mantine's source, so it lives with the scripts'
// checks, which run under Node's types.) The rule has to name the copy the way Mantine does, or it silently stops applying.

const root = join(import.meta.dirname, '..');
const mantineCore = join(root, 'node_modules', '@mantine', 'core');

describe('the hidden measuring copy of an autosizing field', () => {
  it('is the textarea Mantine labels "autosize measurement", and styles.css takes it out of the scroll area', () => {
    const autosize = readFileSync(join(mantineCore, 'esm', 'components', 'Textarea', 'Autosize.mjs'), 'utf8');
    const label = /setAttribute\("aria-label", "([^"]+)"\)/.exec(autosize)?.[1];
    expect(label).toBe('autosize measurement');
    // Still pinned to the right edge with inline !important styles, and not transformed by Mantine.
    expect(autosize).toMatch(/right: "0"/);
    expect(autosize).not.toMatch(/transform/);

    const css = readFileSync(join(root, 'src', 'renderer', 'styles.css'), 'utf8');
    const rule = new RegExp(String.raw`body > textarea\[aria-label='${label}'\]\s*\{([^}]*)\}`).exec(css)?.[1] ?? '';
    expect(rule).toMatch(/transform:\s*scale\(0\)/);
  });
});
