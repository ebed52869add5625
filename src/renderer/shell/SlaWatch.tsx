import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlarm, IconAlertTriangle, IconArrowBackUp, IconArrowDown, IconArrowUp, IconCircleCheck, IconHash, IconRefresh, IconUserShare } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { PushPayload } from '../../shared/api';
import { isHandoverType, wantsEscalationNotice, wantsHandoverNotice, wantsResolvedNotice, wantsReturnedNotice, wantsSlaNotice } from '../../shared/access';
import type { User } from '../../shared/domain';
import { isOpenState, slaTargetSchema } from '../../shared/ticketMachine';
import { client } from '../client';
import { localeState, subscribeLocale, t, tc } from '../i18n';
import { segmentLabel, slaTargetLabel, tierLabel } from '../labels';
import { currentRoute, hrefOf, navigate, ticketHref, useRoute } from '../route';
import { useSession } from '../session';
import { applyUserLocale } from '../language';
import { checkKept, foldedAbout, foldedCount, isOpen, keepFor, noteClosed, noteFolded, noteOpen, openKept, openNotices, shownNoticeIds, takeKept } from './leaveNotices';
import { BURST_SHOWN, foldAboutOf, noticesShownFor, foldTitle, handoverBy, type FoldAbout, type NoticeSource } from './keptNotices';
import { desktopSide, notifyDesktop } from './desktopNotice';
import { saidAnewIds } from './saidAnew';
import { BURST_ID, burstDestination, handoverBody, closedByChange, closedByLanguage, closedByRoute, noticeAutoClose, noticeId, noticePriority, replacedBy, type OpenNotice } from './noticeRules';

// In-app notices for what needs this person now (under Electron, the same words on the desktop
// while the window is not in front: desktopNotice.ts):
// - an SLA warning or breach on a ticket assigned to me;
// - for specialists, a ticket escalated (by a person or by a breach) into my tier and segments;
//   for those who work a queue, a ticket handed back down or reopened into it, unassigned (the
//   one who held it there no longer may);
// - for supervisors, a breach at tier 3, where there is no one left to escalate to;
// - a ticket handed to me by someone else: back down to me, reopened while I hold it, or
//   assigned to me by a supervisor (here, or on another desk through the hub: the same push);
// - a ticket I escalated (held at a lower tier) resolved by someone else: who, and how (here,
//   or on another desk through the hub; told once: the hub's echo of a step carries no news);
// - a ticket I opened or hold that took a new number when it reached the hub (another desk
//   had given its number first): the caller may have been given the old one.
// Each notice opens its ticket when clicked; the link inside is the keyboard way in. Breaches,
// escalations and warnings stay until dismissed or until their ticket is opened, however it
// is opened (noticeRules.ts says which stays and which closes).

type Warning = PushPayload<'sla.warning'>;
type Change = PushPayload<'ticket.changed'>;

// Who gets which notice is the access module's rule (the desktop notifications ask it too).
export const slaNoticeFor = (user: User, w: Warning): boolean => wantsSlaNotice(user, w);
export const escalationNoticeFor = (user: User, c: Change): boolean => wantsEscalationNotice(user, c);
export const handoverNoticeFor = (user: User, c: Change): boolean => wantsHandoverNotice(user, c);
export const resolvedNoticeFor = (user: User, c: Change): boolean => wantsResolvedNotice(user, c);
export const returnedNoticeFor = (user: User, c: Change): boolean => wantsReturnedNotice(user, c);

