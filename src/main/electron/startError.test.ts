import { describe, expect, it } from 'vitest';
import { DeskOpenError } from '../core/db/database';
import { damagedFinding } from '../core/db/openErrors';
import { startErrorBox, startLanguage } from './startError';

// The Electron shell's error box when the desk cannot start was English only ("Tagdesk could
// not start" and the core's English sentence), whatever language the person reads. It is
// said now in the language the window last spoke, else the system's (Electron itself cannot
// start here, so the choice and the text are tested as the pure functions they are).

describe('the language of the start-up error box', () => {
  it('is the one the window spoke last, whatever the system says', () => {
    expect(startLanguage('fa', ['en-US'])).toBe('fa');
    expect(startLanguage('en', ['fa-IR'])).toBe('en');
  });

  it('is otherwise the first of the system’s languages the desk speaks, else English', () => {
    expect(startLanguage(null, ['fa-IR', 'en-US'])).toBe('fa');
    expect(startLanguage('', ['de-DE', 'fa_IR.UTF-8'])).toBe('fa');
    expect(startLanguage('tlh', [undefined, 'en-GB', 'fa'])).toBe('en');
    expect(startLanguage(null, ['de-DE', 'C'])).toBe('en');
    expect(startLanguage(undefined, [])).toBe('en');
  });
});

describe('what the start-up error box says', () => {
  const damaged = new DeskOpenError('damaged', { key: 'damaged', values: { finding: damagedFinding('/d/tagdesk.sqlite', ['database disk image is malformed']), dir: '/d' } });

  it('says why a desk cannot be opened in Persian, in Persian words', () => {
    const box = startErrorBox('fa', damaged);
    expect(box.title).toBe('تگ‌دسک راه نیفتاد');
    expect(box.content).toMatch(/^\u2068\/d\/tagdesk\.sqlite\u2069 آسیب دیده است \(ساختار پایگاه داده روی دیسک به هم ریخته است\)\. چیزی در آن نوشته نشد\./);
    // Nothing English but the path and the command to type.
    const rest = `${box.title} ${box.content}`.replace(/\u2068[^\u2069]*\u2069/g, ' ').replace(/\u200e[^\u200e]*\u200e/g, ' ');
    expect(rest.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
  });

  it('says it in English as before for an English reader', () => {
    expect(startErrorBox('en', damaged)).toEqual({ title: 'Tagdesk could not start', content: damaged.message });
  });

  it('keeps a flag’s own words after a Persian lead', () => {
    expect(startErrorBox('fa', new Error('--data needs a folder: --data DIR'))).toEqual({
      title: 'تگ‌دسک راه نیفتاد',
      content: 'گزینه‌ای که تگ‌دسک با آن باز شد درست نیست: \u2068--data needs a folder: --data DIR\u2069',
    });
    expect(startErrorBox('en', new Error('--data needs a folder: --data DIR')).content).toBe('--data needs a folder: --data DIR');
  });
});
