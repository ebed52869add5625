import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fa } from '../i18n/fa';
import { setLocale } from '../i18n/state';
import { slaEditorTitle, slaName, SHIPPED_NAMES } from './shippedNames';

afterEach(() => setLocale('en', 'latn'));

describe('the names of the shipped SLA policies and calendars', () => {
  it('are said in the reader’s language while an admin has not renamed them', async () => {
    await setLocale('fa', 'arabext');
    expect(slaName('policy', { id: 'home-basic', name: 'Home basic' })).toBe('خانگی، پایه');
    expect(slaName('calendar', { id: '24x7', name: 'Around the clock' })).toBe('شبانه‌روزی');
    await setLocale('en', 'latn');
    expect(slaName('policy', { id: 'home-basic', name: 'Home basic' })).toBe('Home basic');
  });

  it('are shown as typed once renamed, and a policy an admin made keeps its name', async () => {
    await setLocale('fa', 'arabext');
    expect(slaName('policy', { id: 'home-basic', name: 'Home (after-hours line)' })).toBe('Home (after-hours line)');
    expect(slaName('calendar', { id: 'berlin', name: 'Berlin Mo–Fr' })).toBe('Berlin Mo–Fr');
  });

  it('has every shipped one named in English as the data names it, and in Persian in Persian', async () => {
    for (const item of SHIPPED_NAMES) {
      await setLocale('en', 'latn');
      expect(slaName(item.kind, item), item.id).toBe(item.name);
      await setLocale('fa', 'arabext');
      const said = slaName(item.kind, item);
      expect(said, item.id).not.toBe(item.name);
      expect(said, item.id).toMatch(/[\u0600-\u06ff]/);
    }
    expect(Object.keys(en).filter((k) => k.startsWith('slaName.'))).toEqual(Object.keys(fa).filter((k) => k.startsWith('slaName.')));
  });
});

describe('the heading of a policy’s or calendar’s editor', () => {
  it('names a shipped one as the SLA settings list does, in the reader’s language', async () => {
    await setLocale('fa', 'arabext');
    const policy = slaEditorTitle('policy', { id: 'education-standard', name: 'Education standard' });
    expect(policy).toContain(slaName('policy', { id: 'education-standard', name: 'Education standard' }));
    expect(policy).not.toContain('Education standard');
    expect(slaEditorTitle('calendar', { id: '24x7', name: 'Around the clock' })).toContain('شبانه‌روزی');
    // Renamed, it is shown as typed; a new one has its own heading.
    expect(slaEditorTitle('calendar', { id: 'berlin', name: 'Berlin Mo–Fr' })).toContain('Berlin Mo–Fr');
    expect(slaEditorTitle('policy', null)).toBe(fa['slaEdit.newPolicy']);
    await setLocale('en', 'latn');
    expect(slaEditorTitle('policy', { id: 'education-standard', name: 'Education standard' })).toBe('Policy: Education standard');
  });
});
