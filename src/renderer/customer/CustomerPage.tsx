import { ActionIcon, Alert, Badge, Box, Button, Group, Paper, Stack, Table, Text, TextInput, Timeline, Tooltip } from '@mantine/core';
import {
  IconAddressBook,
  IconArrowDownLeft,
  IconArrowUpRight,
  IconBuilding,
  IconHistory,
  IconMail,
  IconMessageCircle,
  IconNote,
  IconPhone,
  IconPlus,
  IconSearch,
  IconTicket,
  IconUser,
  IconWorld,
} from '@tabler/icons-react';
import { memo, startTransition, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import type { CustomerView, Interaction, TicketRow } from '../../shared/api';
import type { Channel } from '../../shared/domain';
import { PriorityBadge, SegmentBadge, ServiceLevelBadge, StateBadge, WarrantyBadge } from '../badges';
import { useCall, useNow } from '../backend';
import { useSessionValue } from '../drafts';
import { formatDate, formatDateTime, formatRelative, t, tc, useLocaleVersion } from '../i18n';
import { channelLabel, directionLabel, formatPhone, languageName, productName, tierLabel, personName } from '../labels';
import { historyLine } from '../sayMessage';
import { FailedPage, FitTable, Muted, PageLoading, Section } from '../page';
import { MATCH_KINDS } from '../../shared/api';
import { NEW_TICKET_ASKED, newTicketSystem, systemMarkOf, type SystemMark } from './systemMark';
import { pastTicketsHeading, ticketsWithWords } from './ticketWords';
import { ticketsOnSystem } from './ticketsOnSystem';
import { clearEarlierLookup, useCustomerOnScreen, useEarlierLookup } from './onScreen';
import { ownDirection } from '../direction';
import { customerHref, ticketHref } from '../route';
import { LazyHint } from '../LazyHint';
import { SlaBadge } from '../sla/SlaBadge';
import { SuggestionsPanel } from '../kb/Suggestions';
import { NewTicketModal, presetDraftSystem } from './NewTicketModal';
import { LogContactModal } from './LogContactModal';
import { RecordPanel } from './RecordPanel';
import { StalePrompt } from './StalePrompt';
import { KeptWhole } from '../i18n/KeptWhole';
import classes from './CustomerPage.module.css';

// The 360° view: who the caller is, every system they own (with the one the lookup found
// highlighted), their tickets, and every interaction on every channel, newest first.
//
// It paints in two steps, because the agent is waiting on the first: the header, the system
// the caller read out (and the next few) and the open tickets; one frame later, in a
// transition that typing can interrupt, the other systems, past tickets, contacts and the
// interactions. The lookup hands its answer over (keepRead), so no second call is made.

/** Systems listed in the first paint when the lookup matched none; the rest follow a frame later. */
const FIRST_SYSTEMS = 3;

/** False for the first paint, true from the frame after it. */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // rAF runs before the frame is drawn; the timeout after it, once it has been.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}

export function CustomerPage({ customerId, assetId, matchedBy, ticket = null, fix = null }: { customerId: string; assetId: string | null; matchedBy: string | null; ticket?: string | null; fix?: string | null }) {
  // Its open tickets show business time left, read on their calendar: an SLA save reads them again.
  const view = useCall('customers.view', { customerId, assetId }, { live: true, keep: true, customerId, slaSettings: true });
  if (view.problem && !view.data) return <FailedPage page={t('customer.pageName')} problem={view.problem} onRetry={() => void view.refetch()} />;
  if (!view.data) return <PageLoading />;
  return <CustomerView360 view={view.data} matchedBy={MATCH_KINDS.find((m) => m === matchedBy) ?? null} mark={systemMarkOf(matchedBy)} ticket={ticket} fix={fix} />;
}

function CustomerView360({ view, matchedBy, mark, ticket, fix }: { view: CustomerView; matchedBy: (typeof MATCH_KINDS)[number] | null; mark: SystemMark; ticket: string | null; fix: string | null }) {
  const { customer } = view;
  useCustomerOnScreen(customer.id, customer.name);
  const now = useNow();
  const [openFor, setOpenFor] = useSessionValue(`newTicket.open.${customer.id}`);
  // Open across a reload, as New ticket is: what was typed is in its draft.
  const [logging, setLogging] = useSessionValue(`logContact.open.${customer.id}`);
  /** Opens the form on `assetId`; null keeps the system the draft has (none at first). */
  const openNewTicket = (assetId: string | null) => {
    if (assetId !== null) presetDraftSystem(customer.id, assetId);
    setOpenFor(assetId ?? '');
  };
  const rest = useAfterFirstPaint();
  // The ticket the caller quoted (a ticket-number lookup): said first and marked in its list, open or past.
  const lookedUp = useMemo(() => (ticket ? ([...view.openTickets, ...view.pastTickets].find((r) => r.number === ticket) ?? null) : null), [view, ticket]);
  const matched = useMemo(() => view.assets.find((a) => a.id === view.matchedAssetId) ?? null, [view]);
  // The palette's "New ticket" starts on the system the button would.
  const startSystem = newTicketSystem(matched?.id ?? null, view.assets.map((a) => a.id));
  useLayoutEffect(() => {
    if (openFor === NEW_TICKET_ASKED) openNewTicket(startSystem);
  });
  // The system the caller read out comes first, so it is on screen even for an organisation with twenty.
  const systems = useMemo(() => (matched ? [matched, ...view.assets.filter((a) => a !== matched)] : view.assets), [view, matched]);
  // First paint: the system the caller read out, or the first few when the match was by name.
  const shownSystems = rest ? systems : systems.slice(0, matched ? 1 : FIRST_SYSTEMS);

  // A lookup that found nothing was typed over this view: it is the earlier lookup's record.
  const missed = useEarlierLookup(customer.id);

  return (
    <Stack gap="md">
      {missed !== null && <EarlierLookup name={customer.name} query={missed} />}
      <Stack gap="md" className={missed !== null ? classes.earlier : undefined}>
        {missed === null && <StalePrompt customerId={customer.id} />}
        <Paper withBorder radius="md" p="md">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
            <Group gap="md" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 360px' }}>
              <div className={classes.avatar} aria-hidden>
                {customer.kind === 'organisation' ? <IconBuilding size={26} /> : <IconUser size={26} />}
              </div>
              <div className={classes.who}>
                <p className={classes.kind}>{customer.kind === 'organisation' ? t('customer.organisation') : t('customer.person')}</p>
                <h1 className={classes.name}>
                  <bdi>{customer.name}</bdi>
                </h1>
                <Group gap={6} mt={8}>
                  <SegmentBadge segment={customer.segment} />
                  <ServiceLevelBadge level={customer.serviceLevel} />
                  {matchedBy && (
                    <Badge variant="light" color="gray" size="sm" tt="none">
                      {t(`customer.foundBy.${matchedBy}`)}
                    </Badge>
                  )}
                </Group>
                <div className={classes.contactLines}>
                  <ContactLine icon={<IconPhone size={15} />} label={t('customer.phone')}>
                    {customer.phone ? (
                      <a href={`tel:${customer.phone}`} className={`${classes.link} ${classes.sm}`}>
                        <bdi dir="ltr">{formatPhone(customer.phone)}</bdi>
                      </a>
                    ) : (
                      <Muted>{t('customer.noPhone')}</Muted>
                    )}
                  </ContactLine>
                  <ContactLine icon={<IconMail size={15} />} label={t('customer.email')}>
                    {customer.email ? (
                      <a href={`mailto:${customer.email}`} className={`${classes.link} ${classes.sm}`}>
                        <bdi dir="ltr">{customer.email}</bdi>
                      </a>
                    ) : (
                      <Muted>{t('customer.noEmail')}</Muted>
                    )}
                  </ContactLine>
                  <ContactLine icon={<IconWorld size={15} />} label={t('customer.locale')}>
                    {/* The language by its name in the reader's language (Persian (Iran), فارسی (ایران)), its code on hover. */}
                    <span className={classes.sm} title={customer.locale}>
                      {languageName(customer.locale)}
                    </span>
                  </ContactLine>
                </div>
              </div>
            </Group>
            <Group gap="xs">
              <Button leftSection={<IconPlus size={16} />} onClick={() => openNewTicket(startSystem)}>
                {t('customer.newTicket')}
              </Button>
            </Group>
          </Group>
        </Paper>

        {lookedUp && (
          <Paper withBorder radius="md" p="sm" role="region" aria-label={t('customer.lookedUpTicket.title')} data-testid="looked-up-ticket">
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Group gap="sm" wrap="wrap" style={{ minWidth: 0 }}>
                <span className={`${classes.sm} ${classes.semibold}`}>{t('customer.lookedUpTicket.title')}</span>
                <span className={`${classes.sm} ${classes.mono}`}>{lookedUp.number}</span>
                <span className={classes.sm}>
                  <bdi>{lookedUp.subject}</bdi>
                </span>
                <StateBadge state={lookedUp.state} size="xs" />
                <span className={`${classes.xs} ${classes.dimmed}`}>{t('customer.lookedUpTicket.updated', { when: formatRelative(lookedUp.updatedAt, now) })}</span>
              </Group>
              <Button component="a" href={ticketHref(lookedUp.id)} size="xs" variant="light">
                {t('customer.lookedUpTicket.open', { number: lookedUp.number })}
              </Button>
            </Group>
          </Paper>
        )}

        {!lookedUp && matched && <OpenOnSystem tag={matched.serviceTag} rows={ticketsOnSystem(matched.id, view.openTickets, []).open} interactions={view.interactions} now={now} />}

        <Section title={tc('customer.systems', view.assets.length)} padding={0} id="systems">
          {view.assets.length === 0 ? (
            <Box p="md">
              <Muted>{t('customer.noSystems')}</Muted>
            </Box>
          ) : (
            // Below 600 px of box (a 420 px window) the express code goes under the tag, and the
            // warranty and its status under the product: the status ("Expired") was off the box's side.
            <FitTable>
              <Table verticalSpacing={8} fz="sm" className={classes.systems}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('asset.tag')}</Table.Th>
                    <Table.Th className={classes.systemsWide}>{t('asset.express')}</Table.Th>
                    <Table.Th>{t('asset.product')}</Table.Th>
                    <Table.Th className={classes.systemsWide}>{t('asset.shipped')}</Table.Th>
                    <Table.Th className={classes.systemsWide}>{t('asset.warranty')}</Table.Th>
                    <Table.Th className={classes.systemsWide}>{t('asset.status')}</Table.Th>
                    {/* Said, not only to a screen reader: the column of "+" buttons had no heading a sighted agent could read. */}
                    <Table.Th className={classes.newTicketHead}>{t('asset.newTicketColumn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shownSystems.map((a) => (
                    <SystemRow key={a.id} asset={a} matched={a.id === view.matchedAssetId} mark={mark} ready={rest} onNewTicket={openNewTicket} />
                  ))}
                </Table.Tbody>
              </Table>
            </FitTable>
          )}
        </Section>

        <div className={classes.columns}>
          <div>
            <Stack gap="md">
              <Section title={tc('customer.openTickets', view.openTickets.length)} padding={0} id="open-tickets">
                <TicketList rows={view.openTickets} empty={t('customer.noOpenTickets')} now={now} withSla marked={lookedUp?.id ?? null} />
              </Section>
              {rest && view.openTickets[0] && (
                <SuggestionsPanel ticketId={view.openTickets[0].id} resolved={false} searchWords={view.openTickets[0].subject} title={t('suggest.forCaller', { number: view.openTickets[0].number })} />
              )}
              {rest && (
                <PastTickets customerId={customer.id} rows={view.pastTickets} now={now} marked={lookedUp?.id ?? null} />
              )}
            </Stack>
          </div>
          <div>
            {rest && <Stack gap="md">
              <Section title={t('customer.contacts')} id="contacts">
                {view.contacts.length === 0 ? (
                  <Muted>{t('customer.noContacts')}</Muted>
                ) : (
                  <Stack gap="sm">
                    {view.contacts.map((c) => (
                      <div key={c.id} className={classes.contact}>
                        <span className={classes.contactIcon} aria-hidden>
                          <IconAddressBook size={16} />
                        </span>
                        <div className={classes.who}>
                          <div className={`${classes.sm} ${classes.semibold}`}>
                            <bdi>{c.name}</bdi>
                            {c.role ? (
                              <span className={`${classes.xs} ${classes.dimmed} ${classes.regular}`}>
                                {' · '}
                                {c.role}
                              </span>
                            ) : null}
                          </div>
                          {c.phone && (
                            <a href={`tel:${c.phone}`} className={`${classes.link} ${classes.xs} ${classes.block}`}>
                              <bdi dir="ltr">{formatPhone(c.phone)}</bdi>
                            </a>
                          )}
                          {c.email && (
                            // Left to right as a whole, so a long address is cut at its end, not its start.
                            <a href={`mailto:${c.email}`} dir="ltr" className={`own-direction ${classes.link} ${classes.xs} ${classes.block} ${classes.truncate}`}>
                              {c.email}
                            </a>
                          )}
                        </div>
                      </div>
                    ))}
                  </Stack>
                )}
              </Section>
              <Interactions items={view.interactions} now={now} assets={view.assets} onLog={() => setLogging('1')} />
            </Stack>}
          </div>
        </div>
        <RecordPanel customerId={customer.id} fix={fix} />
      </Stack>

      {logging !== null && <LogContactModal customer={customer} assets={view.assets} openTickets={view.openTickets} onClose={() => setLogging(null)} />}
      {openFor !== null && openFor !== NEW_TICKET_ASKED && <NewTicketModal customer={customer} assets={view.assets} openTickets={view.openTickets} pastTickets={view.pastTickets} opened onClose={() => setOpenFor(null)} />}
    </Stack>
  );
}

