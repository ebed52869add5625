// Why the hub did not start, said to the person who started it: what was wrong and what to do.
// A system error's own text ("listen EADDRINUSE: address already in use 127.0.0.1:4180",
// "error:0480006C:PEM routines::no start line") names neither the flag nor the fix. In the
// reader's language (messages.ts): English unless the command line was asked for Persian.

import { deskOpenText, type DeskOpenSentence } from '../main/core/db/openErrors';
import { hubSay, HubSaid, type HubSay } from './messages';

const english = hubSay('en');

export interface StartSetting {
  port: number;
  host: string;
  /** DATABASE_URL when the hub uses a PostgreSQL of its own choosing (its password is never said). */
  databaseUrl?: string | undefined;
}

/** The `code` of a Node or PostgreSQL error, on it or on its cause. */
function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** DATABASE_URL as it may be printed: user, host, port and database, never the password. */
export function shownDatabase(url: string, say: HubSay = english): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${user}${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return say.tr('start.unreadableUrl');
  }
}

/** What PostgreSQL or the network said of DATABASE_URL, by code, in words that say what to do. */
const DATABASE_REASONS = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', '28P01', '28000', '3D000', '42501'] as const;

export function startFailure(error: unknown, setting: StartSetting, say: HubSay = english): string {
  const code = codeOf(error);
  const { port, host } = setting;
  switch (code) {
    case 'EADDRINUSE':
      return say.tr('start.portInUse', { port, host });
    case 'EADDRNOTAVAIL':
      return say.tr('start.badHost', { host });
    case 'EACCES':
      if (!(error instanceof HubSaid) && !deskOpenSentence(error)) return say.tr('start.portDenied', { port });
  }
  if (setting.databaseUrl) return databaseFailure(error, setting.databaseUrl, say);
  return failureLine(error, say);
}

/** The PostgreSQL of DATABASE_URL that cannot be used: where (without its password), and why. */
export function databaseFailure(error: unknown, databaseUrl: string, say: HubSay = english): string {
  const where = shownDatabase(databaseUrl, say);
  const reason = DATABASE_REASONS.find((c) => c === codeOf(error));
  if (reason) return say.inLine('start.database', 'reason', say.tr(`db.${reason}`), { where });
  return say.tr('start.database', { where, reason: messageOf(error) });
}

/**
 * Any other reason, in the reader's words when it was said by key (the embedded PostgreSQL's,
 * the data folder the core could not make); else the system's own words, as a value.
 */
export function failureLine(error: unknown, say: HubSay = english): string {
  if (error instanceof HubSaid) return say.tr(error.key, error.vars);
  const sentence = deskOpenSentence(error);
  if (sentence) return say.language === 'en' ? messageOf(error) : deskOpenText(say.language, sentence);
  const message = messageOf(error);
  return say.language === 'en' ? message : say.tr('start.other', { message });
}

/**
 * Why a command on the hub's database (create-admin, reset-password, desks) failed, once it had a
 * server at `url` (a running hub's, or one it started): PostgreSQL's refusals in words, as for
 * DATABASE_URL; any other reason as failureLine says it, but not as "the hub did not start".
 */
export function commandFailure(error: unknown, url: string, say: HubSay = english): string {
  if (error instanceof HubSaid || deskOpenSentence(error)) return failureLine(error, say);
  if (DATABASE_REASONS.some((c) => c === codeOf(error))) return databaseFailure(error, url, say);
  return say.tr('command.other', { message: messageOf(error) });
}

/**
 * The sentence of the core's DeskOpenError (a data folder it could not make): by its name, so that
 * this file, read before anything is started, does not load the desk's database module.
 */
function deskOpenSentence(error: unknown): DeskOpenSentence | null {
  return error instanceof Error && error.name === 'DeskOpenError' ? ((error as { sentence?: DeskOpenSentence | null }).sentence ?? null) : null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What a certificate or key file that cannot be used is told: which flag, which file, why. */
export function tlsFileFailure(flag: '--cert' | '--key', file: string, error: unknown, say: HubSay = english): string {
  const code = codeOf(error);
  if (code === 'ENOENT') return say.tr('tls.noFile', { flag, file });
  if (code === 'EACCES') return say.tr('tls.cannotRead', { flag, file });
  if (code === 'EISDIR') return say.tr('tls.folder', { flag, file });
  return say.tr('tls.other', { flag, file, error: messageOf(error) });
}

/** A certificate and key that Node refuses (not PEM, or not a pair). */
export function tlsPairFailure(error: unknown, say: HubSay = english): string | null {
  const message = messageOf(error);
  if (/PEM routines|no start line|bad base64|DECODER routines/i.test(message)) return say.tr('tls.notPem');
  if (/key values mismatch|KEY_VALUES_MISMATCH/i.test(message)) return say.tr('tls.notPair');
  return null;
}