export function SlaWatch() {
  const { user } = useSession();
  const userRef = useRef(user);
  userRef.current = user;
  const route = useRoute();

  // Opening a ticket (the notice's link, a queue, the palette, back) is seeing its notices.
  useEffect(() => {
    for (const id of closedByRoute(openNotices(), route)) notifications.hide(id);
  }, [route]);

  // Someone else had the window: what was still open for this person comes back, said anew in
  // their language (applied first), newest first, the rest folded into the summary; but only
  // what is still true: its tickets are asked where they stand now (one call for all, no page
  // opened), and a notice about a ticket resolved, taken or no longer at risk meanwhile is
  // dropped (keptNotices.ts, stillWorthShowing). If the desk does not answer, all come back.
  useEffect(() => {
    let live = true;
    const userId = user.id;
    void applyUserLocale(userId).then(async () => {
      if (!live) return;
      const back = await checkKept(userId, takeKept(userId), (ticketIds) => client.call('tickets.states', { ticketIds }), () => live, noticesShownFor(window.innerWidth));
      // They left again while it was checked: kept for next time.
      if (!back) return;
      // The screen was cleared when they left: what comes back is no burst of arrivals (the
      // plan already folded all but the newest few).
      recent = [];
      for (const kept of back.shown) show(userRef.current, kept.source, kept.at);
      if (back.more > 0) showSummary(userRef.current, back.more, back.moreAbout, true);
    });
    // A reload signs the same person back in: what is open now comes back then.
    const keep = () => keepFor(userId);
    window.addEventListener('pagehide', keep);
    return () => {
      live = false;
      window.removeEventListener('pagehide', keep);
    };
  }, [user.id]);

  // A language (or digits) switch: a notice's words were fixed when it was shown. The others
  // ("Nadia Karimi saved.") close; this person's notices, the summary and the notices that
  // stay until closed (saidAnew.ts) are said anew.
  useEffect(() => {
    let said = localeState().formatLocale;
    return subscribeLocale(() => {
      const now = localeState().formatLocale;
      if (now === said) return;
      said = now;
      resayNotices(userRef.current);
    });
  }, []);

  useEffect(() => {
    const offWarning = client.on('sla.warning', (w) => {
      if (!slaNoticeFor(userRef.current, w)) return;
      show(userRef.current, { kind: w.breached ? 'breach' : 'warning', ticketId: w.ticketId, number: w.number, target: w.target, tier: w.tier, segment: w.segment, mine: w.assigneeId === userRef.current.id });
    });
    const offChange = client.on('ticket.changed', (c) => {
      // Resolved, handed on or taken elsewhere: its notices that are no longer true go.
      for (const id of closedByChange(openNotices(), { ticketId: c.ticketId, open: isOpenState(c.state), assigneeId: c.assigneeId }, userRef.current.id)) notifications.hide(id);
      if (resolvedNoticeFor(userRef.current, c) && c.step) {
        show(userRef.current, { kind: 'resolved', ticketId: c.ticketId, number: c.number, by: c.step.actorName, note: c.step.note, ...(c.step.code ? { code: c.step.code } : {}) });
        return;
      }
      if (returnedNoticeFor(userRef.current, c) && c.step) {
        const to = c.type === 'ASSIGN' && c.step.toName ? { to: c.step.toName } : {};
        show(userRef.current, { kind: 'returned', ticketId: c.ticketId, number: c.number, tier: c.tier, segment: c.segment, by: { name: c.step.actorName, note: c.step.note }, ...to });
        return;
      }
      if (handoverNoticeFor(userRef.current, c) && isHandoverType(c.type)) {
        // Who did it and why; the same step told again without its news (the hub's echo of this desk's step): still said with who and what.
        const by = handoverBy(openKept(), c);
        show(userRef.current, { kind: 'handover', ticketId: c.ticketId, number: c.number, how: c.type, tier: c.tier, segment: c.segment, ...(by ? { by } : {}) });
        return;
      }
      if (!escalationNoticeFor(userRef.current, c)) return;
      const back = c.type === 'DEESCALATE' || c.type === 'REOPEN' || c.type === 'RETURN_TO_QUEUE' ? { back: c.type as 'DEESCALATE' | 'REOPEN' | 'RETURN_TO_QUEUE' } : {};
      show(userRef.current, { kind: 'escalation', ticketId: c.ticketId, number: c.number, bySla: c.type === 'SLA_BREACH', ...back, tier: c.tier, segment: c.segment });
    });
    // Only its author and its holder are told (the desk pushes to them alone).
    const offRenumbered = client.on('sync.renumbered', (r) => show(userRef.current, { kind: 'renumbered', ticketId: r.ticketId, number: r.to, from: r.from }));
    return () => {
      offWarning();
      offChange();
      offRenumbered();
    };
  }, []);
  return null;
}

// A burst (a desk catching up after a restart, a test clock jumping hours) would bury the
// screen in notices: after a few within a short window, the rest fold into one summary.
const BURST_WINDOW_MS = 5_000;
let recent: number[] = [];

interface Notice {
  color: string;
  icon: React.ReactNode;
  title: string;
  body: string;
  link: string;
  /** The close button's name: which ticket's notice it closes (four say more than "Close" four times). */
  close: string;
}

/** A notice's title, in the language of the moment (the command palette names the notice by it). */
export const noticeTitle = (s: NoticeSource): string => noticeOf(s).title;

/** Opens the ticket a notice is about, as its link does: the notice closes. */
export function followNotice(s: NoticeSource): void {
  notifications.hide(noticeId(s.kind, s.ticketId));
  navigate(ticketHref(s.ticketId));
}