/**
 * The repeat caller: the system she read out has a ticket open, so it is said at the top, with
 * who holds it and the last thing done or said on it (its newest line in the contact history),
 * before anyone scrolls, opens it, or opens a second ticket on the same fault.
 */
function OpenOnSystem({ tag, rows, interactions, now }: { tag: string; rows: TicketRow[]; interactions: Interaction[]; now: number }) {
  const r = rows[0];
  if (!r) return null;
  const last = interactions.filter((i) => i.ticketId === r.id).reduce<Interaction | null>((a, i) => (a === null || i.at > a.at ? i : a), null);
  return (
    <Paper withBorder radius="md" p="sm" role="region" aria-label={t('customer.openOnSystem.title', { tag })} data-testid="open-on-system" className={classes.openOnSystem}>
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 280px' }}>
          <Group gap="sm" wrap="wrap" style={{ minWidth: 0 }}>
            <span className={`${classes.sm} ${classes.semibold}`}>{t('customer.openOnSystem.title', { tag })}</span>
            <span className={`${classes.sm} ${classes.mono}`}>{r.number}</span>
            <span className={classes.sm}>
              <bdi>{r.subject}</bdi>
            </span>
            <StateBadge state={r.state} size="xs" />
            <SlaBadge sla={r.sla} dueAt={r.dueAt} />
          </Group>
          <span className={`${classes.xs} ${classes.dimmed}`}>
            {r.assigneeName ? t('tickets.heldBy', { name: personName(r.assigneeName), tier: tierLabel(r.tier) }) : t('tickets.unassignedAt', { tier: tierLabel(r.tier) })}
            {' · '}
            {t('customer.lookedUpTicket.updated', { when: formatRelative(r.updatedAt, now) })}
          </span>
          {last && (
            <span className={`${classes.xs} ${classes.clamp}`} title={formatDateTime(last.at)}>
              {t('customer.openOnSystem.last', { line: historyLine(last.summary, last.channel) })}
              {last.userName ? ` (${t('customer.openOnSystem.lastBy', { name: personName(last.userName), when: formatRelative(last.at, now) })})` : ''}
            </span>
          )}
          {rows.length > 1 && <span className={`${classes.xs} ${classes.dimmed}`}>{tc('customer.openOnSystem.more', rows.length - 1)}</span>}
        </Stack>
        <Button component="a" href={ticketHref(r.id)} size="xs" variant="light">
          {t('customer.lookedUpTicket.open', { number: r.number })}
        </Button>
      </Group>
    </Paper>
  );
}

