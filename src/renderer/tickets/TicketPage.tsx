import { Anchor, Box, Button, Grid, Group, Paper, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlarm,
  IconArrowBackUp,
  IconArrowDown,
  IconArrowForwardUp,
  IconArrowUp,
  IconCheck,
  IconCircleDot,
  IconFlag,
  IconHandGrab,
  IconLock,
  IconMessageReply,
  IconNote,
  IconPlayerPause,
  IconRefresh,
  IconUserShare,
} from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { TicketDetail, TimelineEntry } from '../../shared/api';
import { escalationReasonSchema, prioritySchema, resolutionCodeSchema, type Channel } from '../../shared/domain';
import { slaTargetSchema } from '../../shared/ticketMachine';
import { PriorityBadge, SegmentBadge, ServiceLevelBadge, StateBadge, TierBadge, WarrantyBadge } from '../badges';
import { call, problemOf, useCall, useNow } from '../backend';
import { useSessionValue } from '../drafts';
import { formatDateTime, formatRelative, t } from '../i18n';
import { channelLabel, eventLabel, formatPhone, productName, priorityLabel, reasonLabel, resolutionLabel, slaTargetLabel, tierLabel, personName } from '../labels';
import { FailedPage, Muted, PageLoading, Section } from '../page';
import { LazyHint } from '../LazyHint';
import { customerHref, navigate, ticketHref } from '../route';
import { startFollowUp } from '../customer/followUp';
import { sayMessage } from '../sayMessage';
import { actionLabel } from './actionHelp';
import { dueFact, dueText } from '../sla/countdown';
import { SlaBadge } from '../sla/SlaBadge';
import { TicketKnowledge } from '../kb/TicketKnowledge';
import { ActionDialog, type DialogAction } from './ActionDialog';
import { PALETTE_TICKET_ACTIONS } from '../shell/paletteTicket';
import { SlaTrace } from './SlaTrace';
import { TicketPresence } from '../sync/presence';
import { movesOf, newestFirst, type Move } from './timelineMoves';
import { handoverOf, reopeningOf, resolutionOf, type Handover, type Reopening, type Resolution } from './handover';
import { FROM_TICKET } from '../customer/systemMark';
import classes from './TicketPage.module.css';

// One ticket: what it is, where it stands, everything that happened, and exactly the
// actions the machine allows this person now (detail.allowed); nothing else is offered.

/** The action bar's order: the palette's "This ticket" commands follow it too (paletteTicket.ts). */
const ACTION_ORDER: readonly (DialogAction | 'TAKE')[] = PALETTE_TICKET_ACTIONS;

const ACTION_ICON: Record<DialogAction | 'TAKE', ReactNode> = {
  TAKE: <IconHandGrab size={16} />,
  RESOLVE: <IconCheck size={16} />,
  ESCALATE: <IconArrowUp size={16} />,
  DEESCALATE: <IconArrowDown size={16} />,
  WAIT_ON_CUSTOMER: <IconPlayerPause size={16} />,
  CUSTOMER_REPLIED: <IconMessageReply size={16} />,
  ADD_NOTE: <IconNote size={16} />,
  ASSIGN: <IconUserShare size={16} />,
  RETURN_TO_QUEUE: <IconArrowBackUp size={16} />,
  CHANGE_PRIORITY: <IconFlag size={16} />,
  REOPEN: <IconRefresh size={16} />,
  CLOSE: <IconLock size={16} />,
};

export function TicketPage({ ticketId }: { ticketId: string }) {
  const detail = useCall('tickets.get', { ticketId }, { live: (c) => c.ticketId === ticketId, slaSettings: true });
  if (detail.problem && !detail.data) return <FailedPage page={t('ticket.pageName')} problem={detail.problem} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <PageLoading />;
  return <TicketView detail={detail.data} refetch={detail.refetch} show={detail.show} />;
}