/** What a notice says, in the language of the moment. */
function noticeOf(s: NoticeSource): Notice {
  if (s.kind === 'renumbered') {
    return {
      color: 'yellow',
      icon: <IconHash size={18} />,
      title: t('notice.renumbered', { from: s.from, number: s.number }),
      body: t('notice.renumberedBody', { from: s.from }),
      link: t('notice.open', { number: s.number }),
      close: t('notice.close', { number: s.number }),
    };
  }
  if (s.kind === 'escalation') {
    return {
      color: s.bySla ? 'red' : 'indigo',
      icon: s.back === 'DEESCALATE' ? <IconArrowDown size={18} /> : s.back === 'REOPEN' ? <IconRefresh size={18} /> : s.back === 'RETURN_TO_QUEUE' ? <IconArrowBackUp size={18} /> : <IconArrowUp size={18} />,
      title: s.back
        ? t(`notice.toQueue.${s.back}`, { number: s.number })
        : s.bySla
          ? t('notice.breachEscalatedTitle', { number: s.number })
          : t('notice.escalatedTitle', { number: s.number }),
      body: t('notice.escalated', { segment: segmentLabel(s.segment), tier: tierLabel(s.tier) }),
      link: t('notice.open', { number: s.number }),
      close: t('notice.close', { number: s.number }),
    };
  }
  if (s.kind === 'resolved') {
    const how = s.code ? t(`resolution.${s.code}`) : '';
    return {
      color: 'green',
      icon: <IconCircleCheck size={18} />,
      title: t('notice.resolvedTitle', { number: s.number, name: s.by }),
      body: how && s.note ? t('notice.resolvedBody', { code: how, note: s.note }) : how || s.note,
      link: t('notice.open', { number: s.number }),
      close: t('notice.close', { number: s.number }),
    };
  }
  if (s.kind === 'returned' && s.to !== undefined) {
    return {
      color: 'gray',
      icon: <IconUserShare size={18} />,
      title: t('notice.reassigned', { number: s.number, name: s.by.name, to: s.to }),
      body: s.by.note ? t('notice.reassignedBody', { note: s.by.note }) : t('notice.reassignedBodyNoNote'),
      link: t('notice.open', { number: s.number }),
      close: t('notice.close', { number: s.number }),
    };
  }
  if (s.kind === 'returned') {
    const where = { segment: segmentLabel(s.segment), tier: tierLabel(s.tier) };
    return {
      color: 'gray',
      icon: <IconArrowBackUp size={18} />,
      title: t('notice.returned', { number: s.number, name: s.by.name }),
      body: s.by.note ? t('notice.returnedBody', { note: s.by.note, ...where }) : t('notice.returnedBodyNoNote', where),
      link: t('notice.open', { number: s.number }),
      close: t('notice.close', { number: s.number }),
    };
  }
  if (s.kind === 'handover') {
    const where = { segment: segmentLabel(s.segment), tier: tierLabel(s.tier) };
    const by = handoverBody(s.how, s.by);
    return {
      color: 'teal',
      icon: s.how === 'DEESCALATE' ? <IconArrowDown size={18} /> : s.how === 'REOPEN' ? <IconRefresh size={18} /> : <IconUserShare size={18} />,
      title: t(`notice.handover.${s.how}`, { number: s.number }),
      body: by ? t(by.key, { ...by.vars, ...where }) : t('notice.handoverBody', where),
      link: t('notice.open', { number: s.number }),
      close: t('notice.close', { number: s.number }),
    };
  }
  const breached = s.kind === 'breach';
  const target = slaTargetSchema.safeParse(s.target);
  const targetName = target.success ? slaTargetLabel(target.data) : s.target;
  return {
    color: breached ? 'red' : 'orange',
    icon: breached ? <IconAlertTriangle size={18} /> : <IconAlarm size={18} />,
    title: breached ? t('sla.breachedTitle', { number: s.number }) : t('sla.warningTitle', { number: s.number }),
    body: breached
      ? s.mine && s.tier < 3
        ? t('notice.breachedMine', { target: targetName, tier: tierLabel(Math.min(3, s.tier + 1) as 1 | 2 | 3) })
        : t('notice.breachedTop', { target: targetName, segment: segmentLabel(s.segment) })
      : t('notice.atRisk', { target: targetName }),
    link: t('notice.open', { number: s.number }),
    close: t('notice.close', { number: s.number }),
  };
}

