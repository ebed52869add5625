import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlarm, IconAlertTriangle, IconArrowUp } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { PushPayload } from '../../shared/api';
import { wantsEscalationNotice, wantsSlaNotice } from '../../shared/access';
import type { User } from '../../shared/domain';
import { isOpenState, slaTargetSchema } from '../../shared/ticketMachine';
import { client } from '../client';
import { t, tc } from '../i18n';
import { segmentLabel, slaTargetLabel, tierLabel } from '../labels';
import { currentRoute, hrefOf, navigate, ticketHref, useRoute } from '../route';
import { useSession } from '../session';
import { BURST_ID, burstDestination, closedByChange, closedByRoute, noticeAutoClose, noticeId, noticePriority, replacedBy, type NoticeKind, type OpenNotice } from './noticeRules';

// In-app notices for what needs this person now (the Electron shell adds desktop ones):
// - an SLA warning or breach on a ticket assigned to me;
// - for specialists, a ticket escalated (by a person or by a breach) into my tier and segments;
// - for supervisors, a breach at tier 3, where there is no one left to escalate to.
// Each notice opens its ticket when clicked; the link inside is the keyboard way in. Breaches,
// escalations and warnings stay until dismissed or until their ticket is opened, however it
// is opened (noticeRules.ts says which stays and which closes).

type Warning = PushPayload<'sla.warning'>;
type Change = PushPayload<'ticket.changed'>;

// Who gets which notice is the access module's rule (the desktop notifications ask it too).
export const slaNoticeFor = (user: User, w: Warning): boolean => wantsSlaNotice(user, w);
export const escalationNoticeFor = (user: User, c: Change): boolean => wantsEscalationNotice(user, c);

export function SlaWatch() {
  const { user } = useSession();
  const userRef = useRef(user);
  userRef.current = user;
  const route = useRoute();

  // Opening a ticket (the notice's link, a queue, the palette, back) is seeing its notices.
  useEffect(() => {
    for (const id of closedByRoute(shownNotices.values(), route)) notifications.hide(id);
  }, [route]);

  useEffect(() => {
    const offWarning = client.on('sla.warning', (w) => {
      if (!slaNoticeFor(userRef.current, w)) return;
      const target = slaTargetSchema.safeParse(w.target);
      const targetName = target.success ? slaTargetLabel(target.data) : w.target;
      const mine = w.assigneeId === userRef.current.id;
      show(userRef.current, {
        kind: w.breached ? 'breach' : 'warning',
        ticketId: w.ticketId,
        color: w.breached ? 'red' : 'orange',
        icon: w.breached ? <IconAlertTriangle size={18} /> : <IconAlarm size={18} />,
        title: w.breached ? t('sla.breachedTitle', { number: w.number }) : t('sla.warningTitle', { number: w.number }),
        body: w.breached
          ? mine && w.tier < 3
            ? t('notice.breachedMine', { target: targetName, tier: tierLabel(Math.min(3, w.tier + 1) as 1 | 2 | 3) })
            : t('notice.breachedTop', { target: targetName, segment: segmentLabel(w.segment) })
          : t('notice.atRisk', { target: targetName }),
        link: t('notice.open', { number: w.number }),
        close: t('notice.close', { number: w.number }),
      });
    });
    const offChange = client.on('ticket.changed', (c) => {
      // Resolved, handed on or taken elsewhere: its notices that are no longer true go.
      for (const id of closedByChange(shownNotices.values(), { ticketId: c.ticketId, open: isOpenState(c.state), assigneeId: c.assigneeId }, userRef.current.id)) notifications.hide(id);
      if (!escalationNoticeFor(userRef.current, c)) return;
      show(userRef.current, {
        kind: 'escalation',
        ticketId: c.ticketId,
        color: c.type === 'SLA_BREACH' ? 'red' : 'indigo',
        icon: <IconArrowUp size={18} />,
        title: c.type === 'SLA_BREACH' ? t('notice.breachEscalatedTitle', { number: c.number }) : t('notice.escalatedTitle', { number: c.number }),
        body: t('notice.escalated', { segment: segmentLabel(c.segment), tier: tierLabel(c.tier) }),
        link: t('notice.open', { number: c.number }),
        close: t('notice.close', { number: c.number }),
      });
    });
    return () => {
      offWarning();
      offChange();
    };
  }, []);
  return null;
}

// A burst (a desk catching up after a restart, a test clock jumping hours) would bury the
// screen in notices: after a few within a short window, the rest fold into one summary.
const BURST_WINDOW_MS = 5_000;
const BURST_SHOWN = 3;
let recent: number[] = [];
let folded = 0;
/** The notices shown (or waiting for room), by id: what opening a ticket closes. */
const shownNotices = new Map<string, OpenNotice>();

interface Notice {
  kind: Exclude<NoticeKind, 'burst'>;
  ticketId: string;
  color: string;
  icon: React.ReactNode;
  title: string;
  body: string;
  link: string;
  /** The close button's name: which ticket's notice it closes (four say more than "Close" four times). */
  close: string;
}

function show(user: User, n: Notice): void {
  const at = Date.now();
  recent = recent.filter((x) => at - x < BURST_WINDOW_MS);
  recent.push(at);
  if (recent.length > BURST_SHOWN) {
    folded += 1;
    // Where the folded notices' tickets are: a supervisor's tier-3 breaches are on the board,
    // not on their own list. Following the link is seeing them: the summary goes.
    const destination = burstDestination(user.role);
    const summary = {
      id: BURST_ID,
      color: 'gray',
      icon: <IconAlarm size={18} />,
      title: tc('notice.more', folded),
      message: (
        <Anchor href={hrefOf(destination.route)} size="sm" fw={600} onClick={() => notifications.hide(BURST_ID)}>
          {t(destination.linkKey)}
        </Anchor>
      ),
      autoClose: noticeAutoClose('burst', false),
      priority: noticePriority('burst'),
      onClose: () => {
        folded = 0;
      },
    };
    if (folded === 1) notifications.show(summary);
    else notifications.update(summary);
    return;
  }
  const id = noticeId(n.kind, n.ticketId);
  const notice: OpenNotice = { id, kind: n.kind, ticketId: n.ticketId };
  for (const old of replacedBy(shownNotices.values(), notice)) notifications.hide(old);
  const href = ticketHref(n.ticketId);
  const route = currentRoute();
  const data = {
    id,
    color: n.color,
    icon: n.icon,
    title: n.title,
    autoClose: noticeAutoClose(n.kind, route.name === 'ticket' && route.ticketId === n.ticketId),
    priority: noticePriority(n.kind),
    closeButtonProps: { 'aria-label': n.close },
    style: { cursor: 'pointer' },
    onClick: (e: React.MouseEvent<HTMLDivElement>) => {
      if (e.target instanceof Element && e.target.closest('button')) return; // the close button
      notifications.hide(id);
      navigate(href);
    },
    onClose: () => {
      shownNotices.delete(id);
    },
    message: (
      <>
        <Text size="sm">{n.body}</Text>
        <Anchor href={href} size="sm" fw={600} onClick={(e) => e.stopPropagation()}>
          {n.link}
        </Anchor>
      </>
    ),
  };
  // The same ticket's notice again (escalated once more, a second warning): said anew, in its place.
  if (shownNotices.has(id)) notifications.update(data);
  else notifications.show(data);
  shownNotices.set(id, notice);
}
