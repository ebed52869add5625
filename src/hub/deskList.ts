import stringWidth from 'string-width';
import { isolated } from '../shared/cliText';
import { shortDeskId } from '../shared/deskName';
import { changesBehind, lagOf, type HubDesk } from '../shared/deskReport';
import type { HubDb } from './db';
import { listDesks } from './deskContacts';
import type { HubSay } from './messages';

// `npm run hub -- desks`: every desk the hub knows, for the one at the hub's console with no desk
// to sign in on (after a restore; to find the desk that has not synced). What the admins' Desks
// page shows (deskContacts.ts listDesks), newest call first, as a table in the reader's words, or
// with --json one object a line for scripts (field names below, README "The hub (many desks)").
//
// How far a desk has read the hub's log is the cursor its last pull named, written down with its
// contact (deskContacts.ts, at most a minute late), against the log's head now: "Not known" for a
// desk not heard pulling since the hub kept it. Of a copied folder the hub knows
// only how many times the desk's count of pushes went back (desks.epoch, sync.ts): a restore from
// a backup, or a copy that also ran under its id before it took one of its own.

/** One desk as `--json` writes it: stable names, for scripts. */
export interface DeskLine {
  id: string;
  /** Its name as it last said it; null: none said (a desk older than names). */
  name: string | null;
  /** Its last call (hub time, ms since 1970; its sign-in when it has not synced since). */
  lastSeenAt: number;
  /** The same, ISO 8601 in UTC. */
  lastSeen: string;
  /** Its desk machine version as it last stated it; null: unknown. */
  version: number | null;
  /** The hub's desk machine version: a desk below it should be upgraded. */
  hubVersion: number;
  /** Who last signed in there with a hub account. */
  lastUser: { id: string; name: string } | null;
  /** Changes waiting in its outbox when it last called; null: unknown. */
  unsent: number | null;
  /** Its clock minus the hub's, ms, as it measured it; null: unknown. */
  clockSkewMs: number | null;
  /** Its last pull was refused: the hub's log holds what its version cannot read. */
  tooOld: boolean;
  /** How many times its count of pushes went back (a restore from a backup, or its folder copied). */
  countWentBack: number;
  /** How many of the hub's changes it has not read (0: up to date); null: not known. */
  behind: number | null;
  /** The hub's event number its last pull had read up to; null: not known. */
  readTo: number | null;
  /** When it last pulled (hub time, ms); null: not known. */
  lastPullAt: number | null;
  /** Why its reading of the log needs someone: 'notReceiving' (it calls but has not pulled for 10 minutes), 'farBehind' (1000 changes or more); null: neither. */
  lag: 'notReceiving' | 'farBehind' | null;
}

/** Every desk the hub knows, newest call first. */
export async function deskLines(db: HubDb, now: number): Promise<DeskLine[]> {
  const { desks, hubVersion, head } = await listDesks(db, now);
  const epochs = new Map((await db.selectFrom('desks').select(['id', 'epoch']).execute()).map((r) => [r.id, Number(r.epoch)]));
  return desks
    .map((d: HubDesk): DeskLine => ({
      id: d.id,
      name: d.name,
      lastSeenAt: Number(d.lastContactAt),
      lastSeen: new Date(Number(d.lastContactAt)).toISOString(),
      version: d.version,
      hubVersion,
      lastUser: d.lastUser,
      unsent: d.outbox === null ? null : Number(d.outbox),
      clockSkewMs: d.clockSkewMs === null ? null : Number(d.clockSkewMs),
      tooOld: d.tooOld,
      countWentBack: epochs.get(d.id) ?? 0,
      behind: changesBehind(head, d.readTo),
      readTo: d.readTo,
      lastPullAt: d.readAt,
      lag: lagOf(d, head),
    }))
    .sort((a, b) => b.lastSeenAt - a.lastSeenAt || a.id.localeCompare(b.id));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, in the reader's words: "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function agoText(say: HubSay, ms: number): string {
  if (ms < MINUTE) return say.tr('desks.justNow');
  if (ms < HOUR) return say.tc('desks.minutesAgo', Math.floor(ms / MINUTE));
  if (ms < DAY) return say.tc('desks.hoursAgo', Math.floor(ms / HOUR));
  return say.tc('desks.daysAgo', Math.floor(ms / DAY));
}

/** A moment in the hub's local time: 2026-12-07 19:05 in English, the Solar Hijri date and Persian digits in Persian. */
export function localTime(say: HubSay, at: number): string {
  const d = new Date(at);
  if (say.language === 'fa') {
    // By its parts: Intl puts a Latin comma between the day and the hour.
    const parts = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}/${part('month')}/${part('day')}، ${part('hour')}:${part('minute')}`;
  }
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The hub's time zone, as the table's times are in it. */
const zoneName = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

/**
 * A value from outside (a name, an id) as the terminal may show it: its control characters (an
 * escape sequence in a name a desk sent) and bidi overrides and isolates (which would reorder the
 * line) each a "�"; in a Persian line, isolated when it holds
 * Latin letters or digits.
 */
const value = (say: HubSay, text: string): string => {
  const shown = text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '\uFFFD');
  return say.language === 'fa' && /[A-Za-z0-9@/\\]/.test(shown) ? isolated(shown) : shown;
};

/** One desk as a JSON line: C1 control characters escaped too (JSON.stringify leaves them raw for a terminal to act on). */
export const deskJson = (desk: DeskLine): string => JSON.stringify(desk).replace(/[\u0080-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - stringWidth(text)));

/** The table of desks and the line above it (how many, in which time zone). */
export function deskTable(say: HubSay, desks: readonly DeskLine[], now: number): string {
  const heads = [say.tr('desks.head.name'), say.tr('desks.head.id'), say.tr('desks.head.seen'), say.tr('desks.head.version'), say.tr('desks.head.user'), say.tr('desks.head.unsent'), say.tr('desks.head.behind'), say.tr('desks.head.notes')];
  const rows = desks.map((d) => {
    const notes: string[] = [];
    if (d.tooOld) notes.push(say.tr('desks.tooOld'));
    else if (d.version !== null && d.version < d.hubVersion) notes.push(say.tr('desks.older', { hub: d.hubVersion }));
    if (d.countWentBack > 0) notes.push(say.tc('desks.wentBack', d.countWentBack));
    if (d.lag === 'notReceiving') notes.push(say.tr('desks.notReceiving', { ago: agoText(say, Math.max(0, now - d.lastPullAt!)) }));
    else if (d.lag === 'farBehind') notes.push(say.tr('desks.farBehind'));
    return [
      d.name === null ? say.tr('desks.unnamed') : value(say, d.name),
      value(say, shortDeskId(d.id)),
      // The time in the reader's digits, as it is (its slashes would have it isolated as a Latin value).
      say.inLine('desks.seenAt', 'at', localTime(say, d.lastSeenAt), { ago: agoText(say, Math.max(0, now - d.lastSeenAt)) }),
      d.version === null ? '-' : say.n(d.version),
      d.lastUser === null ? '-' : value(say, d.lastUser.name),
      d.unsent === null ? '-' : say.n(d.unsent),
      d.behind === null ? say.tr('desks.notKnown') : d.behind === 0 ? say.tr('desks.upToDate') : say.tc('desks.behind', d.behind),
      notes.join(say.tr('desks.notesJoin')),
    ];
  });
  const widths = heads.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : padEnd(c, widths[i]!))).join('  ').trimEnd();
  return [say.tc('desks.summary', desks.length, { zone: zoneName() }), '', line(heads), ...rows.map(line)].join('\n');
}
