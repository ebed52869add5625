// What `tagdesk` says to a person (never its --json output), in English or Persian. The
// language: `--lang fa|en`, else TAGDESK_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG:
// fa_IR.UTF-8 → Persian), else English. A test fails when a key is in one dictionary and not
// the other, or when the two fill in different values.
//
// In Persian, numbers are written in Persian digits; a Latin value (a service tag, a path, an
// email) inside a sentence is isolated (FSI … PDI) so it keeps its own order in a
// right-to-left terminal. Commands, flags and file names stay as typed.

export type CliLanguage = 'en' | 'fa';

export const cliEn = {
  usage: `Usage: tagdesk <command> [options]

Commands:
  seed   [--seed N] [--customers N]   fill an empty desk with demo customers and tickets
  lookup <query> [--json]             find a customer by service tag, Express Service Code,
                                      phone, email, name or ticket number
  stats  [--json]                     customers, tickets and queue counts
  backup FILE                         copy the desk to FILE (SQLite online backup; safe
                                      while the desk is in use)
  restore FILE                        replace the desk with the backup FILE (the old file
                                      is kept beside it)
{more}

Every command takes --data DIR (default: $TAGDESK_DATA, else the per-user data folder),
--lang en|fa (the language of what it prints; default $TAGDESK_LANG, else $LANG) and
--debug (show the stack of an error). lookup, stats and backup only read.

Exit codes: 0 done; 1 nothing found or the desk refused; 2 wrong command line;
3 the data folder or file cannot be used (not a folder, cannot be created, permission
denied, read-only for a command that writes, no desk there); 4 the database is damaged or
not a Tagdesk database; 5 written by a newer Tagdesk (or must be upgraded first);
6 locked by another program.`,
  'error.noCommand': 'No command given.',
  'error.unknownCommand': 'Unknown command "{command}".',
  'error.badLang': '--lang must be en or fa, not "{lang}".',
  'error.debugHint': '(run again with --debug for details)',
  'error.deskRefused': '{message}',
  'error.open.folder': '{message}',
  'error.open.permission': '{message}',
  'error.open.read_only': '{message}',
  'error.open.missing': '{message}',
  'error.open.damaged': '{message}',
  'error.open.version': '{message}',
  'error.open.locked': '{message}',
  'error.noAdmin': 'This desk has no active admin to sign in as; it may still be empty. Run "tagdesk seed" first.',
  'seed.notEmpty': 'The desk in {dir} already has data ({customers} customers). Seed only an empty desk, or pick another folder with --data.',
  'seed.done': 'Seeded {dir}: {customers} customers, {tickets} tickets.',
  'lookup.needsQuery': 'lookup needs something to look for: a service tag, Express code, phone, email or name.',
  'lookup.match': '{name}  ({segment}, {level})  matched by {matchedBy}',
  'lookup.email': '  email   {email}',
  'lookup.phone': '  phone   {phone}',
  'lookup.systems': 'Systems',
  'lookup.warrantyActive': '{level} until {date} ({days} days left)',
  'lookup.warrantyExpired': 'expired {date}',
  'lookup.openTickets': 'Open tickets',
  'lookup.noOpenTickets': 'No open tickets',
  'lookup.ticket': '{number}  {state}  tier {tier}  {priority}  {subject}',
  'lookup.past': '{past} past tickets, {interactions} interactions on record',
  'lookup.candidates': '{count} possible customers:',
  'lookup.candidate': '  {name}  ({segment})  {matchedBy}: {detail}',
  'lookup.msg.empty': 'Type something to look up.',
  'lookup.msg.notPhoneOrCode': '"{query}" is neither a phone number nor an Express Service Code.',
  'lookup.msg.notTag': '"{query}" is not a service tag.',
  'lookup.msg.nameTooShort': 'Type at least two letters of a name.',
  'lookup.msg.nothingFound': 'Nothing found for "{query}".',
  'stats.desk': 'Desk        {dir}',
  'stats.customers': 'Customers   {n}',
  'stats.tickets': 'Tickets     {n}',
  'stats.open': 'Open        {open} ({unassigned} unassigned)',
  'stats.resolved': 'Resolved    {n} today',
  'queues.head': 'Queues',
  'queues.open': 'open',
  'queues.unassigned': 'unassigned',
  'queues.oldest': 'oldest',
  'queues.name': '{segment} t{tier}',
  'backup.needsFile': 'backup needs one file to write: tagdesk backup FILE',
  'backup.done': 'Backed up to {file} ({pages} pages, checked).',
  'restore.needsFile': 'restore needs the backup to read: tagdesk restore FILE',
  'restore.done': 'Restored {file} from {from}.',
  'restore.kept': 'The desk it replaced is kept as {kept}.',
  'segment.education': 'education',
  'segment.government': 'government',
  'segment.small_business': 'small business',
  'segment.large_enterprise': 'large enterprise',
  'segment.home': 'home',
  'level.premier': 'premier',
  'level.standard': 'standard',
  'level.basic': 'basic',
  'priority.urgent': 'urgent',
  'priority.high': 'high',
  'priority.normal': 'normal',
  'priority.low': 'low',
  'matchedBy.tag': 'service tag',
  'matchedBy.express': 'Express Service Code',
  'matchedBy.phone': 'phone',
  'matchedBy.email': 'email',
  'matchedBy.name': 'name',
  'matchedBy.ticket': 'ticket number',
  // English keeps the machine's own state names, as the CLI always printed them.
  'state.new': 'new',
  'state.tier1.open': 'tier1.open',
  'state.tier1.pending': 'tier1.pending',
  'state.tier2.waiting': 'tier2.waiting',
  'state.tier2.inProgress': 'tier2.inProgress',
  'state.tier2.pending': 'tier2.pending',
  'state.tier3.waiting': 'tier3.waiting',
  'state.tier3.inProgress': 'tier3.inProgress',
  'state.tier3.pending': 'tier3.pending',
  'state.resolved': 'resolved',
  'state.closed': 'closed',
} as const;

