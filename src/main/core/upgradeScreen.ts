import { createHash } from 'node:crypto';
import { QUIET_ROWS, type CompactProgress } from './db/compact';

// The screen both shells show while a desk's file is upgraded at start (migration 0014_compact:
// about 30 minutes on a big desk, before the desk can open). One page, in English and Persian,
// with no file of its own: the browser shell serves it at every page address and the page asks
// it for progress; Electron shows it in a window from a data: URL and pushes progress into it.
// Here because both shells may import the core, and neither may import the other.

/**
 * The bar's share for converting the tables; writing the compact file has the rest. From the
 * measured upgrade of the default dataset (README): 13 minutes converting, 16 writing.
 */
const TABLES_SHARE = 0.45;
/** No estimate of the time left before this long, nor before this share of the bar has moved. */
const ESTIMATE_AFTER_MS = 15_000;
const ESTIMATE_AFTER_SHARE = 0.01;

export type UpgradeLanguage = 'en' | 'fa';

export interface UpgradeTexts {
  /** What is being done now, with its counts. */
  step: string;
  /** Of the whole upgrade, rounded down. */
  percent: string;
  timeLeft: string;
}

export interface UpgradeView {
  /** Thousandths of the whole upgrade; never goes back. */
  permille: number;
  en: UpgradeTexts;
  fa: UpgradeTexts;
  /** The latest report, as the migration gave it. */
  progress: CompactProgress;
}

/** What the browser shell's progress endpoint answers, and what Electron pushes. */
export interface UpgradeState {
  /** The desk has opened: the page becomes the app. */
  open: boolean;
  view: UpgradeView | null;
}

export interface UpgradeTracker {
  update(p: CompactProgress): void;
  /** Null until the first report. */
  view(): UpgradeView | null;
}

/** Follows the migration's reports and turns them into what the screen says. */
export function upgradeTracker(now: () => number = Date.now): UpgradeTracker {
  let latest: CompactProgress | null = null;
  let share = 0;
  let first: { at: number; share: number } | null = null;
  // A job that is a whole upgrade by itself (counting the trends) fills the bar alone; after
  // the compaction's tables it holds the bar where they left it, until the file is written.
  let compacting = false;
  return {
    update(p) {
      latest = p;
      if (!p.whole) compacting = true;
      // Monotone: a resumed step or a late report never moves the bar back.
      share = Math.max(share, p.whole && compacting ? share : shareOf(p));
      first ??= { at: now(), share };
    },
    view() {
      if (!latest || !first) return null;
      const elapsed = now() - first.at;
      const gained = share - first.share;
      const msLeft = elapsed >= ESTIMATE_AFTER_MS && gained >= ESTIMATE_AFTER_SHARE ? ((1 - share) * elapsed) / gained : null;
      const permille = Math.floor(share * 1000);
      return { permille, en: textsOf('en', latest, permille, msLeft), fa: textsOf('fa', latest, permille, msLeft), progress: latest };
    },
  };
}

/**
 * Progress as log lines for the shells (the browser shell and Electron print them on stderr
 * while a desk's file is upgraded before they serve), in the screen's own English words: one
 * at each step and every 5 % of the whole, and one before each step that gives no news.
 */
export function progressLines(write: (line: string) => void): (p: CompactProgress) => void {
  const tracker = upgradeTracker();
  let step = '';
  let shown = -5;
  return (p) => {
    tracker.update(p);
    const view = tracker.view()!;
    if (p.phase) {
      // A long stretch without news: say what it is, so a quiet log is not taken for a hang.
      if (p.phase === 'counting' || (p.stepRowsTotal ?? 0) >= QUIET_ROWS) write(`tagdesk: upgrading the desk's file: ${view.en.step}. ${view.en.timeLeft}`);
      return;
    }
    // A new or small desk converts in a moment: not worth a line in the shell's log.
    if (p.rowsTotal < 10_000) return;
    const percent = Math.floor(view.permille / 10);
    if (p.step === step && percent < shown + 5) return;
    step = p.step;
    shown = percent;
    write(`tagdesk: upgrading the desk's file: ${view.en.step} (${view.en.percent} of the whole)`);
  };
}

/** The share of the whole upgrade a report stands for: the tables' rows, then the file's pages. */
export function shareOf(p: CompactProgress): number {
  if (p.phase === 'counting') return 0;
  const part = p.rowsTotal > 0 ? Math.min(1, Math.max(0, p.rowsDone / p.rowsTotal)) : 1;
  if (p.whole) return part;
  return p.step === 'vacuum' ? TABLES_SHARE + (1 - TABLES_SHARE) * part : TABLES_SHARE * part;
}

// ---- words ---------------------------------------------------------------------------------------

