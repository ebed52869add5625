import { describe, expect, it } from 'vitest';
import { evalStore } from './evaluate';

// A Persian agent types a compound word with a space where the article's writer used a ZWNJ
// ("درجه بندی" / "درجه‌بندی", "صفحه کلید" / "صفحه‌کلید"), or adds a suffix ("کلیدهای"): the
// suggestions on the ticket found nothing, while the same words on the KB page did.

const ARTICLES = [
  { id: 'ratings', title: 'درجه‌بندی مقاله‌ها با «بی‌ربط»، «کمی مرتبط» و «خیلی مرتبط»', body: 'سامانه از درجه‌بندی کارشناسان یاد می‌گیرد.' },
  { id: 'keyboard', title: 'کلید‌های صفحه‌کلید پس از ریختن آب کار نمی‌کنند', body: 'لپ‌تاپ را خاموش کنید و صفحه‌کلید را خشک کنید.' },
  { id: 'english', title: 'Battery stuck at 80 percent', body: 'Set the charge configuration to Standard.' },
];
const ticket = (text: string) => ({ key: text, text, productLine: null, model: null, segment: null });

describe('Persian tickets’ suggestions', () => {
  it('finds the article written with a ZWNJ for a ticket typed with a space, and names the word matched', async () => {
    const { store, close } = await evalStore(ARTICLES);
    const first = (text: string) => store.suggest(ticket(text), { limit: 3 }).ranked[0];
    expect(first('درجه بندی مقالات')?.articleId).toBe('ratings');
    expect(first('درجه بندی مقالات')?.matched).toContain('درجه');
    // Arabic yeh and kaf, a space in «صفحه کلید», the plural without its ZWNJ.
    expect(first('صفحه كليد بعد از ريختن چاي')?.articleId).toBe('keyboard');
    close();
  });
});
