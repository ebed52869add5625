import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shareOf, textsOf, timeLeftText, upgradePage, upgradePageCsp, upgradeTracker } from './upgradeScreen';

// What the upgrade screen says while a desk's file is upgraded at start, in both languages.

const tickets = { step: 'tickets', rowsDone: 5_234_000, rowsTotal: 24_000_000, stepRowsDone: 1_234_000, stepRowsTotal: 2_000_000 };

describe('the words of the upgrade screen', () => {
  it('names the table being converted and its own rows, in English and in Persian digits', () => {
    expect(textsOf('en', tickets, 98, null).step).toBe('Converting tickets — 1,234,000 of 2,000,000 rows');
    expect(textsOf('fa', tickets, 98, null).step).toBe('تبدیل تیکت‌ها — ۱٬۲۳۴٬۰۰۰ از ۲٬۰۰۰٬۰۰۰ ردیف');
    // A table without a plain name keeps its own, isolated in the Persian sentence.
    const other = { ...tickets, step: 'kb_article_versions', stepRowsDone: 20, stepRowsTotal: 98 };
    expect(textsOf('en', other, 0, null).step).toBe('Converting the kb_article_versions table — 20 of 98 rows');
    expect(textsOf('fa', other, 0, null).step).toBe('تبدیل جدول \u2068kb_article_versions\u2069 — ۲۰ از ۹۸ ردیف');
  });

  it('counts pages while the compact file is written', () => {
    const vacuum = { step: 'vacuum', rowsDone: 812_000, rowsTotal: 1_548_864 };
    expect(textsOf('en', vacuum, 700, null).step).toBe('Writing the compact file — 812,000 of 1,548,864 pages');
    expect(textsOf('fa', vacuum, 700, null).step).toBe('نوشتن پروندهٔ فشرده — ۸۱۲٬۰۰۰ از ۱٬۵۴۸٬۸۶۴ صفحه');
  });

  it('says what the import keys step (0028) does, rather than naming its table', () => {
    const keys = { step: 'import_ids', rowsDone: 1_200, rowsTotal: 5_000, whole: true };
    expect(textsOf('en', keys, 240, null).step).toBe('Hiding the emails and names imported customers are known by — 1,200 of 5,000 rows');
    expect(textsOf('fa', keys, 240, null).step).toBe('پنهان کردن ایمیل‌ها و نام‌هایی که مشتری‌های واردشده با آن‌ها شناخته می‌شوند — ۱٬۲۰۰ از ۵٬۰۰۰ ردیف');
  });

  it('gives the percent of the whole upgrade, rounded down', () => {
    expect(textsOf('en', tickets, 429, null).percent).toBe('42%');
    expect(textsOf('fa', tickets, 429, null).percent).toBe('۴۲٪');
    expect(textsOf('en', tickets, 999, null).percent).toBe('99%');
    expect(textsOf('fa', tickets, 1000, null).percent).toBe('۱۰۰٪');
  });

  it('says how long is left in minutes, hours and minutes, or that it is still estimating', () => {
    const minute = 60_000;
    expect(timeLeftText('en', null)).toBe('Estimating the time left…');
    expect(timeLeftText('fa', null)).toBe('در حال برآورد زمان باقی‌مانده…');
    expect(timeLeftText('en', 20_000)).toBe('Less than a minute left');
    expect(timeLeftText('fa', 20_000)).toBe('کمتر از یک دقیقه مانده');
    expect(timeLeftText('en', minute)).toBe('About 1 minute left');
    expect(timeLeftText('en', 24.2 * minute)).toBe('About 25 minutes left');
    expect(timeLeftText('fa', 24.2 * minute)).toBe('حدود ۲۵ دقیقه مانده');
    expect(timeLeftText('en', 65 * minute)).toBe('About 1 hour 5 minutes left');
    expect(timeLeftText('fa', 65 * minute)).toBe('حدود ۱ ساعت و ۵ دقیقه مانده');
    expect(timeLeftText('en', 120 * minute)).toBe('About 2 hours left');
    expect(timeLeftText('fa', 120 * minute)).toBe('حدود ۲ ساعت مانده');
  });
});