/** Tables an agent would recognise, by what they hold; the rest are named as they are. */
const TABLE_NAMES: Readonly<Record<string, Record<UpgradeLanguage, string>>> = {
  ticket_events: { en: 'ticket histories', fa: 'تاریخچهٔ تیکت‌ها' },
  tickets: { en: 'tickets', fa: 'تیکت‌ها' },
  interactions: { en: 'contact history', fa: 'تاریخچهٔ تماس‌ها' },
  assets: { en: 'systems', fa: 'سیستم‌ها' },
  asset_owners: { en: 'system owners', fa: 'مالکان سیستم‌ها' },
  contacts: { en: 'contacts', fa: 'مخاطب‌ها' },
  sla_outcomes: { en: 'SLA outcomes', fa: 'نتیجه‌های SLA' },
  customers: { en: 'customers', fa: 'مشتری‌ها' },
  customer_events: { en: 'customer changes', fa: 'تغییرات مشتری‌ها' },
};

/** First strong isolate … pop: a Latin table name keeps its own order in a Persian sentence. */
const isolate = (latin: string) => `\u2068${latin}\u2069`;

const numbers: Record<UpgradeLanguage, Intl.NumberFormat> = { en: new Intl.NumberFormat('en-US'), fa: new Intl.NumberFormat('fa-IR') };

export function textsOf(language: UpgradeLanguage, p: CompactProgress, permille: number, msLeft: number | null): UpgradeTexts {
  const n = (value: number) => numbers[language].format(value);
  const percent = language === 'fa' ? `${n(Math.floor(permille / 10))}٪` : `${Math.floor(permille / 10)}%`;
  // A step that gives no news while it runs says so, instead of an estimate it cannot make.
  const timeLeft = p.phase ? (language === 'fa' ? QUIET_FA : QUIET_EN) : timeLeftText(language, msLeft);
  return { step: stepText(language, p, n), percent, timeLeft };
}

const QUIET_EN = 'This step shows no progress while it runs; on a large desk it takes up to a few minutes.';
const QUIET_FA = 'این مرحله تا تمام نشود پیشرفتی نشان نمی‌دهد؛ روی میزی بزرگ تا چند دقیقه طول می‌کشد.';

function stepText(language: UpgradeLanguage, p: CompactProgress, n: (value: number) => string): string {
  const fa = language === 'fa';
  if (p.phase === 'counting') return fa ? 'شمردن ردیف‌هایی که باید تبدیل شوند' : 'Counting the rows to convert';
  if (p.phase) {
    const table = TABLE_NAMES[p.step]?.[language] ?? (fa ? `جدول ${isolate(p.step)}` : `the ${p.step} table`);
    if (p.phase === 'indexing') return fa ? `ساختن نمایه‌های ${table}` : `Building the indexes of ${table}`;
    return fa ? `گردآوری متن‌های مشترک ${table}` : `Gathering the shared texts of ${table}`;
  }
  if (p.step === 'ticket_trends') {
    return fa ? `شمردن تیکت‌ها در روندهای هفتگی — ${n(p.rowsDone)} از ${n(p.rowsTotal)} تیکت` : `Counting tickets into the weekly trends — ${n(p.rowsDone)} of ${n(p.rowsTotal)} tickets`;
  }
  if (p.step === 'customer_words') {
    return fa ? `نمایه کردن واژه‌های نام مشتری‌ها — ${n(p.rowsDone)} از ${n(p.rowsTotal)} مشتری` : `Indexing the words of customers' names — ${n(p.rowsDone)} of ${n(p.rowsTotal)} customers`;
  }
  if (p.step === 'import_ids') {
    return fa
      ? `پنهان کردن ایمیل‌ها و نام‌هایی که مشتری‌های واردشده با آن‌ها شناخته می‌شوند — ${n(p.rowsDone)} از ${n(p.rowsTotal)} ردیف`
      : `Hiding the emails and names imported customers are known by — ${n(p.rowsDone)} of ${n(p.rowsTotal)} rows`;
  }
  if (p.step === 'vacuum') {
    return language === 'fa' ? `نوشتن پروندهٔ فشرده — ${n(p.rowsDone)} از ${n(p.rowsTotal)} صفحه` : `Writing the compact file — ${n(p.rowsDone)} of ${n(p.rowsTotal)} pages`;
  }
  const named = TABLE_NAMES[p.step]?.[language];
  const table = named ?? (language === 'fa' ? `جدول ${isolate(p.step)}` : `the ${p.step} table`);
  // A report without the table's own counts says how far all the tables have got.
  const own = p.stepRowsDone !== undefined && p.stepRowsTotal !== undefined;
  const [done, total] = own ? [p.stepRowsDone!, p.stepRowsTotal!] : [p.rowsDone, p.rowsTotal];
  if (language === 'fa') return `تبدیل ${table} — ${n(done)} از ${n(total)} ردیف${own ? '' : ' در همهٔ جدول‌ها'}`;
  return `Converting ${table} — ${n(done)} of ${n(total)} rows${own ? '' : ' in all tables'}`;
}