export type CliKey = keyof typeof cliEn;

export const cliFa: { readonly [K in CliKey]: string } = {
  usage: `روش کار: tagdesk <فرمان> [گزینه‌ها]

فرمان‌ها:
  seed   [--seed N] [--customers N]   پر کردن یک میز خالی با مشتری‌ها و تیکت‌های نمونه
  lookup <query> [--json]             یافتن مشتری با برچسب سرویس، کد سرویس سریع، تلفن،
                                      ایمیل، نام یا شمارهٔ تیکت
  stats  [--json]                     شمار مشتری‌ها، تیکت‌ها و صف‌ها
  backup FILE                         رونوشت میز در FILE (پشتیبان‌گیری برخط SQLite؛ در حین
                                      کار میز هم بی‌خطر است)
  restore FILE                        جایگزین کردن میز با پشتیبان FILE (پروندهٔ قبلی کنارش
                                      نگه داشته می‌شود)
{more}

همهٔ فرمان‌ها ‎--data DIR‎ (پیش‌فرض: ‎$TAGDESK_DATA‎، وگرنه پوشهٔ دادهٔ کاربر)، ‎--lang en|fa‎
(زبان خروجی؛ پیش‌فرض ‎$TAGDESK_LANG‎، وگرنه ‎$LANG‎) و ‎--debug‎ (نمایش پشتهٔ خطا) را می‌پذیرند.
lookup و stats و backup فقط می‌خوانند.

کدهای خروج: ۰ انجام شد؛ ۱ چیزی پیدا نشد یا میز نپذیرفت؛ ۲ خط فرمان نادرست؛ ۳ پوشه یا پروندهٔ
داده قابل استفاده نیست (پوشه نیست، ساخته نمی‌شود، اجازهٔ دسترسی نیست، برای فرمانی که می‌نویسد
فقط‌خواندنی است، میزی آنجا نیست)؛ ۴ پایگاه داده آسیب دیده یا پایگاه دادهٔ تگ‌دسک نیست؛ ۵ با
تگ‌دسک تازه‌تری نوشته شده (یا باید اول ارتقا یابد)؛ ۶ برنامهٔ دیگری آن را قفل کرده است.`,
  'error.noCommand': 'فرمانی داده نشد.',
  'error.unknownCommand': 'فرمان ناشناخته: «{command}».',
  'error.badLang': '‎--lang‎ باید en یا fa باشد، نه «{lang}».',
  'error.debugHint': '(برای جزئیات، دوباره با ‎--debug‎ اجرا کنید)',
  'error.deskRefused': 'میز این درخواست را نپذیرفت: {message}',
  'error.open.folder': 'پوشهٔ داده قابل استفاده نیست: ‎--data‎ را به پوشه‌ای درست بدهید. ({message})',
  'error.open.permission': 'اجازهٔ دسترسی به پوشه یا پروندهٔ داده نیست: دسترسی را درست کنید یا پوشهٔ دیگری بدهید. ({message})',
  'error.open.read_only': 'پوشهٔ داده فقط‌خواندنی است و این فرمان می‌نویسد: پوشهٔ نوشتنی بدهید. ({message})',
  'error.open.missing': 'آنجا میزی نیست: ‎--data‎ را بررسی کنید، یا میز را یک بار با تگ‌دسک راه بیندازید. ({message})',
  'error.open.damaged': 'پایگاه داده آسیب دیده یا پایگاه دادهٔ تگ‌دسک نیست؛ به آن دست زده نشد. از پشتیبان بازگردانید. ({message})',
  'error.open.version': 'این میز با تگ‌دسک تازه‌تری نوشته شده، یا باید اول با راه‌اندازی میز ارتقا یابد. ({message})',
  'error.open.locked': 'برنامهٔ دیگری میز را قفل کرده است: کمی بعد دوباره امتحان کنید. ({message})',
  'error.noAdmin': 'این میز مدیر فعالی برای ورود ندارد؛ شاید هنوز خالی است. اول «tagdesk seed» را اجرا کنید.',
  'seed.notEmpty': 'میز در {dir} از پیش داده دارد ({customers} مشتری). فقط میز خالی را پر کنید، یا با ‎--data‎ پوشهٔ دیگری بدهید.',
  'seed.done': '{dir} پر شد: {customers} مشتری، {tickets} تیکت.',
  'lookup.needsQuery': 'lookup چیزی برای جست‌وجو می‌خواهد: برچسب سرویس، کد سرویس سریع، تلفن، ایمیل یا نام.',
  'lookup.match': '{name}  ({segment}، {level})  یافته با {matchedBy}',
  'lookup.email': '  ایمیل   {email}',
  'lookup.phone': '  تلفن    {phone}',
  'lookup.systems': 'سیستم‌ها',
  'lookup.warrantyActive': '{level} تا {date} ({days} روز مانده)',
  'lookup.warrantyExpired': 'پایان‌یافته در {date}',
  'lookup.openTickets': 'تیکت‌های باز',
  'lookup.noOpenTickets': 'تیکت بازی نیست',
  'lookup.ticket': '{number}  {state}  سطح {tier}  {priority}  {subject}',
  'lookup.past': '{past} تیکت گذشته، {interactions} تماس ثبت‌شده',
  'lookup.candidates': '{count} مشتری احتمالی:',
  'lookup.candidate': '  {name}  ({segment})  {matchedBy}: {detail}',
  'lookup.msg.empty': 'چیزی برای جست‌وجو بنویسید.',
  'lookup.msg.notPhoneOrCode': '«{query}» نه شمارهٔ تلفن است و نه کد سرویس سریع.',
  'lookup.msg.notTag': '«{query}» برچسب سرویس نیست: برچسب سرویس هفت حرف و رقم لاتین است.',
  'lookup.msg.nameTooShort': 'دست‌کم دو حرف از نام را بنویسید.',
  'lookup.msg.nothingFound': 'برای «{query}» چیزی پیدا نشد.',
  'stats.desk': 'میز          {dir}',
  'stats.customers': 'مشتری‌ها      {n}',
  'stats.tickets': 'تیکت‌ها       {n}',
  'stats.open': 'باز          {open} ({unassigned} بی‌مسئول)',
  'stats.resolved': 'حل‌شده       {n} امروز',
  'queues.head': 'صف‌ها',
  'queues.open': 'باز',
  'queues.unassigned': 'بی‌مسئول',
  'queues.oldest': 'قدیمی‌ترین',
  'queues.name': '{segment} سطح {tier}',
  'backup.needsFile': 'backup یک پرونده برای نوشتن می‌خواهد: tagdesk backup FILE',
  'backup.done': 'پشتیبان در {file} نوشته و بررسی شد ({pages} صفحه).',
  'restore.needsFile': 'restore پشتیبانی برای خواندن می‌خواهد: tagdesk restore FILE',
  'restore.done': '{file} از {from} بازگردانده شد.',
  'restore.kept': 'میزی که جایگزین شد با نام {kept} نگه داشته شد.',
  'segment.education': 'آموزشی',
  'segment.government': 'دولتی',
  'segment.small_business': 'کسب‌وکار کوچک',
  'segment.large_enterprise': 'سازمان بزرگ',
  'segment.home': 'خانگی',
  'level.premier': 'ممتاز',
  'level.standard': 'استاندارد',
  'level.basic': 'پایه',
  'priority.urgent': 'فوری',
  'priority.high': 'بالا',
  'priority.normal': 'عادی',
  'priority.low': 'پایین',
  'matchedBy.tag': 'برچسب سرویس',
  'matchedBy.express': 'کد سرویس سریع',
  'matchedBy.phone': 'تلفن',
  'matchedBy.email': 'ایمیل',
  'matchedBy.name': 'نام',
  'matchedBy.ticket': 'شمارهٔ تیکت',
  'state.new': 'تازه',
  'state.tier1.open': 'باز در سطح یک',
  'state.tier1.pending': 'در انتظار مشتری',
  'state.tier2.waiting': 'در انتظار متخصص سطح دو',
  'state.tier2.inProgress': 'در دست بررسی در سطح دو',
  'state.tier2.pending': 'در انتظار مشتری (سطح دو)',
  'state.tier3.waiting': 'در انتظار متخصص سطح سه',
  'state.tier3.inProgress': 'در دست بررسی در سطح سه',
  'state.tier3.pending': 'در انتظار مشتری (سطح سه)',
  'state.resolved': 'حل‌شده',
  'state.closed': 'بسته',
};