describe('how far the upgrade has got', () => {
  it('gives the tables 45 % of the bar and the file\'s rewrite the rest', () => {
    expect(shareOf({ step: 'tickets', rowsDone: 0, rowsTotal: 100 })).toBe(0);
    expect(shareOf({ step: 'contacts', rowsDone: 100, rowsTotal: 100 })).toBeCloseTo(0.45);
    expect(shareOf({ step: 'vacuum', rowsDone: 0, rowsTotal: 800 })).toBeCloseTo(0.45);
    expect(shareOf({ step: 'vacuum', rowsDone: 400, rowsTotal: 800 })).toBeCloseTo(0.725);
    expect(shareOf({ step: 'vacuum', rowsDone: 800, rowsTotal: 800 })).toBe(1);
  });

  it('lets the weekly trends fill the bar alone on a compact desk, and hold it after the compaction\'s tables', () => {
    const alone = upgradeTracker(() => 0);
    alone.update({ step: 'ticket_trends', rowsDone: 500, rowsTotal: 2_000, whole: true });
    expect(alone.view()!.permille).toBe(250);
    expect(alone.view()!.en.step).toBe('Counting tickets into the weekly trends — 500 of 2,000 tickets');
    expect(alone.view()!.fa.step).toBe('شمردن تیکت‌ها در روندهای هفتگی — ۵۰۰ از ۲٬۰۰۰ تیکت');
    const words = upgradeTracker(() => 0);
    words.update({ step: 'customer_words', rowsDone: 20_000, rowsTotal: 1_000_000, whole: true });
    expect(words.view()!.en.step).toBe("Indexing the words of customers' names — 20,000 of 1,000,000 customers");
    expect(words.view()!.fa.step).toBe('نمایه کردن واژه‌های نام مشتری‌ها — ۲۰٬۰۰۰ از ۱٬۰۰۰٬۰۰۰ مشتری');
    const after = upgradeTracker(() => 0);
    after.update({ step: 'contacts', rowsDone: 100, rowsTotal: 100 });
    after.update({ step: 'ticket_trends', rowsDone: 1_999, rowsTotal: 2_000, whole: true });
    expect(after.view()!.permille).toBe(450);
    after.update({ step: 'vacuum', rowsDone: 400, rowsTotal: 800 });
    expect(after.view()!.permille).toBe(725);
  });

  it('never moves back, and estimates the time left only once there is enough to go on', () => {
    let now = 0;
    const tracker = upgradeTracker(() => now);
    expect(tracker.view()).toBeNull();
    tracker.update({ step: 'ticket_events', rowsDone: 0, rowsTotal: 1_000, stepRowsDone: 0, stepRowsTotal: 400 });
    now = 5_000;
    tracker.update({ step: 'ticket_events', rowsDone: 200, rowsTotal: 1_000, stepRowsDone: 200, stepRowsTotal: 400 });
    // 5 s in: too early to tell.
    expect(tracker.view()!.en.timeLeft).toBe('Estimating the time left…');
    expect(tracker.view()!.permille).toBe(90);
    now = 60_000;
    tracker.update({ step: 'tickets', rowsDone: 500, rowsTotal: 1_000, stepRowsDone: 100, stepRowsTotal: 300 });
    // 22.5 % in 60 s: 77.5 % more takes about 207 s.
    const view = tracker.view()!;
    expect(view.permille).toBe(225);
    expect(view.en).toEqual({ step: 'Converting tickets — 100 of 300 rows', percent: '22%', timeLeft: 'About 4 minutes left' });
    expect(view.fa).toEqual({ step: 'تبدیل تیکت‌ها — ۱۰۰ از ۳۰۰ ردیف', percent: '۲۲٪', timeLeft: 'حدود ۴ دقیقه مانده' });
    // A report from behind (a step resumed after a kill starts its table again) keeps the bar where it was.
    tracker.update({ step: 'tickets', rowsDone: 400, rowsTotal: 1_000, stepRowsDone: 0, stepRowsTotal: 300 });
    expect(tracker.view()!.permille).toBe(225);
    expect(tracker.view()!.en.step).toBe('Converting tickets — 0 of 300 rows');
  });
});