export function timeLeftText(language: UpgradeLanguage, msLeft: number | null): string {
  const fa = language === 'fa';
  if (msLeft === null) return fa ? 'در حال برآورد زمان باقی‌مانده…' : 'Estimating the time left…';
  if (msLeft < 60_000) return fa ? 'کمتر از یک دقیقه مانده' : 'Less than a minute left';
  const minutesLeft = Math.ceil(msLeft / 60_000);
  const hours = Math.floor(minutesLeft / 60);
  const minutes = minutesLeft % 60;
  if (fa) {
    const n = (value: number) => numbers.fa.format(value);
    const parts = [hours > 0 ? `${n(hours)} ساعت` : '', minutes > 0 ? `${n(minutes)} دقیقه` : ''].filter(Boolean);
    return `حدود ${parts.join(' و ')} مانده`;
  }
  const unit = (value: number, one: string) => `${value} ${one}${value === 1 ? '' : 's'}`;
  const parts = [hours > 0 ? unit(hours, 'hour') : '', minutes > 0 ? unit(minutes, 'minute') : ''].filter(Boolean);
  return `About ${parts.join(' ')} left`;
}

// ---- the page ------------------------------------------------------------------------------------

const WORDS: Record<UpgradeLanguage, { title: string; lead: string; bar: string; safe: string; lost: string }> = {
  en: {
    title: "Upgrading this desk's file",
    lead:
      'This desk was created by an older Tagdesk, and its file is being brought up to date: converted to the compact format, which takes about half the space, if it is not yet, and its tickets counted into the weekly trends. ' +
      'On a large desk this takes up to half an hour; the desk opens by itself when it is done.',
    bar: 'Upgrade progress',
    safe: 'It is safe to close this window or to stop Tagdesk: nothing is lost, and the upgrade resumes where it stopped the next time the desk starts.',
    lost: 'Tagdesk is not answering. If it was stopped, start it again: the upgrade resumes where it stopped.',
  },
  fa: {
    title: 'به‌روز کردن پروندهٔ این میز',
    lead:
      'این میز با نسخهٔ قدیمی‌تر تگ‌دسک ساخته شده است و پرونده‌اش به‌روز می‌شود: اگر هنوز نشده، به قالب فشردهٔ تازه که حدود نیمی از جا را می‌گیرد تبدیل می‌شود، و تیکت‌هایش در روندهای هفتگی شمرده می‌شوند. ' +
      'روی میزی بزرگ این کار تا نیم ساعت طول می‌کشد؛ وقتی تمام شود، میز خودش باز می‌شود.',
    bar: 'پیشرفت به‌روز کردن',
    safe: 'بستن این پنجره یا متوقف کردن تگ‌دسک بی‌خطر است: چیزی از دست نمی‌رود و به‌روز کردن، دفعهٔ بعد که میز راه بیفتد، از همان جا که مانده بود ادامه می‌یابد.',
    lost: 'تگ‌دسک پاسخ نمی‌دهد. اگر متوقف شده، دوباره راهش بیندازید: به‌روز کردن از همان جا که مانده بود ادامه می‌یابد.',
  },
};

const STYLE = `
:root { color-scheme: light dark; --bg: #f3f5f8; --card: #ffffff; --text: #1b2330; --muted: #566173; --accent: #1c6fd1; --track: #dde3ea; --border: #dfe4ea; --safe: #2f9e44; --warn: #c92a2a; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #12151a; --card: #1c2128; --text: #e5e9ef; --muted: #a0aab8; --accent: #4dabf7; --track: #2e3640; --border: #2a3038; --safe: #51cf66; --warn: #ff8787; }
}
* { box-sizing: border-box; }
html, body { margin: 0; }
body { min-height: 100vh; display: grid; place-items: center; padding: 24px 16px; background: var(--bg); color: var(--text); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { width: min(980px, 100%); display: grid; gap: 16px; grid-template-columns: 1fr 1fr; align-items: stretch; }
@media (max-width: 760px) { main { grid-template-columns: 1fr; } }
.brand { grid-column: 1 / -1; margin: 0; font-size: 13px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
section { background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 24px; }
section[lang="fa"] { font-family: Vazirmatn, "Noto Sans Arabic", Tahoma, "Segoe UI", "DejaVu Sans", sans-serif; line-height: 1.8; }
h1 { margin: 0 0 8px; font-size: 21px; line-height: 1.3; }
p { margin: 0 0 16px; }
.lead { color: var(--muted); }
label { display: block; margin-bottom: 6px; font-size: 13px; color: var(--muted); }
.meter { display: flex; align-items: center; gap: 12px; }
progress { flex: 1; height: 12px; appearance: none; -webkit-appearance: none; border: 0; border-radius: 6px; overflow: hidden; background: var(--track); color: var(--accent); }
progress::-webkit-progress-bar { background: var(--track); border-radius: 6px; }
progress::-webkit-progress-value { background: var(--accent); border-radius: 6px; transition: width 0.4s ease; }
progress::-moz-progress-bar { background: var(--accent); border-radius: 6px; }
.percent { min-width: 3em; text-align: end; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
.step { margin: 12px 0 2px; font-weight: 550; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.left { margin: 0 0 18px; color: var(--muted); }
.safe { margin: 0; padding-inline-start: 12px; border-inline-start: 3px solid var(--safe); }
.lost { margin: 12px 0 0; color: var(--warn); font-weight: 550; }
.lost[hidden] { display: none; }
`;