function TicketView({ detail, refetch, show }: { detail: TicketDetail; refetch: () => Promise<void>; show: (next: TicketDetail) => void }) {
  const { ticket, customer, asset } = detail;
  const now = useNow();
  const [openAction, setOpenAction] = useSessionValue(`act.${ticket.id}.open`);
  const [taking, setTaking] = useState(false);
  const allowed = ACTION_ORDER.filter((a) => detail.allowed.includes(a));
  const dialog = ACTION_ORDER.find((a): a is DialogAction => a !== 'TAKE' && a === openAction) ?? null;

  // Taken with the Take button, the keyboard goes on to what she can do with it now (the
  // action bar's first button): the button was gone and focus fell back to the heading, so she
  // Tabbed down again to Resolve or Escalate.
  const actionBar = useRef<HTMLElement>(null);
  const [toActions, setToActions] = useState(false);
  useEffect(() => {
    if (!toActions) return;
    setToActions(false);
    actionBar.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [toActions]);

  // Escalated from its button, the same: the button is gone with the ticket's tier (and the
  // dialog with it), and focus fell to the heading, one Tab further from the action bar than
  // after Take. Opened from the palette, focus is left to the page's own rules, as Take's is.
  const openedFromBar = useRef(false);

  const take = async () => {
    setTaking(true);
    const fromBar = actionBar.current?.contains(document.activeElement) ?? false;
    try {
      // The action answers with the ticket's page as it now stands: shown without asking again.
      show({ ...detail, ...(await call('tickets.act', { ticketId: ticket.id, command: { type: 'TAKE' }, expectedSeq: ticket.seq })) });
      if (fromBar) setToActions(true);
      notifications.show({ color: 'teal', message: t('act.done.TAKE', { number: ticket.number }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('act.failedTitle'), message: problemOf(error).message });
      await refetch();
    } finally {
      setTaking(false);
    }
  };

  // The palette's "Take this ticket" asks through the same remembered value as its dialogs.
  const takeAsked = openAction === 'TAKE';
  useEffect(() => {
    if (!takeAsked) return;
    setOpenAction(null);
    if (allowed.includes('TAKE')) void take();
  }, [takeAsked]); // once per ask: take() and allowed are this render's

  return (
    <Stack gap="md">
      <Box>
        <Text size="xs" c="dimmed" fw={600} mb={4}>
          <Anchor href={customerHref(customer.id, asset?.id ?? null, asset ? FROM_TICKET : null)} size="xs" fw={600}>
            <bdi>{customer.name}</bdi>
          </Anchor>
          {asset ? (
            <Text span size="xs" ff="monospace" c="dimmed">
              {'  ·  '}
              {asset.serviceTag}
            </Text>
          ) : null}
        </Text>
        {/* The number and the subject side by side, each laid out on its own: the number whole
            (it broke at its hyphen), the subject wrapping in its own column in its own direction.
            Inline, a Latin subject on a Persian page wrapped round the number at 420 px. */}
        <Title order={1} fz={{ base: 20, md: 24 }} lh={1.3} className={classes.ticketTitle}>
          <Text component="bdi" inherit ff="monospace" c="dimmed" fw={600} dir="ltr" className={classes.ticketNumber} data-part="number">
            {ticket.number}
          </Text>{' '}
          <bdi dir="auto" className={classes.ticketSubject} data-part="subject">
            {ticket.subject}
          </bdi>
        </Title>
        <Group gap={6} mt={10}>
          <StateBadge state={ticket.state} size="md" />
          <TierBadge tier={ticket.tier} size="md" />
          <PriorityBadge priority={ticket.priority} size="md" />
          {/* No margin of its own: the group's gap spaces it from the badges, and wrapped under them
              (a narrow window) it starts where they start, not 6 px further in. */}
          <Text size="sm" c="dimmed">
            {ticket.assigneeName ? t('ticket.assignedTo', { name: personName(ticket.assigneeName) }) : t('tickets.unassigned')}
          </Text>
        </Group>
        <TicketLinks detail={detail} />
        <TicketPresence ticketId={ticket.id} />
        {ticket.sla && ticket.sla.status !== 'none' && (
          <Group gap="xs" mt={8} aria-label={t('ticket.slaLabel')} role="group">
            <SlaBadge sla={ticket.sla} dueAt={ticket.dueAt} size="md" withDetail />
          </Group>
        )}
      </Box>

      <HandoverNote detail={detail} now={now} />

      <Paper ref={actionBar} withBorder radius="md" p="sm" component="section" aria-label={t('ticket.actions')}>
        {allowed.length === 0 ? (
          <Muted>{t('ticket.noActions')}</Muted>
        ) : (
          <Group gap="xs">
            {allowed.map((a) =>
              a === 'TAKE' ? (
                <Button key={a} leftSection={ACTION_ICON[a]} onClick={() => void take()} loading={taking}>
                  {t('action.TAKE')}
                </Button>
              ) : (
                <Button
                  key={a}
                  leftSection={ACTION_ICON[a]}
                  variant={a === 'RESOLVE' ? 'filled' : a === 'ESCALATE' ? 'light' : 'default'}
                  color={a === 'RESOLVE' ? 'teal' : a === 'ESCALATE' ? 'orange' : undefined}
                  onClick={() => {
                    openedFromBar.current = true;
                    setOpenAction(a);
                  }}
                >
                  {actionLabel(a, ticket.channel)}
                </Button>
              ),
            )}
          </Group>
        )}
        {detail.reopenRefused && (
          // Past the reopen window: why Reopen is not here (the machine's refusal), and the way on.
          <Stack gap={6} mt={allowed.length > 0 ? 'sm' : 6} data-testid="reopen-refused">
            <Text size="sm">{sayMessage(detail.reopenRefused)}</Text>
            <div>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconArrowForwardUp size={16} />}
                onClick={() => {
                  startFollowUp(customer.id, asset?.id ?? null, { id: ticket.id, number: ticket.number });
                  navigate(customerHref(customer.id, asset?.id ?? null));
                }}
              >
                {t('ticket.followUp', { number: ticket.number })}
              </Button>
            </div>
          </Stack>
        )}
      </Paper>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Section title={t('ticket.description')} id="description">
              {ticket.description.trim() ? (
                <Text size="sm" className={classes.prose} dir="auto">
                  {ticket.description}
                </Text>
              ) : (
                <Muted>{t('ticket.noDescription')}</Muted>
              )}
            </Section>
            <TicketKnowledge detail={detail} />
            {detail.sla && (
              <Section title={t('slaTrace.title')} id="ticket-sla">
                <SlaTrace sla={detail.sla} />
              </Section>
            )}
            <Section title={t('ticket.timeline')} id="timeline">
              <TicketTimeline entries={detail.timeline} now={now} sla={ticket.sla} channel={ticket.channel} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <Section title={t('ticket.customer')} id="ticket-customer">
              <Stack gap={6}>
                <Anchor href={customerHref(customer.id, asset?.id ?? null, asset ? FROM_TICKET : null)} fw={600}>
                  <bdi>{customer.name}</bdi>
                </Anchor>
                <Group gap={6}>
                  <SegmentBadge segment={customer.segment} />
                  <ServiceLevelBadge level={customer.serviceLevel} />
                </Group>
                {customer.phone && (
                  <Text size="sm">
                    <bdi dir="ltr">{formatPhone(customer.phone)}</bdi>
                  </Text>
                )}
                {customer.email && (
                  <Text size="sm" c="dimmed" truncate dir="ltr" className="own-direction">
                    {customer.email}
                  </Text>
                )}
              </Stack>
            </Section>
            <Section title={t('ticket.system')} id="ticket-system">
              {asset ? (
                <Stack gap={6}>
                  <Group gap={8}>
                    <Text ff="monospace" fw={700}>
                      {asset.serviceTag}
                    </Text>
                    <Text ff="monospace" size="xs" c="dimmed">
                      {asset.expressCode}
                    </Text>
                  </Group>
                  <Text size="sm">
                    {productName(asset)}
                  </Text>
                  <Group gap={6}>
                    {/* Isolated as on the 360° view: "ProSupport Plus" keeps its order beside Persian. */}
                    <Text size="sm" c="dimmed" component="bdi">
                      {asset.warrantyLevel}
                    </Text>
                    <WarrantyBadge status={asset.warrantyStatus} daysLeft={asset.daysLeft} />
                  </Group>
                </Stack>
              ) : (
                <Muted>{t('ticket.noSystem')}</Muted>
              )}
            </Section>
            <Section title={t('ticket.details')} id="ticket-details">
              <dl className={classes.facts}>
                <dt>{t('ticket.channel')}</dt>
                <dd>{channelLabel(ticket.channel)}</dd>
                <dt>{t('ticket.created')}</dt>
                <dd>{formatDateTime(ticket.createdAt)}</dd>
                <dt>{t('ticket.updated')}</dt>
                <dd>{formatDateTime(ticket.updatedAt)}</dd>
                <dt>{ticket.sla?.target ? t('ticket.targetDue', { target: slaTargetLabel(ticket.sla.target) }) : t('ticket.dueAt')}</dt>
                <dd>{dueFact(ticket.dueAt, ticket.sla)}</dd>
              </dl>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>

      {dialog && (
        <ActionDialog
          key={dialog}
          action={dialog}
          detail={detail}
          onClose={() => {
            openedFromBar.current = false;
            setOpenAction(null);
          }}
          onConflict={() => void refetch()}
          onDone={(next) => {
            if (dialog === 'ESCALATE' && openedFromBar.current) setToActions(true);
            openedFromBar.current = false;
            setOpenAction(null);
            // The customer and the system are as shown: an action changes neither.
            show({ ...detail, ...next });
          }}
        />
      )}
    </Stack>
  );
}

/**
 * At the top of an escalated, handed-back or reopened ticket: who sent it to this tier (or
 * reopened it), why, and their note, where the person taking it over looks first.
 */
function HandoverNote({ detail, now }: { detail: TicketDetail; now: number }) {
  const handover = useMemo(() => handoverOf(detail.timeline, detail.ticket), [detail.timeline, detail.ticket]);
  const reopening = useMemo(() => reopeningOf(detail.timeline, detail.ticket), [detail.timeline, detail.ticket]);
  const resolution = useMemo(() => resolutionOf(detail.timeline, detail.ticket), [detail.timeline, detail.ticket]);
  if (resolution) {
    // Resolved or closed: how, at the top, where the agent a customer calls back looks first.
    return (
      <Paper withBorder radius="md" p="sm" component="section" aria-label={t('resolved.label')} className={classes.handover} data-kind="RESOLVE">
        <ResolutionLine resolution={resolution} now={now} />
      </Paper>
    );
  }
  if (!handover && !reopening) return null;
  const kind = reopening ? 'REOPEN' : handover?.kind;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label={t('handover.label')} className={classes.handover} data-kind={kind}>
      <Stack gap="sm">
        {reopening && <ReopeningLine reopening={reopening} now={now} />}
        {handover && <HandoverLine handover={handover} now={now} />}
      </Stack>
    </Paper>
  );
}

