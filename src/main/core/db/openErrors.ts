// What a desk that cannot be opened says, in English and Persian: each DeskOpenError carries
// one of these keys and its values, so whoever shows it (the CLI, the browser shell's start-up
// answer) can say it in the reader's language. The English is the core's own message.
//
// A value may itself be a sentence (a damaged file's finding, said inside a backup's refusal).

export const DESK_OPEN_EN = {
  restoring: 'The desk in {dir} is being restored from a backup. Start it again when the restore has finished.',
  noFolder: 'There is no desk in {dir}: the folder does not exist. Check --data, or create a desk with "tagdesk seed --data {dir}".',
  noDesk: 'There is no desk in {dir}. Create one with "tagdesk seed --data {dir}", or point --data at an existing one.',
  notClosedReadOnly: '{file} was not closed cleanly and its folder is read-only, so its last changes cannot be read. Make the folder writable and open the desk once.',
  tooLargeReadOnly: '{file} is in a read-only folder and too large to read from a copy in memory. Make the folder writable.',
  notTagdesk: '{file} is a SQLite database, but not a Tagdesk one. Point --data at a desk folder, or move the file away.',
  newer: '{file} was written by a newer or different version of Tagdesk (it has migration "{migration}", unknown here). Open it with that version, or choose another data folder.',
  older: '{file} was written by an older Tagdesk and must be upgraded before it can be read. Run "tagdesk migrate --data {dir}" (or start the desk on it once: it upgrades in place), then try again.',
  damagedFinding: '{file} is damaged ({problem})',
  damagedFindingMore_one: '{file} is damaged ({problem} and {count} more problem)',
  damagedFindingMore_other: '{file} is damaged ({problem} and {count} more problems)',
  damaged: '{finding}. Nothing was written to it. Restore your last backup with "tagdesk restore BACKUP --data {dir}", or move the file away to start an empty desk.',
  notADbFinding: '{file} is not a Tagdesk database (it is not a SQLite file, or its first page is damaged)',
  notADb: '{finding}. Point --data at a desk folder, or restore a backup with "tagdesk restore".',
  locked: '{file} is locked by another program that is writing to it. Wait for it to finish, or close it, and try again.',
  readOnly: '{file} or its folder is read-only, and this command writes. Make them writable, or use a read command (lookup, stats).',
  permission: 'Permission denied opening {file}. Run Tagdesk as the user who owns the desk folder, or fix its permissions.',
  cannotOpen: "Cannot open {file}: the folder cannot be written to or the file cannot be created. Check --data and the folder's permissions.",
  diskRefused: 'The disk refused to read or write {file} ({code}). Check the disk and free space, then try again.',
  notInFolder: '{path} is not inside a folder: part of its path is a file. Check --data.',
  notAFile: '{file} is not a file. Move it away or point --data at another folder.',
  fileReadOnly: '{file} is read-only, and this command writes. Make it writable, or use a read command (lookup, stats).',
  notAFolder: '--data must name a folder, but {dir} is a file. Point --data at the folder that holds {dbFile}.',
  parentIsFile: 'Cannot create {dir}: {at} is a file, not a folder. Check --data.',
  createPermission: 'Permission denied creating the data folder {dir}. Choose a folder you may write to with --data.',
  createReadOnly: 'Cannot create the data folder {dir}: the disk is read-only. Choose another folder with --data.',
  createFailed: 'Cannot create the data folder {dir} ({code}). Choose another folder with --data.',
  setupBusy: 'Another process has been setting up the desk in {dir} for over {seconds} s. Check it, then try again.',
  backupExists: '{file} already exists; a backup never overwrites a file. Choose a new name.',
  noBackup: 'There is no backup at {file}.',
  backupDamaged: 'The backup cannot be restored: {finding}. The desk in {dir} was not changed; restore another backup.',
  deskInUse: 'The desk in {dir} is open: a Tagdesk window, web shell or command is using it. Stop every one serving this folder, then restore again. Nothing was changed.',
  // What the check of a file found (problemOf): SQLite's own words and the bounded check's, by key.
  problemMalformed: 'database disk image is malformed',
  problemNotADb: 'file is not a database',
  problemShortRead: 'the file ends before a page it needs',
  problemNoHeader: 'the file does not start with a SQLite header',
  problemCutShort: 'the file is {size} bytes but its header says {expected}: it was cut short',
  problemPage: 'page {page} is damaged',
  problemUnusedPage: 'page {page} is lost: nothing uses it',
  problemFreeList: 'its list of free pages is damaged',
  problemMissingValue: 'a row of {table} has no {column}, which it must have',
  problemWrongType: 'a row of {table} holds the wrong kind of value in {column}',
  problemRuleBroken: 'a row of {table} breaks one of its rules',
  problemIndex: 'the index {index} does not match its table',
  problemOther: "SQLite's check found: {detail}",
} as const;

