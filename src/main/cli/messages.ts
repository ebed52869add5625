import { ARGS_WORDS, cliNumber, cliSpeaker, cliTranslator as translatorOf, type CliLanguage, type CliSpeaker, type CliVars, type PluralBase } from '../../shared/cliText';
import { TRIED_WORDS } from '../../shared/lookupTried';
import { persianWords } from '../../shared/persianWords';
import { DESK_OPEN_WORDS, type DeskOpenKey, type DeskOpenSentence } from '../core/db/openErrors';
// What `tagdesk` says to a person (never its --json output), in English or Persian. The
// language: `--lang fa|en`, else TAGDESK_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG:
// fa_IR.UTF-8 → Persian), else English. A test fails when a key is in one dictionary and not
// the other, or when the two fill in different values.
//
// In Persian, numbers are written in Persian digits; a Latin value (a service tag, a path, an
// email) inside a sentence is isolated (FSI … PDI) so it keeps its own order in a
// right-to-left terminal. Commands, flags and file names stay as typed. The machinery (filling
// in, digits, plurals, the choice of language) is src/shared/cliText.ts and cliLanguage.mjs,
// which the hub's command line speaks through too.

export type { CliLanguage, CliVars };
export { cliNumber };

/** The core's sentences about a desk it cannot open, as `open.<key>` entries of a dictionary. */
function openWords(words: { readonly [K in DeskOpenKey]: string }): { readonly [K in DeskOpenKey as `open.${K}`]: string } {
  return Object.fromEntries(Object.entries(words).map(([key, text]) => [`open.${key}`, text])) as { readonly [K in DeskOpenKey as `open.${K}`]: string };
}

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
  migrate                             upgrade a desk written by an older Tagdesk in place,
                                      with a progress bar (resumes where it stopped)
{more}

Every command takes --data DIR (default: $TAGDESK_DATA, else the per-user data folder),
--lang en|fa (the language of what it prints; default $TAGDESK_LANG, else $LANG) and
--debug (show the stack of an error). lookup, stats and backup only read.