/** Shows a notice about `source` (`shownAt`: when it was first shown, for one coming back). */
function show(user: User, source: NoticeSource, shownAt?: number): void {
  const at = Date.now();
  recent = recent.filter((x) => at - x < BURST_WINDOW_MS);
  recent.push(at);
  const n = noticeOf(source);
  const id = noticeId(source.kind, source.ticketId);
  const notice: OpenNotice = { id, kind: source.kind, ticketId: source.ticketId };
  const replaced = replacedBy(openNotices(), notice);
  // A burst folds after the first few; a narrow window (a split screen) shows one notice at a
  // time, the others (arrived together or not) folded into the summary, so the page stays readable.
  const shown = noticesShownFor(window.innerWidth);
  const others = openNotices().filter((o) => o.id !== id && !replaced.includes(o.id)).length;
  if (recent.length > shown || (shown < BURST_SHOWN && others >= shown)) {
    showSummary(user, 1, foldAboutOf(source));
    return;
  }
  for (const old of replaced) notifications.hide(old);
  const data = noticeData(source);
  // The same ticket's notice again (escalated once more, a second warning): said anew, in its place.
  if (isOpen(id)) notifications.update(data);
  else notifications.show(data);
  noteOpen(id, { at: shownAt ?? at, source });
  // A notice coming back at sign-in is no news to send to the desktop.
  if (shownAt === undefined) notifyDesktop({ title: n.title, body: n.body }, desktopSide());
}

/** The language changed: this person's notices and those that stay until closed are said anew in it; the others close. */
function resayNotices(user: User): void {
  const summary = foldedCount() > 0;
  const resaid = [...openNotices().map((n) => n.id), ...(summary ? [BURST_ID] : []), ...saidAnewIds()];
  for (const id of closedByLanguage(shownNoticeIds(), resaid)) notifications.hide(id);
  for (const { source } of openKept()) notifications.update(noticeData(source));
  if (summary) notifications.update(summaryData(user, foldedCount()));
  // Those that stay until closed are said anew by saidAnew.ts itself, which listens for the switch on its own.
}

/** A notice about `source`, in the language of the moment. */
function noticeData(source: NoticeSource) {
  const n = noticeOf(source);
  const id = noticeId(source.kind, source.ticketId);
  const href = ticketHref(source.ticketId);
  const route = currentRoute();
  return {
    id,
    color: n.color,
    icon: n.icon,
    title: n.title,
    autoClose: noticeAutoClose(source.kind, route.name === 'ticket' && route.ticketId === source.ticketId),
    priority: noticePriority(source.kind),
    closeButtonProps: { 'aria-label': n.close },
    style: { cursor: 'pointer' },
    onClick: (e: React.MouseEvent<HTMLDivElement>) => {
      if (e.target instanceof Element && e.target.closest('button')) return; // the close button
      notifications.hide(id);
      navigate(href);
    },
    onClose: () => noteClosed(id),
    message: (
      <>
        <Text size="sm">{n.body}</Text>
        <Anchor href={href} size="sm" fw={600} onClick={(e) => e.stopPropagation()}>
          {n.link}
        </Anchor>
      </>
    ),
  };
}

/** The burst summary: `count` more notices fold into it (shown, or said anew with the new count). */
function showSummary(user: User, count: number, about: FoldAbout | null, comingBack = false): void {
  const folded = foldedCount() + count;
  noteFolded(folded, about);
  const summary = summaryData(user, folded);
  if (folded === count) notifications.show(summary);
  else notifications.update(summary);
  // On the desktop, once a burst: a summary said anew at every fold would be a burst itself.
  const destination = burstDestination(user.role, foldedAbout());
  if (folded === count && !comingBack) notifyDesktop({ title: summaryTitle(folded), body: t(destination.linkKey) }, desktopSide());
}

function summaryIcon(kind: FoldAbout['kind'] | undefined) {
  if (kind === 'returned') return <IconArrowBackUp size={18} />;
  if (kind === 'reassigned') return <IconUserShare size={18} />;
  return <IconAlarm size={18} />;
}

/** What the summary says: how many more, and what they are (tickets returned by one person, …). */
function summaryTitle(folded: number): string {
  const { base, vars } = foldTitle(foldedAbout());
  return tc(base, folded, vars);
}

/** The burst summary for `folded` notices, in the language of the moment. */
function summaryData(user: User, folded: number) {
  // Where the folded notices' tickets are: a supervisor's tier-3 breaches are on the board,
  // not on their own list. Following the link is seeing them: the summary goes.
  const destination = burstDestination(user.role, foldedAbout());
  return {
    id: BURST_ID,
    color: 'gray',
    // What it folds: the hand-over's arrow for tickets returned or handed on, the alarm otherwise.
    icon: summaryIcon(foldedAbout()?.kind),
    title: summaryTitle(folded),
    message: (
      <Anchor href={hrefOf(destination.route)} size="sm" fw={600} onClick={() => notifications.hide(BURST_ID)}>
        {t(destination.linkKey)}
      </Anchor>
    ),
    autoClose: noticeAutoClose('burst', false),
    priority: noticePriority('burst'),
    onClose: () => noteFolded(0),
  };
}