/**
 * Over a view a lookup that found nothing was typed over: whose record this is, what found
 * nothing, and the way back to working on it once the caller says they are this customer.
 */
function EarlierLookup({ name, query }: { name: string; query: string }) {
  return (
    <Alert color="orange" icon={<IconHistory size={18} />} title={<KeptWhole k="customer.earlier.title" vars={{ name }} wrap />} role="status" data-testid="earlier-lookup">
      <Text size="sm">
        <KeptWhole k="customer.earlier.text" vars={{ query, name }} wrap />
      </Text>
      <Button size="xs" variant="default" mt="xs" onClick={clearEarlierLookup}>
        <KeptWhole k="customer.earlier.same" vars={{ name }} wrap />
      </Button>
    </Alert>
  );
}

/** Who had the system before this customer, when it changed hands; nothing when it never did. */
function PreviousOwner({ owners }: { owners: CustomerView['assets'][number]['owners'] }) {
  const previous = owners.length > 1 ? owners[owners.length - 2] : undefined;
  if (!previous || previous.to === null) return null;
  // A link: the caller keying the Express code of a system she sold or gave away is usually its
  // former owner, and her record is a click away rather than a second lookup by name.
  return (
    <a href={customerHref(previous.customerId)} className={`${classes.link} ${classes.xs} ${classes.block}`}>
      {t('asset.previousOwner', { name: previous.customerName, date: formatDate(previous.to) })}
    </a>
  );
}