describe('the upgrade page', () => {
  const tracker = upgradeTracker(() => 0);
  tracker.update(tickets);
  const html = upgradePage(tracker.view(), { poll: '/upgrade-progress' });

  it('has an English half and a right-to-left Persian half, each with a labelled bar', () => {
    expect(html).toMatch(/<section lang="en" dir="ltr"[^>]*>[\s\S]*<h1 id="title-en">Upgrading this desk&#39;s file<\/h1>/);
    expect(html).toMatch(/<section lang="fa" dir="rtl"[^>]*>[\s\S]*<h1 id="title-fa">به‌روز کردن پروندهٔ این میز<\/h1>/);
    expect(html).toMatch(/<label id="label-en" for="bar-en">Upgrade progress<\/label>/);
    expect(html).toMatch(/<progress id="bar-en" max="1000" value="98" aria-labelledby="label-en"[^>]*aria-valuetext="9%">/);
    expect(html).toMatch(/<progress id="bar-fa" max="1000" value="98" aria-labelledby="label-fa"[^>]*aria-valuetext="۹٪">/);
    expect(html).toContain('Converting tickets — 1,234,000 of 2,000,000 rows');
    expect(html).toContain('the upgrade resumes where it stopped');
    expect(html).toContain('از همان جا که مانده بود ادامه می‌یابد');
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain('data-poll="/upgrade-progress"');
  });

  it('loads nothing from elsewhere, and its content security policy lets exactly its own script and style run', () => {
    expect(html).not.toMatch(/\b(src|href)=/);
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const csp = upgradePageCsp({ poll: '/upgrade-progress' });
    expect(csp).toContain(`script-src ${sha(script)}`);
    expect(csp).toContain(`style-src ${sha(style)}`);
    expect(csp).toContain("connect-src 'self'");
    // Electron's copy is pushed to, and asks nothing of anyone.
    const pushed = upgradePage(null, { poll: null });
    expect(pushed).not.toContain('data-poll');
    expect(upgradePageCsp({ poll: null })).toContain("connect-src 'none'");
    expect(pushed).toContain('value="0"');
  });
});

describe('a step that gives no news while it runs', () => {
  it('says what it is and that it shows no progress, in English and Persian, and the count does not move the bar', () => {
    const counting = { step: 'counting', rowsDone: 0, rowsTotal: 0, phase: 'counting' } as const;
    expect(shareOf(counting)).toBe(0);
    expect(textsOf('en', counting, 0, null)).toEqual({
      step: 'Counting the rows to convert',
      percent: '0%',
      timeLeft: 'This step shows no progress while it runs; on a large desk it takes up to a few minutes.',
    });
    const indexing = { step: 'ticket_events', rowsDone: 600, rowsTotal: 1_000, stepRowsDone: 400, stepRowsTotal: 400, phase: 'indexing' } as const;
    expect(textsOf('en', indexing, 270, 120_000).step).toBe('Building the indexes of ticket histories');
    expect(textsOf('fa', indexing, 270, 120_000)).toEqual({
      step: 'ساختن نمایه‌های تاریخچهٔ تیکت‌ها',
      percent: '۲۷٪',
      timeLeft: 'این مرحله تا تمام نشود پیشرفتی نشان نمی‌دهد؛ روی میزی بزرگ تا چند دقیقه طول می‌کشد.',
    });
    expect(textsOf('en', { ...indexing, phase: 'collecting' }, 270, null).step).toBe('Gathering the shared texts of ticket histories');
  });
});

