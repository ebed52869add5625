import { notifications, notificationsStore } from '@mantine/notifications';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../i18n';
import { setLocale } from '../i18n/state';
import { saidAnewIds, sayAllAnew, showSaidAnew } from './saidAnew';

// Ava's take lost to Sam's ("Sam Lee took T-000788 first"), a notice that stays until closed;
// she switched to Persian and it stayed in English. It is said anew in the new language, in
// its place, and once closed it is forgotten.

describe('a notice that stays until closed, on a switch of language', () => {
  afterEach(() => setLocale('en', 'latn'));

  it('is said anew with its words of the moment, keeps its place, and is forgotten once closed', () => {
    let language = 'en';
    const closed: string[] = [];
    const id = showSaidAnew(() => ({ id: 'taken-first-t1', autoClose: false, title: language === 'en' ? 'Sam Lee took T-000788 first' : 'سام لی زودتر T-000788 را برداشت', message: '', onClose: (n) => void closed.push(String(n.id)) }));
    const other = showSaidAnew(() => ({ autoClose: false, title: language === 'en' ? 'Not taken' : 'برداشته نشد', message: '' }));
    const titles = () => notificationsStore.getState().notifications.map((n) => [n.id, n.title]);
    expect(titles()).toEqual([
      [id, 'Sam Lee took T-000788 first'],
      [other, 'Not taken'],
    ]);
    language = 'fa';
    sayAllAnew();
    expect(titles()).toEqual([
      [id, 'سام لی زودتر T-000788 را برداشت'],
      [other, 'برداشته نشد'],
    ]);
    expect(saidAnewIds()).toEqual([id, other]);
    notifications.hide(id);
    expect(closed).toEqual([id]);
    expect(saidAnewIds()).toEqual([other]);
    notifications.hide(other);
    expect(saidAnewIds()).toEqual([]);
  });

  // The hub ended Ava's session while "Signed in without the hub" was open: the sign-in screen
  // came with it still open, and switching to Persian there left it in English (only a
  // signed-in screen listened for the switch).
  it('is said anew when the language is switched where nobody is signed in', async () => {
    const id = showSaidAnew(() => ({ autoClose: false, title: t('signIn.hubNotUsed', { url: 'https://hub.example:4180' }), message: '' }));
    const title = () => String(notificationsStore.getState().notifications.find((n) => n.id === id)?.title);
    expect(title()).toMatch(/^[^\u0600-\u06FF]+$/);
    await setLocale('fa', 'arabext');
    expect(title()).toMatch(/[\u0600-\u06FF]/);
    notifications.hide(id);
  });
});