function ContactLine({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  const glyph = (
    <span className={classes.glyph} aria-label={label} role="img">
      {icon}
    </span>
  );
  return (
    <div className={classes.contactLine}>
      <LazyHint label={label}>{glyph}</LazyHint>
      {children}
    </div>
  );
}

const MARK_LABEL = { matched: 'asset.matched', registered: 'asset.justRegistered', ticket: 'asset.ticketSystem' } as const;

/** One system: tag (marked when it is the one the caller read out), code, product, dates, warranty. */
function SystemRow({ asset: a, matched, mark, ready, onNewTicket }: { asset: CustomerView['assets'][number]; matched: boolean; mark: SystemMark; ready: boolean; onNewTicket: (assetId: string) => void }) {
  return (
    <tr data-matched={matched || undefined} className={classes.systemRow} aria-current={matched ? 'true' : undefined}>
      <td>
        <div className={`${classes.sm} ${classes.mono} ${classes.bold} ${classes.nowrap}`}>{a.serviceTag}</div>
        {/* Just registered, or the ticket's system: said so, not "Matched", which only a lookup's find is. */}
        {matched && mark !== 'shown' && (
          <Badge size="xs" variant={mark === 'matched' ? 'filled' : 'light'} color={mark === 'matched' ? undefined : 'teal'} tt="none" mt={2}>
            {t(MARK_LABEL[mark])}
          </Badge>
        )}
      </td>
      <td className={classes.systemsWide}>
        <div className={`${classes.sm} ${classes.mono} ${classes.dimmed}`}>{a.expressCode}</div>
      </td>
      <td>
        <div className={`${classes.sm} ${classes.medium} ${classes.nowrap}`}>{productName(a)}</div>
        <div className={`${classes.xs} ${classes.dimmed}`}>{a.productLine}</div>
        <div className={classes.systemsNarrow}>
          <div className={`${classes.xs} ${classes.mono} ${classes.dimmed}`}>{a.expressCode}</div>
          <div className={`${classes.xs}`}>
            <bdi>{a.warrantyLevel}</bdi> · {t('asset.until', { date: formatDate(a.warrantyEnd) })}
          </div>
          <WarrantyBadge status={a.warrantyStatus} daysLeft={a.daysLeft} />
          <PreviousOwner owners={a.owners} />
        </div>
      </td>
      <td className={classes.systemsWide}>
        <div className={`${classes.sm} ${classes.nowrap}`}>{formatDate(a.shipDate)}</div>
        <PreviousOwner owners={a.owners} />
      </td>
      <td className={classes.systemsWide}>
        <div className={`${classes.sm} ${classes.nowrap}`}>{a.warrantyLevel}</div>
        <div className={`${classes.xs} ${classes.dimmed} ${classes.nowrap}`}>{t('asset.until', { date: formatDate(a.warrantyEnd) })}</div>
      </td>
      <td className={classes.systemsWide}>
        <WarrantyBadge status={a.warrantyStatus} daysLeft={a.daysLeft} stacked />
      </td>
      <td className={classes.newTicketCell}>
        <Hint label={t('asset.newTicketFor', { tag: a.serviceTag })} ready={ready} withArrow>
          <ActionIcon variant="subtle" aria-label={t('asset.newTicketFor', { tag: a.serviceTag })} onClick={() => onNewTicket(a.id)}>
            <IconPlus size={16} />
          </ActionIcon>
        </Hint>
      </td>
    </tr>
  );
}

/** A tooltip from the second frame on (for a button: it must keep focus, so it is not lazy). */
function Hint({ label, ready, withArrow = false, children }: { label: string; ready: boolean; withArrow?: boolean; children: ReactNode }) {
  return ready ? (
    <Tooltip label={label} withArrow={withArrow}>
      {children}
    </Tooltip>
  ) : (
    children
  );
}

/** A ticket's state, priority and SLA due (or last update): cells of their own, or one line under the subject. */
function TicketFacts({ row: r, now, withSla, cells = false }: { row: TicketRow; now: number; withSla: boolean; cells?: boolean }) {
  const facts = [
    <StateBadge key="state" state={r.state} size="xs" />,
    <PriorityBadge key="priority" priority={r.priority} size="xs" />,
    withSla ? (
      <SlaBadge key="when" sla={r.sla} dueAt={r.dueAt} />
    ) : (
      <LazyHint key="when" label={formatDateTime(r.updatedAt)} openDelay={300}>
        <span className={`${classes.sm} ${classes.dimmed}`}>{formatRelative(r.updatedAt, now)}</span>
      </LazyHint>
    ),
  ];
  if (!cells) return <>{facts}</>;
  return (
    <>
      {facts.map((f) => (
        <td key={f.key} className={`${classes.nowrap} ${classes.wideOnly}`}>
          {f}
        </td>
      ))}
    </>
  );
}

/** Past tickets, found by the caller's words once there are a few (ticketWords.ts). */
function PastTickets({ customerId, rows, now, marked }: { customerId: string; rows: TicketRow[]; now: number; marked: string | null }) {
  // What was typed is this customer's: the next caller's list starts whole.
  const [find, setFind] = useState({ customerId, query: '' });
  const query = find.customerId === customerId ? find.query : '';
  const shown = useMemo(() => ticketsWithWords(rows, query), [rows, query]);
  return (
    <Section
      title={pastTicketsHeading(rows.length, shown.length, query)}
      padding={0}
      id="past-tickets"
      actions={
        rows.length > 1 ? (
          <TextInput
            type="search"
            size="xs"
            aria-label={t('customer.findPast')}
            placeholder={t('customer.findPastPlaceholder')}
            leftSection={<IconSearch size={14} aria-hidden />}
            value={query}
            onChange={(e) => setFind({ customerId, query: e.currentTarget.value })}
            ref={ownDirection}
          />
        ) : undefined
      }
    >
      <TicketList rows={shown} empty={query.trim() ? t('customer.noPastMatch', { query: query.trim() }) : t('customer.noPastTickets')} now={now} marked={marked} />
    </Section>
  );
}

const TicketList = memo(function TicketList({ rows, empty, now, withSla = false, marked = null }: { rows: TicketRow[]; empty: string; now: number; withSla?: boolean; marked?: string | null }) {
  if (rows.length === 0)
    return (
      <Box p="md">
        <Muted>{empty}</Muted>
      </Box>
    );
  return (
    // Below 560 px of box (a 420 px window) the state, priority and SLA go under the subject
    // instead of off the box's side, where the subject was cut to two words (CSS container query).
    <FitTable>
      <Table verticalSpacing={8} fz="sm" className={classes.tickets}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tickets.col.number')}</Table.Th>
            <Table.Th>{t('tickets.col.subject')}</Table.Th>
            <Table.Th className={classes.wideOnly}>{t('tickets.col.state')}</Table.Th>
            <Table.Th className={classes.wideOnly}>{t('tickets.col.priority')}</Table.Th>
            <Table.Th className={classes.wideOnly}>{withSla ? t('tickets.col.due') : t('tickets.col.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <tr key={r.id} className={classes.ticketRow} data-matched={r.id === marked || undefined} aria-current={r.id === marked ? 'true' : undefined}>
              <td className={classes.nowrap}>
                <a href={ticketHref(r.id)} className={`${classes.link} ${classes.sm} ${classes.mono} ${classes.semibold}`}>
                  {r.number}
                </a>
                {r.id === marked && (
                  <Badge size="xs" variant="filled" tt="none" ml={6}>
                    {t('asset.matched')}
                  </Badge>
                )}
              </td>
              <td className={classes.subject}>
                <div className={`${classes.sm} ${classes.clamp}`} title={r.subject}>
                  <bdi>{r.subject}</bdi>
                </div>
                <div className={`${classes.xs} ${classes.dimmed} ${classes.clamp}`}>
                  {r.serviceTag ? (
                    <span className={classes.mono}>
                      {r.serviceTag}
                      {' · '}
                    </span>
                  ) : null}
                  {r.assigneeName ? t('tickets.heldBy', { name: personName(r.assigneeName), tier: tierLabel(r.tier) }) : t('tickets.unassignedAt', { tier: tierLabel(r.tier) })}
                </div>
                <div className={classes.underBadges}>
                  <TicketFacts row={r} now={now} withSla={withSla} />
                </div>
              </td>
              <TicketFacts row={r} now={now} withSla={withSla} cells />
            </tr>
          ))}
        </Table.Tbody>
      </Table>
    </FitTable>
  );
});