export const CLI_DICTIONARIES: Record<CliLanguage, { readonly [K in CliKey]: string }> = { en: cliEn, fa: cliFa };

/**
 * The language asked for: `--lang` (null when absent), else TAGDESK_LANG, else the POSIX
 * locale variables in their order of precedence. Anything but Persian is English.
 */
export function cliLanguageOf(flag: string | null, env: Readonly<Record<string, string | undefined>>): CliLanguage {
  const wanted = flag ?? env.TAGDESK_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^fa([_-]|$|\.)/i.test(wanted.trim()) ? 'fa' : 'en';
}

const FSI = '\u2068';
const PDI = '\u2069';

export type CliVars = Record<string, string | number>;
export type CliT = (key: CliKey, vars?: CliVars) => string;

/** t() for one language: fills {name}s, Persian digits for numbers, Latin values isolated. */
export function cliTranslator(language: CliLanguage): CliT {
  const dict = CLI_DICTIONARIES[language];
  const number = new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en-US', { useGrouping: language === 'fa' });
  return (key, vars) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars?.[name];
      if (value === undefined) return whole;
      if (typeof value === 'number') return language === 'fa' ? number.format(value) : String(value);
      return language === 'fa' && /[A-Za-z0-9@/\\]/.test(value) ? FSI + value + PDI : value;
    });
}

/** A count in the reader's digits. */
export function cliNumber(language: CliLanguage, n: number): string {
  return language === 'fa' ? new Intl.NumberFormat('fa-IR').format(n) : String(n);
}

/** Whether a key built at run time ("segment." + a value) is one of the dictionary's. */
export const isCliKey = (key: string): key is CliKey => Object.hasOwn(cliEn, key);

/** A day as the reader counts it: ISO in English, Solar Hijri with Persian digits in Persian. */
export function cliDay(language: CliLanguage, at: number): string {
  if (language === 'en') return new Date(at).toISOString().slice(0, 10);
  return new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(at);
}
