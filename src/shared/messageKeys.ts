import type { ApiErrorDetail } from './api';
import { SEGMENTS, type Segment } from './domain';
import { ACTION_PHRASE, STATE_PHRASE } from './ticket';

// The stable name of a refusal or error sentence the desk and the hub say in English, with
// the values it carries, so a window in another language says it in its own words
// (`apiError.<key>` in the renderer's dictionaries). The rules that make these sentences
// (access.ts, the ticket machine, decide()) keep returning plain English, which is what logs,
// the CLI and other clients read; this table reads them back. The desk attaches the key to
// every error it answers with (desk.ts), and a window reads the hub's reason for a sync
// conflict through the same table. A sentence not listed here has no key: a window in
// another language then says the error's general sentence for its code.

const EXACT: Record<string, string> = {
  'That ticket does not exist.': 'ticketNotFound',
  'That customer does not exist.': 'customerNotFound',
  'That customer no longer exists.': 'customerNotFound',
  'That system no longer exists.': 'assetNotFound',
  'That system does not exist.': 'assetNotFound',
  'No such person on this desk.': 'userNotFound',
  'Sign in first.': 'signInFirst',
  'Only supervisors can see this.': 'supervisorsOnly',
  'Only admins can change SLA policies and calendars.': 'adminsOnly',
  'This ticket belongs to a segment you do not work.': 'segmentTicket',
  'This customer belongs to a segment you do not work.': 'segmentCustomer',
  'This ticket changed while you were looking at it. Review the latest version and try again.': 'ticketChanged',
  'That system belongs to another customer.': 'assetOfOther',
  'Choose an active person to assign.': 'assigneeInactive',
  'That ticket already exists.': 'ticketExists',
  'SLA events come from the scheduler, not from people.': 'slaFromScheduler',
  'Only the SLA scheduler sends this.': 'slaFromScheduler',
  'Admins manage settings; they do not work tickets.': 'adminsNoTickets',
  'Someone is already working this ticket.': 'alreadyTaken',
  'Only the person working this ticket, or a supervisor, can do that. Take it first.': 'notHolder',
  'Only a supervisor can do that.': 'supervisorOnlyAction',
  'Only specialists and admins write knowledge-base articles.': 'articleWriters',
  'Only supervisors and admins import satisfaction scores.': 'csatImporters',
  'Tier 3 is the last tier; there is no one to escalate to.': 'lastTier',
  'Write a note: the next person needs to know what happened.': 'noteNeeded',
  'Choose who should work the ticket.': 'chooseAssignee',
};

const tierOf = (phrase: string): number => (phrase === 'first line (tier 1)' ? 1 : Number(phrase.replace('tier ', '')));
const segmentOf = (name: string): Segment | null => SEGMENTS.find((s) => s.replace('_', ' ') === name) ?? null;
const reverse = <K extends string>(table: Record<K, string>) => new Map(Object.entries(table).map(([k, v]) => [v as string, k as K]));
const stateOf = reverse(STATE_PHRASE);
const actionOf = reverse(ACTION_PHRASE);
const TIER = '(first line \\(tier 1\\)|tier [123])';

type Reader = (m: RegExpExecArray) => ApiErrorDetail | null;
const PATTERNS: Array<[RegExp, Reader]> = [
  [/^([\s\S]+) does not work tier ([123]) of this segment\.$/, (m) => ({ key: 'assigneeTier', params: { name: m[1]!, tier: Number(m[2]) } })],
  [/^([\s\S]+) is not active on this desk\.$/, (m) => ({ key: 'personInactive', params: { name: m[1]! } })],
  [
    /^You do not work the ([a-z ]+) segment\.$/,
    (m) => {
      const segment = segmentOf(m[1]!);
      return segment ? { key: 'notYourSegment', params: { segment } } : null;
    },
  ],
  [new RegExp(`^This ticket is at ${TIER}; you work at ${TIER}\\.$`), (m) => ({ key: 'otherTier', params: { ticketTier: tierOf(m[1]!), yourTier: tierOf(m[2]!) } })],
  [/^The reopen window \((\d+) days after resolving\) has passed; open a new ticket\.$/, (m) => ({ key: 'reopenWindowPassed', params: { days: Number(m[1]) } })],
  [
    /^A ticket that is ([\s\S]+?) cannot be ([\s\S]+?)\.(?: [\s\S]*)?$/,
    (m) => {
      const state = stateOf.get(m[1]!);
      const action = actionOf.get(m[2]!);
      return state && action ? { key: 'stateRefuses', params: { state, action } } : null;
    },
  ],
];

/** Every key messageDetail() can give: each needs its sentence in every dictionary. */
export const MESSAGE_KEYS: readonly string[] = [...new Set([...Object.values(EXACT), 'assigneeTier', 'personInactive', 'notYourSegment', 'otherTier', 'reopenWindowPassed', 'stateRefuses'])];

/** The key and values of a sentence the desk or the hub says; null for any other. */
export function messageDetail(message: string): ApiErrorDetail | null {
  // The hub says some of them after "Refused: ".
  if (message.startsWith('Refused: ')) return messageDetail(message.slice('Refused: '.length));
  const exact = EXACT[message];
  if (exact) return { key: exact };
  for (const [pattern, read] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return read(m);
  }
  return null;
}