export type DeskOpenKey = keyof typeof DESK_OPEN_EN;

export const DESK_OPEN_FA: { readonly [K in DeskOpenKey]: string } = {
  restoring: 'میز در {dir} در حال بازگردانی از یک پشتیبان است. وقتی بازگردانی تمام شد، دوباره راهش بیندازید.',
  noFolder: 'در {dir} میزی نیست: این پوشه وجود ندارد. ‎--data‎ را بررسی کنید، یا با «‎tagdesk seed --data {dir}‎» میزی بسازید.',
  noDesk: 'در {dir} میزی نیست. با «‎tagdesk seed --data {dir}‎» میزی بسازید، یا ‎--data‎ را به میزی که هست بدهید.',
  notClosedReadOnly: '{file} درست بسته نشده و پوشه‌اش فقط‌خواندنی است، پس آخرین تغییراتش خوانده نمی‌شود. پوشه را نوشتنی کنید و میز را یک بار باز کنید.',
  tooLargeReadOnly: '{file} در پوشه‌ای فقط‌خواندنی است و بزرگ‌تر از آن است که از رونوشتی در حافظه خوانده شود. پوشه را نوشتنی کنید.',
  notTagdesk: '{file} پایگاه دادهٔ SQLite است، اما پایگاه دادهٔ تگ‌دسک نیست. ‎--data‎ را به پوشهٔ یک میز بدهید، یا پرونده را جای دیگری ببرید.',
  newer: '{file} با نسخهٔ تازه‌تر یا دیگری از تگ‌دسک نوشته شده است (مهاجرت «{migration}» را دارد که این نسخه نمی‌شناسد). آن را با همان نسخه باز کنید، یا پوشهٔ دادهٔ دیگری برگزینید.',
  older: '{file} با تگ‌دسک قدیمی‌تری نوشته شده و پیش از خواندن باید ارتقا یابد. «‎tagdesk migrate --data {dir}‎» را اجرا کنید (یا میز را یک بار روی آن راه بیندازید تا درجا ارتقا یابد)، سپس دوباره امتحان کنید.',
  damagedFinding: '{file} آسیب دیده است ({problem})',
  damagedFindingMore_one: '{file} آسیب دیده است ({problem} و {count} مشکل دیگر)',
  damagedFindingMore_other: '{file} آسیب دیده است ({problem} و {count} مشکل دیگر)',
  damaged: '{finding}. چیزی در آن نوشته نشد. آخرین پشتیبان را با «‎tagdesk restore BACKUP --data {dir}‎» بازگردانید، یا پرونده را جای دیگری ببرید تا میزی خالی آغاز شود.',
  notADbFinding: '{file} پایگاه دادهٔ تگ‌دسک نیست (پروندهٔ SQLite نیست، یا صفحهٔ نخستش آسیب دیده است)',
  notADb: '{finding}. ‎--data‎ را به پوشهٔ یک میز بدهید، یا پشتیبانی را با «‎tagdesk restore‎» بازگردانید.',
  locked: 'برنامهٔ دیگری که در {file} می‌نویسد آن را قفل کرده است. صبر کنید تا کارش تمام شود، یا آن را ببندید، و دوباره امتحان کنید.',
  readOnly: '{file} یا پوشه‌اش فقط‌خواندنی است و این فرمان می‌نویسد. آن‌ها را نوشتنی کنید، یا فرمانی خواندنی (lookup، stats) به کار ببرید.',
  permission: 'اجازهٔ باز کردن {file} نیست. تگ‌دسک را با کاربری اجرا کنید که پوشهٔ میز از آنِ اوست، یا دسترسی‌هایش را درست کنید.',
  cannotOpen: '{file} باز نمی‌شود: در پوشه نمی‌توان نوشت یا پرونده ساخته نمی‌شود. ‎--data‎ و دسترسی‌های پوشه را بررسی کنید.',
  diskRefused: 'دیسک خواندن یا نوشتن {file} را نپذیرفت ({code}). دیسک و فضای آزادش را بررسی کنید، سپس دوباره امتحان کنید.',
  notInFolder: '{path} درون یک پوشه نیست: بخشی از مسیرش پرونده است. ‎--data‎ را بررسی کنید.',
  notAFile: '{file} پرونده نیست. آن را جای دیگری ببرید یا ‎--data‎ را به پوشهٔ دیگری بدهید.',
  fileReadOnly: '{file} فقط‌خواندنی است و این فرمان می‌نویسد. آن را نوشتنی کنید، یا فرمانی خواندنی (lookup، stats) به کار ببرید.',
  notAFolder: '‎--data‎ باید نام یک پوشه باشد، اما {dir} پرونده است. ‎--data‎ را به پوشه‌ای بدهید که {dbFile} در آن است.',
  parentIsFile: '{dir} ساخته نمی‌شود: {at} پرونده است، نه پوشه. ‎--data‎ را بررسی کنید.',
  createPermission: 'اجازهٔ ساختن پوشهٔ دادهٔ {dir} نیست. با ‎--data‎ پوشه‌ای برگزینید که اجازهٔ نوشتن در آن را دارید.',
  createReadOnly: 'پوشهٔ دادهٔ {dir} ساخته نمی‌شود: دیسک فقط‌خواندنی است. با ‎--data‎ پوشهٔ دیگری برگزینید.',
  createFailed: 'پوشهٔ دادهٔ {dir} ساخته نمی‌شود ({code}). با ‎--data‎ پوشهٔ دیگری برگزینید.',
  setupBusy: 'برنامهٔ دیگری بیش از {seconds} ثانیه است که میز در {dir} را راه می‌اندازد. آن را بررسی کنید، سپس دوباره امتحان کنید.',
  backupExists: '{file} از پیش وجود دارد؛ پشتیبان هرگز روی پرونده‌ای نمی‌نویسد. نام تازه‌ای برگزینید.',
  noBackup: 'در {file} پشتیبانی نیست.',
  backupDamaged: 'این پشتیبان بازگردانده نمی‌شود: {finding}. میز در {dir} تغییری نکرد؛ پشتیبان دیگری را بازگردانید.',
  deskInUse: 'میز در {dir} باز است: پنجرهٔ تگ‌دسک، پوستهٔ وب یا فرمانی آن را به کار می‌برد. همهٔ آن‌هایی را که این پوشه را به کار می‌برند ببندید، سپس دوباره بازگردانید. چیزی تغییر نکرد.',
  problemMalformed: 'ساختار پایگاه داده روی دیسک به هم ریخته است',
  problemNotADb: 'پرونده پایگاه داده نیست',
  problemShortRead: 'پرونده پیش از صفحه‌ای که لازم دارد تمام می‌شود',
  problemNoHeader: 'پرونده با سرآیند SQLite آغاز نمی‌شود',
  problemCutShort: 'پرونده {size} بایت است اما سرآیندش {expected} بایت می‌گوید: پایانش بریده شده است',
  problemPage: 'صفحهٔ {page} آسیب دیده است',
  problemUnusedPage: 'صفحهٔ {page} گم شده است: هیچ چیز آن را به کار نمی‌برد',
  problemFreeList: 'فهرست صفحه‌های آزادش آسیب دیده است',
  problemMissingValue: 'ردیفی از {table} ستون {column} را ندارد، که باید داشته باشد',
  problemWrongType: 'ردیفی از {table} در {column} مقداری از نوع نادرست دارد',
  problemRuleBroken: 'ردیفی از {table} یکی از قاعده‌هایش را زیر پا می‌گذارد',
  problemIndex: 'نمایهٔ {index} با جدولش نمی‌خواند',
  problemOther: 'بررسی SQLite این را یافت: {detail}',
};