Exit codes: 0 done; 1 nothing found or the desk refused; 2 wrong command line;
3 the data folder or file cannot be used (not a folder, cannot be created, permission
denied, read-only for a command that writes, no desk there); 4 the database is damaged or
not a Tagdesk database; 5 written by a newer Tagdesk (or must be upgraded first);
6 locked by another program; 130 and 143 migrate stopped by Ctrl+C (SIGINT) or SIGTERM
(it resumes where it stopped).`,
  'error.noCommand': 'No command given.',
  'error.unknownCommand': 'Unknown command "{command}".',
  'error.debugHint': '(run again with --debug for details)',
  'error.deskRefused': '{message}',
  // What the core says of a desk it cannot open (openErrors.ts), by its key.
  ...openWords(DESK_OPEN_WORDS.en),
  'error.noAdmin': 'This desk has no active admin to sign in as; it may still be empty. Run "tagdesk seed" first.',
  'seed.notEmpty': 'The desk in {dir} already has data ({customers}). Seed only an empty desk, or pick another folder with --data.',
  'seed.done': 'Seeded {dir}: {customers}, {tickets}.',
  'migrate.noDesk': 'There is no desk in {dir} to upgrade. Point --data at a desk folder.',
  'migrate.upToDate': 'The desk in {dir} is up to date; nothing to do.',
  'migrate.done': 'Upgraded {dir} in {took}: {before} MB before, {after} MB now.',
  'migrate.interrupted': 'The upgrade of {dir} stopped. What it had converted is kept: it resumes where it stopped on the next "tagdesk migrate", or when the desk is started.',
  'lookup.needsQuery': 'lookup needs something to look for: a service tag, Express code, phone, email or name.',
  'lookup.tooLong': 'What to look for is {length} long; a tag, code, phone, email or name is at most {max}.',
  'lookup.match': '{name}  ({segment}, {level})  matched by {matchedBy}',
  'lookup.email': '  email   {email}',
  'lookup.phone': '  phone   {phone}',
  'lookup.systems': 'Systems',
  'lookup.system': ' {mark} {tag}  {code}  {model}  {warranty}',
  'lookup.warrantyActive': '{level} until {date} ({left})',
  'lookup.warrantyExpired': 'expired {date}',
  'lookup.openTickets': 'Open tickets',
  'lookup.noOpenTickets': 'No open tickets',
  'lookup.ticket': '{number}  {state}  {tier}  {priority}  {subject}',
  'lookup.past': '{past}, {interactions} on record',
  'lookup.candidates_one': '{count} possible customer:',
  'lookup.candidates_other': '{count} possible customers:',
  'lookup.candidate': '  {name}  ({segment})  {matchedBy}: {detail}',
  'lookup.candidateFacts': '      {phone} · {email} · {systems} · last contact {last}',
  'lookup.candidateHistory': '      {systems} · last contact {last}',
  'lookup.matchedWords': '      matched: {words}',
  'lookup.viewMatchedWords': '  matched {words}',
  'lookup.matchedWord': '"{word}" in the name ({marked})',
  'lookup.wordSeparator': ', ',
  'lookup.none': 'none',
  'lookup.never': 'never',
  'lookup.detail.tag': 'service tag {tag} · {model}',
  'lookup.detail.tagLookalike': 'service tag {tag} · {model} (you typed {typed}: O and 0, I and 1 look alike; check with the caller)',
  'lookup.detail.express': 'Express Service Code {code} is service tag {tag} · {model}',
  'lookup.detail.expressLookalike': 'service tag {tag} · {model} (you typed {typed}; the code that differs by one digit is {code}: check it with the caller)',
  'lookup.detail.expressSwapped': 'service tag {tag} · {model} (you typed {typed}; the code with those two neighbouring digits swapped is {code}: check it with the caller)',
  'lookup.detail.ticket': '{number} · {subject}',
  'lookup.msg.empty': 'Type something to look up.',
  'lookup.msg.notPhoneOrCode': '"{query}" is neither a phone number nor an Express Service Code. A service tag is 7 letters or digits, such as {example} (spaces and dashes are ignored). An Express Service Code is the 10- or 11-digit number printed below it.',
  'lookup.msg.notTag': '"{query}" is not a service tag. A service tag is 7 letters or digits, such as {example} (spaces and dashes are ignored). An Express Service Code is the 10- or 11-digit number printed below it.',
  'lookup.msg.nameTooShort': 'Type at least two letters of a name.',
  'lookup.msg.nothingToLookUp': '"{query}" is not something to look up: type a service tag, an Express Service Code, a phone number, an email, two letters of a name or a ticket number.',
  'lookup.msg.nothingFound': 'Nothing found for "{query}".',
  'lookup.msg.nothingFoundTried': 'Nothing found for {tried}.',
  'lookup.msg.otherTeam': '{name} is served by another team ({segment}): transfer the caller there.',
  'lookup.msg.otherTeams': 'Every customer matching "{query}" is served by another team ({segments}): transfer the caller there.',
  ...TRIED_WORDS.en,
  // A label, a tab, its value: the values are lined up in one column (columns.ts).
  'stats.desk': 'Desk\t{dir}',
  'stats.customers': 'Customers\t{n}',
  'stats.tickets': 'Tickets\t{n}',
  'stats.open': 'Open\t{open} ({unassigned} unassigned)',
  'stats.resolved': 'Resolved\t{n} today',
  'queues.head': 'Queues',
  'queues.open': 'open',
  'queues.unassigned': 'unassigned',
  'queues.oldest': 'oldest',
  'queues.name': '{segment} {tier}',
  'backup.needsFile': 'backup needs one file to write: tagdesk backup FILE',
  'backup.done': 'Backed up to {file} ({pages}, checked).',
  'backup.noFolder': 'Cannot write the backup {file}: the folder {folder} does not exist. Create it, or choose another place for the backup.',
  // A backup's destination that cannot be used: said of the backup, never "check --data".
  'backup.exists': '{file} already exists; a backup never overwrites a file. Choose a new name.',
  'backup.cannotWrite': 'Cannot write the backup {file}: the folder {folder} cannot be written to, or the disk refused it. Choose another place for the backup, or check the folder and its free space.',
  'backup.permission': 'Cannot write the backup {file}: permission denied in {folder}. Choose a folder you may write to, or fix its permissions.',
  'backup.readOnly': 'Cannot write the backup {file}: {folder} is read-only. Choose a writable place for the backup.',
  'backup.failedCheck': 'The backup {file} was written but failed its check ({problem}); do not rely on it. Back up again to a new file; if that fails too, the desk itself may be damaged: restore an earlier backup.',
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
  'tier.1': 'tier 1',
  'tier.2': 'tier 2',
  'tier.3': 'tier 3',
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
  // ---- every command's wrong command line (node's parseArgs, by its error code) ----
  ...ARGS_WORDS.en,
  'usage.head': 'Usage:',
  'args.wholeNumber': '{flag} must be a whole number.',
  'args.atLeast': '{flag} must be at least {min}.',
  'args.atMost': '{flag} may be at most {max}.',
  'list.separator': ', ',
  // ---- counts, with plural forms (Intl.PluralRules picks _one or _other) ----
  'count.articles_one': '{count} article',
  'count.articles_other': '{count} articles',
  'count.queries_one': '{count} query',
  'count.queries_other': '{count} queries',
  'count.customers_one': '{count} customer',
  'count.customers_other': '{count} customers',
  'count.contacts_one': '{count} contact',
  'count.contacts_other': '{count} contacts',
  'count.systems_one': '{count} system',
  'count.systems_other': '{count} systems',
  'count.tickets_one': '{count} ticket',
  'count.tickets_other': '{count} tickets',
  'count.events_one': '{count} event',
  'count.events_other': '{count} events',
  'count.rows_one': '{count} row',
  'count.rows_other': '{count} rows',
  'count.pastTickets_one': '{count} past ticket',
  'count.pastTickets_other': '{count} past tickets',
  'count.interactions_one': '{count} interaction',
  'count.interactions_other': '{count} interactions',
  'count.daysLeft_one': '{count} day left',
  'count.daysLeft_other': '{count} days left',
  'count.pages_one': '{count} page',
  'count.pages_other': '{count} pages',
  'count.characters_one': '{count} character',
  'count.characters_other': '{count} characters',
  'count.seconds_one': '{count} second',
  'count.seconds_other': '{count} seconds',
  'count.minutes_one': '{count} minute',
  'count.minutes_other': '{count} minutes',
  'duration.underSecond': 'under a second',
  'duration.minutesSeconds': '{minutes} and {seconds}',
  // ---- tagdesk kb ----
  'usage.kb': `  kb eval --articles A.jsonl --queries Q.jsonl [--json]
                                      replay rated queries against the articles: precision@3,
                                      nDCG@10 and ask rate per 10 % of the queries, learning
                                      on and off (the baseline)`,
  'kb.needsSub': 'kb needs a subcommand.',
  'kb.unknownSub': 'Unknown kb subcommand "{sub}".',
  'kb.needsFiles': 'kb eval needs --articles and --queries.',
  'kb.cannotRead': 'Cannot read {file}: {error}',
  'kb.badJson': '{file}, line {line}: not valid JSON.',
  'kb.badLine': '{file}, line {line}: {field}: {issue}.',
  'kb.duplicate': 'Article "{id}" appears twice.',
  'kb.badRating': '{file}, line {line}: the rating of "{article}" is {value}; a rating is 0 (not relevant), 1 (somewhat) or 2 (very relevant).',
  'kb.unknownArticle': '{file}, line {line}: query "{query}" rates "{article}", which is not in the articles file; correct the id or add the article.',
  'kb.nothing': 'Nothing to evaluate: {articles}, {queries}.',
  'kb.head': '{articles}, {queries}, blocks of 10 %',
  'kb.col.block': 'block',
  'kb.col.queries': 'queries',
  'kb.col.p3': 'P@3',
  'kb.col.p3Base': 'P@3 base',
  'kb.col.ndcg': 'nDCG@10',
  'kb.col.ndcgBase': 'nDCG base',
  'kb.col.asked': 'asked',
  // ---- tagdesk duplicates and tagdesk import ----
  'usage.customers': `  duplicates [--json] [--limit N]     likely duplicate customers, in pairs, best first,
                                      each with a score and why; at most N pairs
                                      (default 1000), saying when there are more
  import --from zendesk|freshdesk|csv FILE... [--dry-run] [--json] [--map FIELD=COLUMN,...] [--country CC]
                                      bring in another desk's export: Zendesk JSON pages,
                                      Freshdesk CSVs, or any CSV with a column mapping;
                                      rejected rows go to a rejects file with the reason;
                                      --country IR reads numbers without a country code
                                      as numbers of that country (default: the desk's)`,
  'dup.badLimit': '--limit must be a whole number from 1 to 100000.',
  'dup.none': 'No likely duplicates.',
  'dup.more': 'There are more likely duplicate pairs than --limit {limit} shows; the best {limit} follow. Raise --limit (at most {max}) to see more.',
  'dup.mayBeMore': 'There may be more likely duplicate pairs than --limit {limit} shows; the best {limit} follow.',
  'dup.head_one': '{count} likely duplicate pair:',
  'dup.head_other': '{count} likely duplicate pairs:',
  'dup.pair': '  {score}  {a} ({aId})  ~  {b} ({bId})  [{segment}; same {reasons}]',
  'dup.reason.phone': 'phone',
  'dup.reason.email': 'email',
  'dup.reason.tag': 'tag',
  'dup.reason.name': 'name',
  'import.badFrom': 'import needs --from zendesk, --from freshdesk or --from csv.',
  'import.needsFiles': 'import needs at least one FILE: the export pages or CSVs.',
  'import.badMap': '--map takes FIELD=COLUMN pairs separated by commas, such as name=Customer,phone=Tel (not "{pair}").',
  'import.unknownField': '--map names "{field}", which is not a field the import knows. The fields: {fields}.',
  'import.mapNeedsCsv': '--map is for --from csv; Zendesk and Freshdesk exports are read by their own columns.',
  'import.missingColumn': '{file} has no column "{column}" (given for {field} in --map). Its columns: {columns}. Nothing was imported.',
  'import.unmapped': '{file} has no column Tagdesk knows a customer by (id, email, phone or name). Its columns: {columns}. Say which is which with --map, such as --map name=Customer,phone=Tel. Nothing was imported.',
  'import.nothingUsable': 'None of the files could be imported; see the reasons above. Nothing was imported.',
  'import.would': 'Would import {customers}, {contacts}, {systems}, {tickets} with {events}.',
  'import.interrupted': 'The import stopped after the batch it was writing. What is counted above is imported; import the same files again to bring in the rest (the rows already in are skipped, not doubled).',
  'import.done': 'Imported {customers}, {contacts}, {systems}, {tickets} with {events}.',
  'import.existing_one': '{count} customer was already on the desk (an earlier import, or the same name with the same email or phone): linked to that record, not doubled.',
  'import.existing_other': '{count} customers were already on the desk (an earlier import, or the same name with the same email or phone): linked to their records, not doubled.',
  'import.noRejects': 'Nothing was rejected.',
  'import.badCountry': '--country takes the two-letter code of a country, such as IR, US or GB (not "{country}").',
  'import.localNumbers': '{count} rejected rows have a number without a country code that is a local number of {countries}. If the file’s numbers are from there, import it again with {flags}: rows without a Country of their own are then read as numbers of that country.',
  'import.mobilesLeft_one': '{count} contact has both a work phone and a mobile number; a record holds one phone, so the work phone was kept and the mobile number left out (row {rows}).',
  'import.mobilesLeft_other': '{count} contacts have both a work phone and a mobile number; a record holds one phone, so the work phone was kept and the mobile number left out (rows {rows}).',
  'import.suspended_one': '{count} user suspended in Zendesk (blocked there, as for spam or abuse) was left out, with {tickets} they requested; someone suspended by mistake comes in once unsuspended in Zendesk (or with {field} in the users page) and imported again.',
  'import.suspended_other': '{count} users suspended in Zendesk (blocked there, as for spam or abuse) were left out, with {tickets} they requested; someone suspended by mistake comes in once unsuspended in Zendesk (or with {field} in the users page) and imported again.',
  'import.suspendedTickets_one': '{count} ticket',
  'import.suspendedTickets_other': '{count} tickets',
  'import.assumedWould_one': '{count} company is named by contacts or tickets but is not in the companies file. It would be created as {assumed}: {names}. Add it to the companies file with a Segment column before you import, or correct its segment on its record afterwards.',
  'import.assumedWould_other': '{count} companies are named by contacts or tickets but are not in the companies file. They would be created as {assumed}: {names}. Add them to the companies file with a Segment column before you import, or correct each one’s segment on its record afterwards.',
  'import.assumed_one': '{count} company was named by contacts or tickets but is not in the companies file. It was created as {assumed}: {names}. If that is wrong, correct its segment and service level on its record; importing the companies file again will not change it.',
  'import.assumed_other': '{count} companies were named by contacts or tickets but are not in the companies file. They were created as {assumed}: {names}. Where that is wrong, correct each one’s segment and service level on its record; importing the companies file again will not change them.',
  'import.assumedAs': '{segment}, service level {level}',
  'import.assumedMore_one': 'and one more',
  'import.assumedMore_other': 'and {count} more',
  'import.rejected_one': '{count} rejected: see {file} (one JSON line each, with the reason).',
  'import.rejected_other': '{count} rejected: see {file} (one JSON line each, with the reason).',
  'import.rejectedPages': 'The rejected records, as Zendesk pages of their own kind with why in “{field}”: correct them in a text editor and import the pages again (--from zendesk); what is already imported is not doubled.\n  {files}',
  'import.rejectedRows': 'The rejected rows, to correct in a spreadsheet and import again: {file} (their own columns and a “Rejected because” column).',
  'import.fileSkipped': '{file} is not imported: {reason}.',
  'import.progress': '{file}: {rows} read ({share})',
  'import.problem.unreadable': 'it cannot be read ({error})',
  'fileError.ENOENT': 'no such file',
  'fileError.EACCES': 'permission denied',
  'fileError.EISDIR': 'it is a folder',
  'import.problem.jsonNotZendesk': 'it is JSON, and only --from zendesk reads JSON exports',
  'import.problem.jsonUnknown': 'it is JSON but holds none of users, organizations, tickets or ticket_events',
  'import.problem.notZendesk': 'it is not a Zendesk JSON export page',
  'import.problem.noCsvHeader': 'it has no CSV header row',
  'import.problem.notFreshdesk': 'it is a CSV, but not a Freshdesk ticket, contact or company export (its header: {header})',
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
  migrate                             به‌روز کردن درجای میزی که نسخهٔ قدیمی‌تر نوشته، با نوار
                                      پیشرفت (از همان جا که ماند ادامه می‌دهد)
{more}

همهٔ فرمان‌ها ‎--data DIR‎ (پیش‌فرض: ‎$TAGDESK_DATA‎، وگرنه پوشهٔ دادهٔ کاربر)، ‎--lang en|fa‎
(زبان خروجی؛ پیش‌فرض ‎$TAGDESK_LANG‎، وگرنه ‎$LANG‎) و ‎--debug‎ (نمایش پشتهٔ خطا) را می‌پذیرند.
lookup و stats و backup فقط می‌خوانند.

کدهای خروج: ۰ انجام شد؛ ۱ چیزی پیدا نشد یا میز نپذیرفت؛ ۲ خط فرمان نادرست؛ ۳ پوشه یا پروندهٔ
داده قابل استفاده نیست (پوشه نیست، ساخته نمی‌شود، اجازهٔ دسترسی نیست، برای فرمانی که می‌نویسد
فقط‌خواندنی است، میزی آنجا نیست)؛ ۴ پایگاه داده آسیب دیده یا پایگاه دادهٔ تگ‌دسک نیست؛ ۵ با
تگ‌دسک تازه‌تری نوشته شده (یا باید اول ارتقا یابد)؛ ۶ برنامهٔ دیگری آن را قفل کرده است؛ ۱۳۰ و ۱۴۳
‎migrate‎ با ‎Ctrl+C‎ (‎SIGINT‎) یا ‎SIGTERM‎ متوقف شد (از همان جا که ماند ادامه می‌یابد).`,
  'error.noCommand': 'فرمانی داده نشد.',
  'error.unknownCommand': 'فرمان ناشناخته: «{command}».',
  'error.debugHint': '(برای جزئیات، دوباره با ‎--debug‎ اجرا کنید)',
  'error.deskRefused': 'میز این درخواست را نپذیرفت: {message}',
  ...openWords(DESK_OPEN_WORDS.fa),
  'error.noAdmin': 'این میز مدیر فعالی برای ورود ندارد؛ شاید هنوز خالی است. اول «tagdesk seed» را اجرا کنید.',
  'seed.notEmpty': 'میز در {dir} از پیش داده دارد ({customers}). فقط میز خالی را پر کنید، یا با ‎--data‎ پوشهٔ دیگری بدهید.',
  'seed.done': '{dir} پر شد: {customers}، {tickets}.',
  'migrate.noDesk': 'در {dir} میزی برای به‌روز کردن نیست. ‎--data‎ را به پوشهٔ یک میز بدهید.',
  'migrate.upToDate': 'میز در {dir} به‌روز است؛ کاری نمانده.',
  'migrate.done': '{dir} در {took} به‌روز شد: پیش‌تر {before} مگابایت، اکنون {after} مگابایت.',
  'migrate.interrupted': 'به‌روز کردن {dir} متوقف شد. آنچه تبدیل شده بود نگه داشته شده است: با «‎tagdesk migrate‎» بعدی، یا با راه‌اندازی میز، از همان جا که ماند ادامه می‌یابد.',
  'lookup.needsQuery': 'lookup چیزی برای جست‌وجو می‌خواهد: برچسب سرویس، کد سرویس سریع، تلفن، ایمیل یا نام.',
  'lookup.tooLong': 'آنچه برای جست‌وجو داده شده {length} است؛ برچسب، کد، تلفن، ایمیل یا نام حداکثر {max} است.',
  'lookup.match': '{name}  ({segment}، {level})  یافته با {matchedBy}',
  'lookup.email': '  ایمیل   {email}',
  'lookup.phone': '  تلفن    {phone}',
  'lookup.systems': 'سیستم‌ها',
  'lookup.system': ' {mark} {tag}  {code}  {model}  {warranty}',
  'lookup.warrantyActive': '{level} تا {date} ({left})',
  'lookup.warrantyExpired': 'پایان‌یافته در {date}',
  'lookup.openTickets': 'تیکت‌های باز',
  'lookup.noOpenTickets': 'تیکت بازی نیست',
  'lookup.ticket': '{number}  {state}  {tier}  {priority}  {subject}',
  'lookup.past': '{past}، {interactions} ثبت‌شده',
  'lookup.candidates_one': '{count} مشتری احتمالی:',
  'lookup.candidates_other': '{count} مشتری احتمالی:',
  'lookup.candidate': '  {name}  ({segment})  {matchedBy}: {detail}',
  'lookup.candidateFacts': '      {phone} · {email} · {systems} · آخرین تماس {last}',
  'lookup.candidateHistory': '      {systems} · آخرین تماس {last}',
  'lookup.matchedWords': '      واژه‌های یافته: {words}',
  'lookup.viewMatchedWords': '  یافته   {words}',
  'lookup.matchedWord': '«{word}» در نام ({marked})',
  'lookup.wordSeparator': '، ',
  'lookup.none': 'ندارد',
  'lookup.never': 'هرگز',
  'lookup.detail.tag': 'برچسب سرویس {tag} · {model}',
  'lookup.detail.tagLookalike': 'برچسب سرویس {tag} · {model} (شما {typed} را وارد کردید؛ حرف و رقمِ شبیه به هم را با تماس‌گیرنده بررسی کنید)',
  'lookup.detail.express': 'کد سرویس سریع {code} همان برچسب سرویس {tag} است · {model}',
  'lookup.detail.expressLookalike': 'برچسب سرویس {tag} · {model} (شما {typed} را وارد کردید؛ کدی که فقط در یک رقم با آن فرق دارد {code} است؛ با تماس‌گیرنده بررسی کنید)',
  'lookup.detail.expressSwapped': 'برچسب سرویس {tag} · {model} (شما {typed} را وارد کردید؛ کدی که همین دو رقمِ کنار هم در آن جابه‌جا شده‌اند {code} است؛ با تماس‌گیرنده بررسی کنید)',
  'lookup.detail.ticket': '{number} · {subject}',
  'lookup.msg.empty': 'چیزی برای جست‌وجو بنویسید.',
  'lookup.msg.notPhoneOrCode': '«{query}» نه شمارهٔ تلفن است و نه کد سرویس سریع. برچسب سرویس هفت حرف یا رقم لاتین است، مانند {example} (فاصله و خط تیره نادیده گرفته می‌شوند). کد سرویس سریع عدد ده یا یازده رقمی چاپ‌شده زیر آن است.',
  'lookup.msg.notTag': '«{query}» برچسب سرویس نیست. برچسب سرویس هفت حرف یا رقم لاتین است، مانند {example} (فاصله و خط تیره نادیده گرفته می‌شوند). کد سرویس سریع عدد ده یا یازده رقمی چاپ‌شده زیر آن است.',
  'lookup.msg.nameTooShort': 'دست‌کم دو حرف از نام را بنویسید.',
  'lookup.msg.nothingToLookUp': '«{query}» چیزی برای جست‌وجو نیست: برچسب سرویس، کد سرویس سریع، شمارهٔ تلفن، ایمیل، دو حرف از نام یا شمارهٔ تیکت را بنویسید.',
  'lookup.msg.nothingFound': 'برای «{query}» چیزی پیدا نشد.',
  'lookup.msg.nothingFoundTried': 'برای {tried} چیزی پیدا نشد.',
  'lookup.msg.otherTeam': '{name} مشتری تیم دیگری است ({segment}): تماس را به آن تیم منتقل کنید.',
  'lookup.msg.otherTeams': 'همهٔ مشتریان مطابق با «{query}» مشتری تیم‌های دیگرند ({segments}): تماس را به آن تیم‌ها منتقل کنید.',
  ...TRIED_WORDS.fa,
  'stats.desk': 'میز\t{dir}',
  'stats.customers': 'مشتری‌ها\t{n}',
  'stats.tickets': 'تیکت‌ها\t{n}',
  'stats.open': 'باز\t{open} ({unassigned} بی‌مسئول)',
  'stats.resolved': 'حل‌شده\t{n} امروز',
  'queues.head': 'صف‌ها',
  'queues.open': 'باز',
  'queues.unassigned': 'بی‌مسئول',
  'queues.oldest': 'قدیمی‌ترین',
  'queues.name': '{segment} {tier}',
  'backup.needsFile': 'backup یک پرونده برای نوشتن می‌خواهد: tagdesk backup FILE',
  'backup.done': 'پشتیبان در {file} نوشته و بررسی شد ({pages}).',
  'backup.noFolder': 'پشتیبان {file} نوشته نمی‌شود: پوشهٔ {folder} وجود ندارد. آن را بسازید، یا جای دیگری برای پشتیبان برگزینید.',
  'backup.exists': '{file} از پیش وجود دارد؛ پشتیبان هرگز روی پرونده‌ای نمی‌نویسد. نام تازه‌ای برگزینید.',
  'backup.cannotWrite': 'پشتیبان {file} نوشته نمی‌شود: در پوشهٔ {folder} نمی‌توان نوشت، یا دیسک آن را نپذیرفت. جای دیگری برای پشتیبان برگزینید، یا پوشه و فضای آزاد آن را بررسی کنید.',
  'backup.permission': 'پشتیبان {file} نوشته نمی‌شود: اجازهٔ نوشتن در پوشهٔ {folder} نیست. پوشه‌ای برگزینید که اجازهٔ نوشتن در آن را دارید، یا دسترسی‌هایش را درست کنید.',
  'backup.readOnly': 'پشتیبان {file} نوشته نمی‌شود: پوشهٔ {folder} فقط‌خواندنی است. جای نوشتنی‌ای برای پشتیبان برگزینید.',
  'backup.failedCheck': 'پشتیبان {file} نوشته شد اما در بررسی رد شد ({problem})؛ به آن تکیه نکنید. دوباره در پرونده‌ای تازه پشتیبان بگیرید؛ اگر باز هم نشد، شاید خود میز آسیب دیده است: پشتیبانی قدیمی‌تر را بازگردانید.',
  'restore.needsFile': 'restore پشتیبانی برای خواندن می‌خواهد: tagdesk restore FILE',
  'restore.done': '{file} از {from} بازگردانده شد.',
  'restore.kept': 'میزی که جایگزین شد با نام {kept} نگه داشته شد.',
  ...persianWords.segment,
  ...persianWords.serviceLevel('level'),
  ...persianWords.priority,
  ...persianWords.matchedBy,
  ...persianWords.state,
  ...persianWords.tier('tier'),
  ...ARGS_WORDS.fa,
  'usage.head': 'روش کار:',
  'args.wholeNumber': '{flag} باید عددی درست باشد.',
  'args.atLeast': '{flag} باید دست‌کم {min} باشد.',
  'args.atMost': '{flag} حداکثر می‌تواند {max} باشد.',
  'list.separator': '، ',
  'count.articles_one': '{count} مقاله',
  'count.articles_other': '{count} مقاله',
  'count.queries_one': '{count} پرسش',
  'count.queries_other': '{count} پرسش',
  'count.customers_one': '{count} مشتری',
  'count.customers_other': '{count} مشتری',
  'count.contacts_one': '{count} مخاطب',
  'count.contacts_other': '{count} مخاطب',
  'count.systems_one': '{count} سیستم',
  'count.systems_other': '{count} سیستم',
  'count.tickets_one': '{count} تیکت',
  'count.tickets_other': '{count} تیکت',
  'count.events_one': '{count} رویداد',
  'count.events_other': '{count} رویداد',
  'count.rows_one': '{count} ردیف',
  'count.rows_other': '{count} ردیف',
  'count.pastTickets_one': '{count} تیکت گذشته',
  'count.pastTickets_other': '{count} تیکت گذشته',
  'count.interactions_one': '{count} تماس',
  'count.interactions_other': '{count} تماس',
  'count.daysLeft_one': '{count} روز مانده',
  'count.daysLeft_other': '{count} روز مانده',
  'count.pages_one': '{count} صفحه',
  'count.pages_other': '{count} صفحه',
  'count.characters_one': '{count} نویسه',
  'count.characters_other': '{count} نویسه',
  'count.seconds_one': '{count} ثانیه',
  'count.seconds_other': '{count} ثانیه',
  'count.minutes_one': '{count} دقیقه',
  'count.minutes_other': '{count} دقیقه',
  'duration.underSecond': 'کمتر از یک ثانیه',
  'duration.minutesSeconds': '{minutes} و {seconds}',
  'usage.kb': `  kb eval --articles A.jsonl --queries Q.jsonl [--json]
                                      بازپخش پرسش‌های امتیازداده‌شده روی مقاله‌ها: دقت در ۳،
                                      nDCG در ۱۰ و نرخ پرسیدن برای هر ۱۰٪ از پرسش‌ها، با
                                      یادگیری و بی یادگیری (مبنا)`,
  'kb.needsSub': '‎kb‎ یک زیرفرمان می‌خواهد.',
  'kb.unknownSub': 'زیرفرمان ناشناختهٔ ‎kb‎: «{sub}».',
  'kb.needsFiles': '‎kb eval‎ هم ‎--articles‎ و هم ‎--queries‎ را می‌خواهد.',
  'kb.cannotRead': '{file} خوانده نمی‌شود: {error}',
  'kb.badJson': '{file}، خط {line}: JSON درستی نیست.',
  'kb.badLine': '{file}، خط {line}: {field}: {issue}.',
  'kb.duplicate': 'مقالهٔ «{id}» دو بار آمده است.',
  'kb.badRating': '{file}، خط {line}: امتیاز «{article}» {value} است؛ امتیاز ۰ (بی‌ربط)، ۱ (کمی مرتبط) یا ۲ (خیلی مرتبط) است.',
  'kb.unknownArticle': '{file}، خط {line}: پرسش «{query}» به «{article}» امتیاز داده که در پروندهٔ مقاله‌ها نیست؛ شناسه را درست کنید یا مقاله را بیفزایید.',
  'kb.nothing': 'چیزی برای ارزیابی نیست: {articles}، {queries}.',
  'kb.head': '{articles}، {queries}، در بخش‌های ۱۰٪',
  'kb.col.block': 'بخش',
  'kb.col.queries': 'پرسش',
  'kb.col.p3': 'دقت@۳',
  'kb.col.p3Base': 'دقت@۳ مبنا',
  'kb.col.ndcg': 'nDCG@۱۰',
  'kb.col.ndcgBase': 'nDCG مبنا',
  'kb.col.asked': 'پرسیده',
  'usage.customers': `  duplicates [--json] [--limit N]     مشتری‌های احتمالاً تکراری، جفت‌جفت، بهترین اول،
                                      هر جفت با امتیاز و دلیل؛ حداکثر N جفت (پیش‌فرض
                                      ۱۰۰۰)، و اگر بیشتر باشد می‌گوید
  import --from zendesk|freshdesk|csv FILE... [--dry-run] [--json] [--map FIELD=COLUMN,...] [--country CC]
                                      آوردن خروجی میز دیگر: صفحه‌های JSON زن‌دسک،
                                      CSVهای فرش‌دسک، یا هر CSV با نگاشت ستون‌ها؛
                                      ردیف‌های ردشده با دلیلشان در پروندهٔ ردشده‌ها می‌آیند؛
                                      ‎--country IR‎ شماره‌های بی‌پیش‌شمارهٔ کشور را شمارهٔ
                                      آن کشور می‌خواند (پیش‌فرض: کشور میز)`,
  'dup.badLimit': '‎--limit‎ باید عددی درست از ۱ تا ۱۰۰٬۰۰۰ باشد.',
  'dup.none': 'مشتری احتمالاً تکراری‌ای نیست.',
  'dup.more': 'جفت‌های احتمالاً تکراری بیش از ‎--limit‎ {limit} است؛ بهترین {limit} جفت در زیر آمده است. برای دیدن بیشتر، ‎--limit‎ را بزرگ‌تر کنید (حداکثر {max}).',
  'dup.mayBeMore': 'شاید جفت‌های احتمالاً تکراری بیش از ‎--limit‎ {limit} باشد؛ بهترین {limit} جفت در زیر آمده است.',
  'dup.head_one': '{count} جفت مشتری احتمالاً تکراری:',
  'dup.head_other': '{count} جفت مشتری احتمالاً تکراری:',
  'dup.pair': '  {score}  {a} ({aId})  ~  {b} ({bId})  [{segment}؛ یکسان در {reasons}]',
  'dup.reason.phone': 'تلفن',
  'dup.reason.email': 'ایمیل',
  'dup.reason.tag': 'برچسب سرویس',
  'dup.reason.name': 'نام',
  'import.badFrom': '‎import‎ یکی از ‎--from zendesk‎، ‎--from freshdesk‎ یا ‎--from csv‎ را می‌خواهد.',
  'import.needsFiles': '‎import‎ دست‌کم یک پرونده (FILE) می‌خواهد: صفحه‌های خروجی یا CSVها.',
  'import.badMap': '‎--map‎ جفت‌های ‎FIELD=COLUMN‎ را با ویرگول جدا می‌گیرد، مانند ‎name=Customer,phone=Tel‎ (نه «{pair}»).',
  'import.unknownField': '‎--map‎ از «{field}» نام برده که فیلدی شناخته‌شده برای ورود نیست. فیلدها: {fields}.',
  'import.mapNeedsCsv': '‎--map‎ برای ‎--from csv‎ است؛ خروجی زن‌دسک و فرش‌دسک با ستون‌های خودشان خوانده می‌شوند.',
  'import.missingColumn': '{file} ستونی به نام «{column}» ندارد (در ‎--map‎ برای {field} داده شده). ستون‌هایش: {columns}. چیزی وارد نشد.',
  'import.unmapped': '{file} ستونی ندارد که Tagdesk مشتری را با آن بشناسد (id، email، phone یا name). ستون‌هایش: {columns}. با ‎--map‎ بگویید کدام ستون چیست، مانند ‎--map name=Customer,phone=Tel‎. چیزی وارد نشد.',
  'import.nothingUsable': 'هیچ‌یک از پرونده‌ها وارد نشد؛ دلیل‌ها در بالا آمده است. چیزی وارد نشد.',
  'import.would': 'وارد می‌شد: {customers}، {contacts}، {systems}، {tickets} با {events}.',
  'import.interrupted': 'درون‌ریزی پس از دسته‌ای که می‌نوشت متوقف شد. آنچه در بالا شمرده شده وارد شده است؛ برای آوردن بقیه، همان پرونده‌ها را دوباره وارد کنید (ردیف‌هایی که وارد شده‌اند کنار گذاشته می‌شوند، دوتا نمی‌شوند).',
  'import.done': 'وارد شد: {customers}، {contacts}، {systems}، {tickets} با {events}.',
  'import.existing_one': '{count} مشتری پیش‌تر در میز کار بود (از ورود پیشین، یا با همان نام و همان ایمیل یا تلفن): به همان پرونده پیوند خورد و دوتا نشد.',
  'import.existing_other': '{count} مشتری پیش‌تر در میز کار بودند (از ورود پیشین، یا با همان نام و همان ایمیل یا تلفن): به پرونده‌های خودشان پیوند خوردند و دوتا نشدند.',
  'import.noRejects': 'هیچ ردیفی رد نشد.',
  'import.badCountry': '‎--country‎ کد دوحرفی یک کشور را می‌گیرد، مانند ‎IR‎، ‎US‎ یا ‎GB‎ (نه «{country}»).',
  'import.localNumbers': '{count} ردیف ردشده شماره‌ای بی‌پیش‌شمارهٔ کشور دارند که شمارهٔ داخلی {countries} است. اگر شماره‌های پرونده از آنجاست، آن را دوباره با {flags} وارد کنید: ردیف‌هایی که کشور خودشان را ندارند آن‌گاه شمارهٔ آن کشور خوانده می‌شوند.',
  'import.mobilesLeft_one': '{count} مخاطب هم تلفن کار دارد و هم شمارهٔ همراه؛ هر پرونده یک تلفن نگه می‌دارد، پس تلفن کار نگه داشته شد و شمارهٔ همراه کنار ماند (ردیف {rows}).',
  'import.mobilesLeft_other': '{count} مخاطب هم تلفن کار دارند و هم شمارهٔ همراه؛ هر پرونده یک تلفن نگه می‌دارد، پس تلفن کار نگه داشته شد و شمارهٔ همراه کنار ماند (ردیف‌های {rows}).',
  'import.suspended_one': '{count} کاربرِ معلق در زن‌دسک (که شرکت آنجا مسدودش کرده، مثلاً برای هرزنامه یا آزار) با {tickets} که درخواست داده بود کنار ماند؛ کسی که به اشتباه معلق شده، وقتی تعلیقش در زن‌دسک برداشته شود (یا در صفحهٔ کاربران {field} بگیرد) و دوباره وارد شود، می‌آید.',
  'import.suspended_other': '{count} کاربرِ معلق در زن‌دسک (که شرکت آنجا مسدودشان کرده، مثلاً برای هرزنامه یا آزار) با {tickets} که درخواست داده بودند کنار ماندند؛ کسی که به اشتباه معلق شده، وقتی تعلیقش در زن‌دسک برداشته شود (یا در صفحهٔ کاربران {field} بگیرد) و دوباره وارد شود، می‌آید.',
  'import.suspendedTickets_one': '{count} تیکت',
  'import.suspendedTickets_other': '{count} تیکت',
  'import.assumedWould_one': '{count} شرکت در مخاطبان یا تیکت‌ها نام برده شده ولی در پروندهٔ شرکت‌ها نیست. این شرکت با {assumed} ساخته خواهد شد: {names}. پیش از ورود آن را با ستون Segment به پروندهٔ شرکت‌ها بیفزایید، یا پس از آن بخشش را در پرونده‌اش درست کنید.',
  'import.assumedWould_other': '{count} شرکت در مخاطبان یا تیکت‌ها نام برده شده‌اند ولی در پروندهٔ شرکت‌ها نیستند. این شرکت‌ها با {assumed} ساخته خواهند شد: {names}. پیش از ورود آن‌ها را با ستون Segment به پروندهٔ شرکت‌ها بیفزایید، یا پس از آن بخش هر کدام را در پرونده‌اش درست کنید.',
  'import.assumed_one': '{count} شرکت در مخاطبان یا تیکت‌ها نام برده شده بود ولی در پروندهٔ شرکت‌ها نبود. این شرکت با {assumed} ساخته شد: {names}. اگر درست نیست، بخش و سطح خدمتش را در پرونده‌اش درست کنید؛ ورود دوبارهٔ پروندهٔ شرکت‌ها آن را تغییر نمی‌دهد.',
  'import.assumed_other': '{count} شرکت در مخاطبان یا تیکت‌ها نام برده شده بودند ولی در پروندهٔ شرکت‌ها نبودند. این شرکت‌ها با {assumed} ساخته شدند: {names}. هر جا درست نیست، بخش و سطح خدمت هر کدام را در پرونده‌اش درست کنید؛ ورود دوبارهٔ پروندهٔ شرکت‌ها آن‌ها را تغییر نمی‌دهد.',
  'import.assumedAs': 'بخش {segment} و سطح خدمت {level}',
  'import.assumedMore_one': 'و یکی دیگر',
  'import.assumedMore_other': 'و {count} شرکت دیگر',
  'import.rejected_one': '{count} ردیف رد شد: {file} را ببینید (هر کدام یک خط JSON با دلیلش).',
  'import.rejected_other': '{count} ردیف رد شد: {file} را ببینید (هر کدام یک خط JSON با دلیلش).',
  'import.rejectedPages': 'رکوردهای ردشده، به شکل صفحه‌های Zendesk از همان نوع که دلیل هر کدام در «{field}» آمده است: آن‌ها را در یک ویرایشگر متن اصلاح کنید و صفحه‌ها را دوباره از Zendesk وارد کنید؛ آنچه پیش‌تر وارد شده دوباره نمی‌آید.\n  {files}',
  'import.rejectedRows': 'ردیف‌های ردشده، برای اصلاح در صفحه‌گسترده و ورود دوباره: {file} (با ستون‌های خودشان و ستون «Rejected because» که دلیل را می‌گوید).',
  'import.fileSkipped': '{file} وارد نمی‌شود: {reason}.',
  'import.progress': '{file}: {rows} خوانده شد ({share})',
  'import.problem.unreadable': 'خوانده نمی‌شود ({error})',
  'fileError.ENOENT': 'چنین پرونده‌ای نیست',
  'fileError.EACCES': 'اجازهٔ دسترسی نیست',
  'fileError.EISDIR': 'پوشه است، نه پرونده',
  'import.problem.jsonNotZendesk': 'پروندهٔ JSON است و فقط ‎--from zendesk‎ خروجی JSON را می‌خواند',
  'import.problem.jsonUnknown': 'پروندهٔ JSON است اما هیچ‌یک از ‎users‎، ‎organizations‎، ‎tickets‎ یا ‎ticket_events‎ را ندارد',
  'import.problem.notZendesk': 'صفحهٔ خروجی JSON زن‌دسک نیست',
  'import.problem.noCsvHeader': 'سطر سرستون CSV ندارد',
  'import.problem.notFreshdesk': 'CSV است، اما خروجی تیکت، مخاطب یا شرکت فرش‌دسک نیست (سرستون‌هایش: {header})',
};

export const CLI_DICTIONARIES: Record<CliLanguage, { readonly [K in CliKey]: string }> = { en: cliEn, fa: cliFa };

// The language asked for: `--lang` (null when absent), else TAGDESK_LANG, else the POSIX locale
// variables in their order of precedence; anything but Persian is English. Plain JavaScript, as
// the refusal of a too old Node (bin/tagdesk.mjs, scripts/check-node.mjs) chooses with it too.
export { cliLanguageOf } from '../../shared/cliLanguage.mjs';

export type CliT = (key: CliKey, vars?: CliVars) => string;

/** t() for one language: fills {name}s, Persian digits for numbers, Latin values isolated. */
export function cliTranslator(language: CliLanguage): CliT {
  return translatorOf(language, CLI_DICTIONARIES[language]);
}

/** Whether a key built at run time ("segment." + a value) is one of the dictionary's. */
export const isCliKey = (key: string): key is CliKey => Object.hasOwn(cliEn, key);

/** A word of the domain (segment, level, priority, how it matched, state) in the reader's language; an unknown value as it is. */
export function cliWord(tr: CliT, prefix: 'segment' | 'level' | 'priority' | 'matchedBy' | 'state' | 'tier', value: string): string {
  const key = `${prefix}.${value}`;
  return isCliKey(key) ? tr(key) : value.replaceAll('_', ' ');
}

/**
 * t() with one value that is already a sentence in the reader's words (its Latin values
 * isolated): put in as it is, not isolated again as one value.
 */
export function cliInLine(tr: CliT, key: CliKey, name: string, text: string, vars?: CliVars): string {
  return tr(key, { ...vars, [name]: '\u0000' }).replace('\u0000', () => text);
}

/** A day as the reader counts it: ISO in English, Solar Hijri with Persian digits in Persian. */
export function cliDay(language: CliLanguage, at: number): string {
  if (language === 'en') return new Date(at).toISOString().slice(0, 10);
  return new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(at);
}

/** Keys that come in plural forms: `x_one` and `x_other`. */
export type CliPluralBase = PluralBase<CliKey>;

/** What a command needs to speak to people: the language, t(), plural t() and numbers. */
export interface CliSay extends CliSpeaker<CliKey> {
  /** Why a file cannot be read (ENOENT, EACCES…), in words when the code is a known one. */
  fileError: (code: string) => string;
  /** How long something took, in whole seconds: "under a second", "1 second", "2 minutes and 5 seconds". */
  duration: (ms: number) => string;
}

export function cliSay(language: CliLanguage): CliSay {
  const speaker = cliSpeaker(language, CLI_DICTIONARIES[language]);
  const { tr, tc } = speaker;
  return {
    ...speaker,
    fileError: (code) => (isCliKey(`fileError.${code}`) ? tr(`fileError.${code}` as CliKey) : code),
    duration: (ms) => {
      const total = Math.round(ms / 1000);
      if (total < 1) return tr('duration.underSecond');
      const minutes = Math.floor(total / 60);
      const seconds = tc('count.seconds', total % 60);
      if (minutes === 0) return seconds;
      return total % 60 === 0 ? tc('count.minutes', minutes) : tr('duration.minutesSeconds', { minutes: tc('count.minutes', minutes), seconds });
    },
  };
}

/**
 * A desk that cannot be opened, said in the reader's words from the core's key and values (a
 * sentence inside it, such as a damaged file's finding, said too); the core's own English
 * when it gave no key.
 */
export function deskOpenLine(tr: CliT, sentence: DeskOpenSentence | null, message: string): string {
  if (!sentence) return message;
  const values: CliVars = {};
  const inner: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(sentence.values)) {
    if (typeof value !== 'object') values[name] = value;
    else {
      // A mark with no Latin letter or digit, so it is not isolated as a value; replaced after.
      const mark = String.fromCharCode(inner.length + 1);
      values[name] = mark;
      inner.push([mark, deskOpenLine(tr, value, '')]);
    }
  }
  return inner.reduce((text, [mark, said]) => text.replace(mark, () => said), tr(`open.${sentence.key}`, values));
}