const CHANNEL_ICON: Record<Channel, ReactNode> = {
  phone: <IconPhone size={13} />,
  email: <IconMail size={13} />,
  chat: <IconMessageCircle size={13} />,
  note: <IconNote size={13} />,
  web: <IconWorld size={13} />,
};

const SHOWN = 12;

const Interactions = memo(function Interactions({ items, now, assets, onLog }: { items: Interaction[]; now: number; assets: CustomerView['assets']; onLog: () => void }) {
  useLocaleVersion(); // memo: its words and dates follow a language switch all the same
  const [all, setAll] = useState(false);
  const sorted = useMemo(() => [...items].sort((a, b) => b.at - a.at), [items]);
  const shown = all ? sorted : sorted.slice(0, SHOWN);
  return (
    <Section
      title={tc('customer.interactions', items.length)}
      id="interactions"
      actions={
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={onLog}>
            {t('customer.logContact')}
          </Button>
          {sorted.length > SHOWN && (
            <Button size="compact-xs" variant="subtle" onClick={() => setAll(!all)}>
              {all ? t('common.showFewer') : t('common.showAll')}
            </Button>
          )}
        </Group>
      }
    >
      {items.length === 0 ? (
        <Muted>{t('customer.noInteractions')}</Muted>
      ) : (
        <Timeline bulletSize={24} lineWidth={2} active={-1} className={classes.timeline}>
          {shown.map((i) => (
            <Timeline.Item
              key={i.id}
              bullet={CHANNEL_ICON[i.channel]}
              title={
                <span className={classes.itemTitle}>
                  <span className={`${classes.sm} ${classes.semibold}`}>{channelLabel(i.channel)}</span>
                  <LazyHint label={directionLabel(i.direction)}>
                    <span className={classes.glyph} aria-label={directionLabel(i.direction)} role="img">
                      {i.direction === 'inbound' ? <IconArrowDownLeft size={14} /> : i.direction === 'outbound' ? <IconArrowUpRight size={14} /> : <IconNote size={14} />}
                    </span>
                  </LazyHint>
                  <LazyHint label={formatDateTime(i.at)}>
                    <span className={`${classes.xs} ${classes.dimmed}`}>{formatRelative(i.at, now)}</span>
                  </LazyHint>
                </span>
              }
            >
              <InteractionLine summary={i.summary} channel={i.channel} />
              <div className={classes.itemMeta}>
                {i.ticketNumber && i.ticketId && (
                  <a href={ticketHref(i.ticketId)} className={`${classes.link} ${classes.xs} ${classes.mono}`}>
                    <IconTicket size={11} aria-hidden /> {i.ticketNumber}
                  </a>
                )}
                {i.assetId && <SystemTag tag={assets.find((a) => a.id === i.assetId)?.serviceTag ?? null} />}
                {i.userName && <span className={`${classes.xs} ${classes.dimmed}`}><bdi>{i.userName}</bdi></span>}
              </div>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Section>
  );
});

/** The system a logged contact was about, by its tag (nothing when it has left the record). */
function SystemTag({ tag }: { tag: string | null }) {
  if (tag === null) return null;
  return <span className={`${classes.xs} ${classes.mono}`}>{t('customer.aboutSystem', { tag })}</span>;
}

/** A line of the contact history: a ticket's, in the reader's words; any other as written, in its own direction. */
function InteractionLine({ summary, channel }: { summary: string; channel: Channel }) {
  const text = historyLine(summary, channel);
  return (
    <p className={classes.sm} dir={text === summary ? 'auto' : undefined}>
      {text}
    </p>
  );
}