function HandoverLine({ handover: h, now }: { handover: Handover; now: number }) {
  const title =
    h.kind === 'SLA_BREACH' ? t('handover.SLA_BREACH', { tier: tierLabel(h.tier) }) : t(`handover.${h.kind}`, { tier: tierLabel(h.tier), name: personName(h.actorName) });
  const facts = [h.reason ? t('timeline.reason', { reason: reasonLabel(h.reason) }) : null, h.target ? t('timeline.target', { target: slaTargetLabel(h.target) }) : null].filter(
    (f): f is string => f !== null,
  );
  const icon = h.kind === 'DEESCALATE' ? <IconArrowDown size={14} /> : h.kind === 'SLA_BREACH' ? <IconAlarm size={14} /> : <IconArrowUp size={14} />;
  return <HandoverItem icon={icon} color={h.kind === 'DEESCALATE' ? 'gray' : h.kind === 'SLA_BREACH' ? 'red' : 'orange'} title={title} at={h.at} now={now} facts={facts} note={h.note} />;
}

function ReopeningLine({ reopening: r, now }: { reopening: Reopening; now: number }) {
  return <HandoverItem icon={<IconArrowBackUp size={14} />} color="blue" title={t('handover.REOPEN', { name: personName(r.actorName) })} at={r.at} now={now} facts={[]} note={r.note} />;
}