// The page's only script: shows a state (polled, or pushed by Electron) and becomes the app when
// the desk is open. Its text is hashed into the page's content security policy.
const SCRIPT = `
(() => {
  const el = (id) => document.getElementById(id);
  let leaving = false;
  const show = (state) => {
    if (leaving) return;
    if (state.open) { leaving = true; location.reload(); return; }
    const view = state.view;
    if (!view) return;
    for (const lang of ['en', 'fa']) {
      const texts = view[lang];
      const bar = el('bar-' + lang);
      bar.value = view.permille;
      bar.setAttribute('aria-valuetext', texts.percent);
      el('step-' + lang).textContent = texts.step;
      el('percent-' + lang).textContent = texts.percent;
      el('left-' + lang).textContent = texts.timeLeft;
    }
  };
  const lost = (yes) => { for (const lang of ['en', 'fa']) el('lost-' + lang).hidden = !yes; };
  window.tagdeskUpgrade = show;
  const poll = document.documentElement.dataset.poll;
  if (!poll) return;
  let answered = Date.now();
  // How long a silence is taken for a stopped desk: a step announced as quiet (one long
  // statement, during which the desk cannot answer) may last minutes; a batch, seconds.
  let patience = 20000;
  const tick = async () => {
    try {
      const res = await fetch(poll, { cache: 'no-store' });
      if (!res.ok) throw new Error(String(res.status));
      const state = await res.json();
      show(state);
      patience = state.view && state.view.progress && state.view.progress.phase ? 20 * 60000 : 20000;
      answered = Date.now();
      lost(false);
    } catch {
      if (Date.now() - answered > patience) lost(true);
    }
    setTimeout(tick, 500);
  };
  setTimeout(tick, 500);
})();
`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Where the page gets its progress: polled from `poll` (browser shell), or pushed (null: Electron). */
export interface UpgradePageOptions {
  poll: string | null;
}

/** The page's content security policy: its own script and style, and requests to its origin only. */
export function upgradePageCsp(options: UpgradePageOptions): string {
  return [
    "default-src 'none'",
    `script-src ${hash(SCRIPT)}`,
    `style-src ${hash(STYLE)}`,
    `connect-src ${options.poll ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function upgradePage(view: UpgradeView | null, options: UpgradePageOptions): string {
  const section = (language: UpgradeLanguage) => {
    const words = WORDS[language];
    const texts = view?.[language] ?? { step: '', percent: language === 'fa' ? '۰٪' : '0%', timeLeft: timeLeftText(language, null) };
    const attrs = language === 'fa' ? ' lang="fa" dir="rtl"' : ' lang="en" dir="ltr"';
    return `<section${attrs} aria-labelledby="title-${language}">
  <h1 id="title-${language}">${escape(words.title)}</h1>
  <p class="lead">${escape(words.lead)}</p>
  <label id="label-${language}" for="bar-${language}">${escape(words.bar)}</label>
  <div class="meter">
    <progress id="bar-${language}" max="1000" value="${view?.permille ?? 0}" aria-labelledby="label-${language}" aria-describedby="step-${language} left-${language}" aria-valuetext="${escape(texts.percent)}"></progress>
    <span class="percent" id="percent-${language}" aria-hidden="true">${escape(texts.percent)}</span>
  </div>
  <p class="step" id="step-${language}">${escape(texts.step)}</p>
  <p class="left" id="left-${language}">${escape(texts.timeLeft)}</p>
  <p class="safe">${escape(words.safe)}</p>
  <p class="lost" id="lost-${language}" role="alert" hidden>${escape(words.lost)}</p>
</section>`;
  };
  return `<!doctype html>
<html lang="en"${options.poll ? ` data-poll="${escape(options.poll)}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="${escape(upgradePageCsp(options))}">
<title>Upgrading the desk — Tagdesk</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">Tagdesk · <span lang="fa">تگ‌دسک</span></p>
${section('en')}
${section('fa')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}