/** A sentence about a desk that cannot be opened: its key and the values it names. */
export interface DeskOpenSentence {
  key: DeskOpenKey;
  values: { readonly [name: string]: string | number | DeskOpenSentence };
}

export const DESK_OPEN_WORDS = { en: DESK_OPEN_EN, fa: DESK_OPEN_FA } as const;

/**
 * A sentence filled in, in plain text (the core's English message; the browser shell's
 * Persian line, with Latin values isolated so they keep their order in right-to-left text).
 */
export function deskOpenText(language: 'en' | 'fa', sentence: DeskOpenSentence): string {
  const fa = language === 'fa';
  return DESK_OPEN_WORDS[language][sentence.key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = sentence.values[name];
    if (value === undefined) return whole;
    if (typeof value === 'object') return deskOpenText(language, value);
    if (typeof value === 'number') return fa ? new Intl.NumberFormat('fa-IR', { useGrouping: true }).format(value) : String(value);
    return fa && /[A-Za-z0-9@/\\]/.test(value) ? `\u2068${value}\u2069` : value;
  });
}

/** `{file} is damaged (…)`: one problem, or the first and how many more. */
export function damagedFinding(file: string, problems: readonly string[]): DeskOpenSentence {
  if (problems.length <= 1) return { key: 'damagedFinding', values: { file, problem: problemOf(problems[0] ?? '') } };
  const more = problems.length - 1;
  return { key: more === 1 ? 'damagedFindingMore_one' : 'damagedFindingMore_other', values: { file, problem: problemOf(problems[0]!), count: more } };
}