function ResolutionLine({ resolution: r, now }: { resolution: Resolution; now: number }) {
  const facts = r.code ? [t('timeline.code', { code: resolutionLabel(r.code) })] : [];
  return <HandoverItem icon={<IconCheck size={14} />} color="teal" title={t('resolved.by', { name: personName(r.actorName) })} at={r.at} now={now} facts={facts} note={r.note} />;
}

function HandoverItem({ icon, color, title, at, now, facts, note }: { icon: ReactNode; color: string; title: string; at: number; now: number; facts: string[]; note: string | null }) {
  return (
    <Group gap={8} wrap="nowrap" align="flex-start">
      <ThemeIcon size={26} radius="xl" variant="light" color={color} aria-hidden>
        {icon}
      </ThemeIcon>
      <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600}>
            {title}
          </Text>
          <LazyHint label={formatDateTime(at)}>
            <Text size="xs" c="dimmed" component="time" dateTime={new Date(at).toISOString()}>
              {formatRelative(at, now)}
            </Text>
          </LazyHint>
        </Group>
        {facts.length > 0 && (
          <Text size="sm" c="dimmed">
            {facts.join(' · ')}
          </Text>
        )}
        {note && (
          <Text size="sm" className={classes.prose} dir="auto">
            {note}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

const EVENT_ICON: Partial<Record<TimelineEntry['type'], ReactNode>> = {
  CREATED: <IconCircleDot size={13} />,
  TAKE: <IconHandGrab size={13} />,
  ASSIGN: <IconUserShare size={13} />,
  ESCALATE: <IconArrowUp size={13} />,
  DEESCALATE: <IconArrowDown size={13} />,
  WAIT_ON_CUSTOMER: <IconPlayerPause size={13} />,
  CUSTOMER_REPLIED: <IconMessageReply size={13} />,
  ADD_NOTE: <IconNote size={13} />,
  RESOLVE: <IconCheck size={13} />,
  CLOSE: <IconLock size={13} />,
  REOPEN: <IconArrowBackUp size={13} />,
  CHANGE_PRIORITY: <IconFlag size={13} />,
  RETURN_TO_QUEUE: <IconArrowBackUp size={13} />,
  SLA_WARNING: <IconAlarm size={13} />,
  SLA_BREACH: <IconAlarm size={13} />,
};

const EVENT_COLOR: Partial<Record<TimelineEntry['type'], string>> = {
  ESCALATE: 'orange',
  RESOLVE: 'teal',
  SLA_WARNING: 'yellow',
  SLA_BREACH: 'red',
  CLOSE: 'gray',
};

function TicketTimeline({ entries, now, sla, channel }: { entries: TimelineEntry[]; now: number; sla: TicketDetail['ticket']['sla']; channel: Channel }) {
  const needsUsers = entries.some((e) => typeof e.payload['assigneeId'] === 'string');
  const users = useCall('users.list', needsUsers ? {} : null);
  // Whoever acted on the ticket is named by the timeline itself; an assignee who never did, by the people list.
  const nameOf = (id: string) => {
    const actor = entries.find((e) => e.actorId === id)?.actorName;
    return actor ? personName(actor) : (users.data?.find((u) => u.id === id)?.name ?? id);
  };
  const sorted = newestFirst(entries);
  const moves = useMemo(() => movesOf(entries), [entries]);
  return (
    <Timeline bulletSize={26} lineWidth={2} active={-1}>
      {sorted.map((e) => (
        <Timeline.Item
          key={e.id}
          bullet={
            <ThemeIcon size={26} radius="xl" variant="light" color={EVENT_COLOR[e.type] ?? 'gray'} aria-hidden>
              {EVENT_ICON[e.type] ?? <IconCircleDot size={13} />}
            </ThemeIcon>
          }
          title={
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {eventLabel(e.type, channel)}
              </Text>
              <Text size="sm" c="dimmed">
                {t('timeline.by', { name: personName(e.actorName) })}
              </Text>
              <LazyHint label={formatDateTime(e.at)}>
                <Text size="xs" c="dimmed" component="time" dateTime={new Date(e.at).toISOString()}>
                  {formatRelative(e.at, now)}
                </Text>
              </LazyHint>
            </Group>
          }
        >
          <EventDetails payload={e.payload} move={moves.get(e.id)} nameOf={nameOf} sla={sla} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** The recorded fields of an event, in words: reason, code, priority, assignee, SLA target, note. */
function EventDetails({ payload, move, nameOf, sla }: { payload: Record<string, unknown>; move: Move | undefined; nameOf: (id: string) => string; sla: TicketDetail['ticket']['sla'] }) {
  const facts: string[] = [];
  const reason = escalationReasonSchema.safeParse(payload['reason']);
  if (reason.success) facts.push(t('timeline.reason', { reason: reasonLabel(reason.data) }));
  const code = resolutionCodeSchema.safeParse(payload['code']);
  if (code.success) facts.push(t('timeline.code', { code: resolutionLabel(code.data) }));
  const priority = prioritySchema.safeParse(payload['priority']);
  if (priority.success && move?.priorityFrom) facts.push(t('timeline.priorityChange', { from: priorityLabel(move.priorityFrom), to: priorityLabel(priority.data) }));
  else if (priority.success) facts.push(t('timeline.priority', { priority: priorityLabel(priority.data) }));
  if (typeof payload['assigneeId'] === 'string') facts.push(t('timeline.assignee', { name: nameOf(payload['assigneeId']) }));
  const target = slaTargetSchema.safeParse(payload['target']);
  if (target.success) facts.push(t('timeline.target', { target: slaTargetLabel(target.data) }));
  if (typeof payload['dueAt'] === 'number') facts.push(t('timeline.dueAt', { when: sla ? dueText(payload['dueAt'], sla) : formatDateTime(payload['dueAt']) }));
  if (move?.tierTo && move.backTo !== undefined) {
    facts.push(move.backTo === null ? t('timeline.backToQueue', { tier: tierLabel(move.tierTo) }) : t('timeline.backTo', { name: nameOf(move.backTo), tier: tierLabel(move.tierTo) }));
  } else if (move?.tierTo) facts.push(t('timeline.movedUp', { tier: tierLabel(move.tierTo) }));
  const note = typeof payload['note'] === 'string' && payload['note'].trim() ? payload['note'] : null;
  if (facts.length === 0 && !note) return null;
  return (
    <Stack gap={4} mt={2}>
      {facts.length > 0 && (
        <Text size="xs" c="dimmed">
          {facts.join(' · ')}
        </Text>
      )}
      {note && (
        <Paper radius="sm" p="xs" className={classes.note}>
          <Text size="sm" className={classes.prose} dir="auto">
            {note}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}


/** "Follows T-000788" / "Followed by T-000912": the earlier ticket this one follows up, and the later ones, each a link. */
function TicketLinks({ detail }: { detail: TicketDetail }) {
  const followedBy = detail.followedBy ?? [];
  if (!detail.follows && followedBy.length === 0) return null;
  const link = (l: { id: string; number: string }) => (
    <Anchor key={l.id} href={ticketHref(l.id)} size="sm" ff="monospace" dir="ltr">
      {l.number}
    </Anchor>
  );
  return (
    <Group gap="md" mt={8} role="group" aria-label={t('ticket.links')} data-testid="ticket-links">
      {detail.follows && (
        <Text size="sm" c="dimmed">
          {t('ticket.follows')} {link(detail.follows)}
        </Text>
      )}
      {followedBy.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('ticket.followedBy')}{' '}
          {followedBy.map((l, i) => (
            <span key={l.id}>
              {i > 0 ? ' · ' : ''}
              {link(l)}
            </span>
          ))}
        </Text>
      )}
    </Group>
  );
}