/** What SQLite says of a short read ("disk I/O error" names no cause): the check's own words for it. */
export const SHORT_READ_PROBLEM = DESK_OPEN_EN.problemShortRead;

/**
 * One line of what a file's check found (PRAGMA quick_check's, an error SQLite threw while
 * reading, or the bounded check's own look at the header), by key, so it can be said in the
 * reader's language: SQLite writes its findings in English only. A line of a kind not known
 * here keeps SQLite's words as a value.
 */
export function problemOf(line: string): DeskOpenSentence {
  const text = line.trim();
  const found = (key: DeskOpenKey, values: DeskOpenSentence['values'] = {}): DeskOpenSentence => ({ key, values });
  if (/^database disk image is malformed$/i.test(text)) return found('problemMalformed');
  if (/^file is not a database$/i.test(text)) return found('problemNotADb');
  if (text === SHORT_READ_PROBLEM) return found('problemShortRead');
  if (text === DESK_OPEN_EN.problemNoHeader) return found('problemNoHeader');
  let m = /^the file is (\d+) bytes but its header says (\d+): it was cut short$/.exec(text);
  if (m) return found('problemCutShort', { size: Number(m[1]), expected: Number(m[2]) });
  m = /^NULL value in ([^.\s]+)\.(\S+)$/.exec(text);
  if (m) return found('problemMissingValue', { table: m[1]!, column: m[2]! });
  m = /^(?:non-\w+|NUMERIC) value in ([^.\s]+)\.(\S+)$/.exec(text);
  if (m) return found('problemWrongType', { table: m[1]!, column: m[2]! });
  m = /^CHECK constraint failed in (\S+)$/.exec(text);
  if (m) return found('problemRuleBroken', { table: m[1]! });
  m = /^(?:row \d+ missing from index|wrong # of entries in index) (\S+)$/.exec(text);
  if (m) return found('problemIndex', { index: m[1]! });
  if (text.startsWith('Freelist:') || /freelist/i.test(text)) return found('problemFreeList');
  m = /^Page (\d+):? (?:is )?never used$/.exec(text);
  if (m) return found('problemUnusedPage', { page: Number(m[1]) });
  // "Tree R page P cell C: …", "On tree page P cell C: …", "Page P: …", "… on page P", "invalid page number P".
  m = /^Tree \d+ page (\d+)\b/.exec(text) ?? /^On tree page (\d+)\b/.exec(text) ?? /^Page (\d+)\b/.exec(text) ?? /\b(?:on page|page number|reference to page|get page) (\d+)\b/.exec(text);
  if (m) return found('problemPage', { page: Number(m[1]) });
  return found('problemOther', { detail: text });
}

/** The start-up's refusal, as the browser shell answers a page asked for while it failed to open the desk. */
export const COULD_NOT_START_TITLE = { en: 'Tagdesk could not start', fa: 'تگ‌دسک راه نیفتاد' } as const;
const COULD_NOT_START = { en: `${COULD_NOT_START_TITLE.en}: {reason}`, fa: `${COULD_NOT_START_TITLE.fa}: {reason}` } as const;

/**
 * Why a shell could not start, for a page that asked while it was opening the desk: in
 * English, then (for a reason the core said by key) in Persian, as the upgrade page shows both.
 */
export function couldNotStartText(error: { message: string; sentence?: DeskOpenSentence | null }): string {
  const english = COULD_NOT_START.en.replace('{reason}', () => error.message);
  return error.sentence ? `${english}\n${COULD_NOT_START.fa.replace('{reason}', () => deskOpenText('fa', error.sentence!))}` : english;
}
