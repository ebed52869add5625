import { Alert, Anchor, Badge, Button, CloseButton, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { administers, seesBoard } from '../../shared/access';
import type { SlaSettings } from '../../shared/api';
import { PRIORITIES, type Priority } from '../../shared/domain';
import { call, problemOf, useCall } from '../backend';
import { formatDateTime, formatDigits, formatNumber, t } from '../i18n';
import { fieldLabel, valueText } from './mergeText';
import { priorityLabel, segmentLabel, serviceLevelLabel } from '../labels';
import { FailedPage, FitTable, PageHeader, PageLoading, RefusedPage, Section } from '../page';
import { hrefOf } from '../route';
import { useSession } from '../session';
import { dropDraft } from '../drafts';
import { calendarDraftKey, calendarHasDraft, CalendarEditor, newCalendarDraftName } from './CalendarEditor';
import { CentreDaySection } from './CentreDaySection';
import { hoursSummary } from './forms';
import { newPolicyDraftName, policyDraftKey, policyHasDraft, PolicyEditor } from './PolicyEditor';
import classes from './SlaSettings.module.css';
import { slaName } from '../sla/shippedNames';
import { RetimeFailedNotice } from '../sla/RetimeFailed';
import { ZoneName } from '../sla/ZoneName';
import { cardAfterDismiss } from '../sync/dismissFocus';
import { dismissedReplaced, dismissReplaced, replacedId } from './replacedSeen';

// SLA settings: every policy (targets per segment and service level) and every business-
// hours calendar. Admins edit and create them and can recompute open tickets; supervisors
// read them.

type View = { kind: 'list' } | { kind: 'policy'; id: string | null } | { kind: 'calendar'; id: string | null };

export function SlaSettingsPage({ view }: { view: View }) {
  const { user } = useSession();
  const allowed = seesBoard(user);
  const readOnly = !administers(user);
  // Live: an admin's save in another window, or settings arriving from the hub, are read again
  // (and after a change made by another process on the folder); a ticket's change cannot change them.
  // Kept in memory: a save reads them once (the save's own push and the editor's read after it
  // share that read) and the list it goes back to paints that answer without asking again; it
  // read them four times, each a whole walk of the settings under load.
  const hold = useRef({ saving: 0, missed: false });
  const settings = useCall('sla.settings', allowed ? {} : null, {
    live: () => false,
    // While this window saves, the save's push is not read: the read after the save answers covers it.
    // Nor is a re-time's end: it moved open tickets' due times, not the settings shown here.
    slaSettings: (change) => {
      if (change.retimed) return false;
      if (hold.current.saving === 0) return true;
      hold.current.missed = true;
      return false;
    },
    keep: true,
  });
  const { refetch } = settings;
  const saving = useCallback(
    async <T,>(persist: () => Promise<T>): Promise<T> => {
      const h = hold.current;
      h.saving++;
      let read = false;
      try {
        const saved = await persist();
        await refetch();
        read = true;
        return saved;
      } finally {
        h.saving--;
        // A refused save reads nothing: a change heard meanwhile (another admin's) is read now.
        if (read) h.missed = false;
        else if (h.missed && h.saving === 0) {
          h.missed = false;
          void refetch();
        }
      }
    },
    [refetch],
  );
  if (!allowed) return <RefusedPage page={t('slaSettings.title')} title={t('slaSettings.forbiddenTitle')} message={t('slaSettings.forbidden')} />;
  if (settings.problem && !settings.data) return <FailedPage page={t('slaSettings.title')} problem={settings.problem} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <PageLoading />;
  if (view.kind === 'policy') {
    if (view.id === null && readOnly) return <RefusedPage page={t('slaSettings.title')} title={t('slaSettings.forbiddenTitle')} message={t('slaSettings.adminsOnly')} />;
    return <PolicyEditor key={view.id ?? 'new'} settings={settings.data} policyId={view.id} readOnly={readOnly} saving={saving} />;
  }
  if (view.kind === 'calendar') {
    if (view.id === null && readOnly) return <RefusedPage page={t('slaSettings.title')} title={t('slaSettings.forbiddenTitle')} message={t('slaSettings.adminsOnly')} />;
    return <CalendarEditor key={view.id ?? 'new'} settings={settings.data} calendarId={view.id} readOnly={readOnly} saving={saving} />;
  }
  return <SettingsList settings={settings.data} readOnly={readOnly} />;
}

function SettingsList({ settings, readOnly }: { settings: SlaSettings; readOnly: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [recomputing, setRecomputing] = useState(false);
  // Drafts are read from the session as the list is drawn; a discard here draws it again.
  const [, setDiscarded] = useState(0);
  const discardDraft = (key: string) => {
    dropDraft(key);
    setDiscarded((n) => n + 1);
  };
  // A new policy or calendar typed and left unsaved is listed too, after the saved ones (it
  // was kept, but nowhere said, until "New policy" was opened again).
  const newPolicy = readOnly ? null : newPolicyDraftName(settings);
  const newCalendar = readOnly ? null : newCalendarDraftName();
  const calendarName = (id: string) => {
    const c = settings.calendars.find((x) => x.id === id);
    return c ? slaName('calendar', c) : id;
  };

  const recompute = async () => {
    setRecomputing(true);
    try {
      const r = await call('sla.recompute', {});
      notifications.show({ color: 'teal', message: t('slaSettings.recomputed', { count: r.tickets }) });
      setConfirming(false);
    } catch (error) {
      notifications.show({ color: 'red', title: t('slaSettings.recomputeFailed'), message: problemOf(error).message });
    } finally {
      setRecomputing(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('slaSettings.title')}
        description={readOnly ? t('slaSettings.leadReadOnly') : t('slaSettings.lead')}
        actions={
          !readOnly && (
            <>
              <Button component="a" href={hrefOf({ name: 'slaPolicy', id: null })} leftSection={<IconPlus size={16} />} variant="light">
                {t('slaSettings.newPolicy')}
              </Button>
              <Button component="a" href={hrefOf({ name: 'slaCalendar', id: null })} leftSection={<IconCalendarPlus size={16} />} variant="light">
                {t('slaSettings.newCalendar')}
              </Button>
              <Button leftSection={<IconRefresh size={16} />} variant="default" onClick={() => setConfirming(true)}>
                {t('slaSettings.recompute')}
              </Button>
            </>
          )
        }
      />
      <Stack gap="md">
        {settings.retimeFailure && <RetimeFailedNotice failure={settings.retimeFailure} canRetry={!readOnly} />}
        {settings.replaced.length > 0 && <ReplacedChanges settings={settings} />}
        <CentreDaySection key={settings.centre.dayTimeZone ?? ''} settings={settings} readOnly={readOnly} />
        <Section title={t('slaSettings.policies')} padding={0} id="sla-policies">
          {/* Below 860 px of box (a 420 px window) a policy is one block: its name, then what it
              covers, its calendar, its targets per priority and its at-risk share, each named,
              instead of columns off the box's side (CSS container query). */}
          <FitTable>
            <Table verticalSpacing={8} fz="sm" className={classes.list} highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('slaSettings.col.policy')}</Table.Th>
                  <Table.Th className={classes.policiesWide}>{t('slaSettings.col.covers')}</Table.Th>
                  <Table.Th className={classes.policiesWide}>{t('slaSettings.col.calendar')}</Table.Th>
                  {PRIORITIES.map((p) => (
                    <Table.Th key={p} className={classes.policiesWide}>
                      {priorityLabel(p)}
                    </Table.Th>
                  ))}
                  <Table.Th className={classes.policiesWide}>{t('slaSettings.col.atRisk')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {settings.policies.map((p) => {
                  const covers = `${segmentLabel(p.segment)} · ${serviceLevelLabel(p.serviceLevel)}`;
                  const targets = (priority: Priority) => t('slaSettings.frRes', { fr: hours(p.targets[priority].firstResponse), res: hours(p.targets[priority].resolution) });
                  const atRisk = t('slaSettings.percent', { n: Math.round(p.atRiskShare * 100) });
                  return (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor href={hrefOf({ name: 'slaPolicy', id: p.id })} fw={600} size="sm" aria-label={readOnly ? t('slaSettings.viewPolicy', { name: slaName('policy', p) }) : t('slaSettings.editPolicy', { name: slaName('policy', p) })}>
                          <bdi>{slaName('policy', p)}</bdi>
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {t('slaSettings.versionShort', { version: p.version })}
                        </Text>
                        {!readOnly && policyHasDraft(p) && <UnsavedDraft name={slaName('policy', p)} onDiscard={() => discardDraft(policyDraftKey(p.id))} />}
                        <NarrowFacts
                          className={classes.policiesNarrow}
                          facts={[
                            { key: 'covers', name: t('slaSettings.col.covers'), value: covers },
                            { key: 'calendar', name: t('slaSettings.col.calendar'), value: <bdi>{calendarName(p.calendarId)}</bdi> },
                            ...PRIORITIES.map((priority) => ({ key: priority, name: priorityLabel(priority), value: targets(priority) })),
                            { key: 'atRisk', name: t('slaSettings.col.atRisk'), value: atRisk },
                          ]}
                        />
                      </Table.Td>
                      <Table.Td className={classes.policiesWide}>{covers}</Table.Td>
                      <Table.Td className={classes.policiesWide}>{calendarName(p.calendarId)}</Table.Td>
                      {PRIORITIES.map((priority) => (
                        <Table.Td key={priority} className={`${classes.nowrap} ${classes.policiesWide}`}>
                          <Text size="xs">{targets(priority)}</Text>
                        </Table.Td>
                      ))}
                      <Table.Td className={classes.policiesWide}>{atRisk}</Table.Td>
                    </Table.Tr>
                  );
                })}
                {newPolicy !== null && (
                  <NewDraftRow
                    columns={4 + PRIORITIES.length}
                    href={hrefOf({ name: 'slaPolicy', id: null })}
                    name={newPolicy || t('slaSettings.newPolicy')}
                    label={(name) => t('slaSettings.editPolicy', { name })}
                    onDiscard={() => discardDraft(policyDraftKey(null))}
                  />
                )}
              </Table.Tbody>
            </Table>
          </FitTable>
          <Text size="xs" c="dimmed" px="md" py={8}>
            {t('slaSettings.targetsKey')}
          </Text>
        </Section>

        <Section title={t('slaSettings.calendars')} padding={0} id="sla-calendars">
          {/* Below 760 px of box a calendar is one block: its name, then its time zone, hours,
              holidays, years and the dates it shows, each named. */}
          <FitTable>
            <Table verticalSpacing={8} fz="sm" className={classes.list} highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('slaSettings.col.calendar')}</Table.Th>
                  <Table.Th className={classes.calendarsWide}>{t('slaSettings.col.zone')}</Table.Th>
                  <Table.Th className={classes.calendarsWide}>{t('slaSettings.col.hours')}</Table.Th>
                  <Table.Th className={classes.calendarsWide}>{t('slaSettings.col.holidays')}</Table.Th>
                  <Table.Th className={classes.calendarsWide}>{t('slaSettings.col.years')}</Table.Th>
                  <Table.Th className={classes.calendarsWide}>{t('slaSettings.col.display')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {settings.calendars.map((c) => {
                  const zone = (size: 'sm' | 'xs') => <ZoneName zone={c.timeZone} size={size} withId />;
                  const years = t('slaSettings.years', { from: formatDigits(c.yearRange.from), to: formatDigits(c.yearRange.to) });
                  const display = (
                    <Badge variant="light" color={c.displayCalendar === 'persian' ? 'grape' : 'gray'} tt="none" size="sm" miw="max-content">
                      {c.displayCalendar === 'persian' ? t('slaEdit.persian') : t('slaEdit.gregory')}
                    </Badge>
                  );
                  return (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Anchor href={hrefOf({ name: 'slaCalendar', id: c.id })} fw={600} size="sm" aria-label={readOnly ? t('slaSettings.viewCalendar', { name: slaName('calendar', c) }) : t('slaSettings.editCalendar', { name: slaName('calendar', c) })}>
                          <bdi>{slaName('calendar', c)}</bdi>
                        </Anchor>
                        {!readOnly && calendarHasDraft(c) && <UnsavedDraft name={slaName('calendar', c)} onDiscard={() => discardDraft(calendarDraftKey(c.id))} />}
                        <NarrowFacts
                          className={classes.calendarsNarrow}
                          facts={[
                            { key: 'zone', name: t('slaSettings.col.zone'), value: zone('xs') },
                            { key: 'hours', name: t('slaSettings.col.hours'), value: hoursSummary(c) },
                            { key: 'holidays', name: t('slaSettings.col.holidays'), value: formatNumber(c.holidays.length) },
                            { key: 'years', name: t('slaSettings.col.years'), value: years },
                            { key: 'display', name: t('slaSettings.col.display'), value: display },
                          ]}
                        />
                      </Table.Td>
                      {/* The zone's name on one line ("United Kingdom Time" wrapped at 1366 px),
                          the calendar's name wrapping instead. */}
                      <Table.Td className={`${classes.nowrap} ${classes.calendarsWide}`}>{zone('sm')}</Table.Td>
                      <Table.Td className={classes.calendarsWide}>
                        <Text size="xs">{hoursSummary(c)}</Text>
                      </Table.Td>
                      <Table.Td className={classes.calendarsWide}>{formatNumber(c.holidays.length)}</Table.Td>
                      <Table.Td className={`${classes.nowrap} ${classes.calendarsWide}`}>{years}</Table.Td>
                      <Table.Td className={classes.calendarsWide}>{display}</Table.Td>
                    </Table.Tr>
                  );
                })}
                {newCalendar !== null && (
                  <NewDraftRow
                    columns={6}
                    href={hrefOf({ name: 'slaCalendar', id: null })}
                    name={newCalendar || t('slaSettings.newCalendar')}
                    label={(name) => t('slaSettings.editCalendar', { name })}
                    onDiscard={() => discardDraft(calendarDraftKey(null))}
                  />
                )}
              </Table.Tbody>
            </Table>
          </FitTable>
        </Section>
      </Stack>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('slaSettings.recomputeTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="sm">
          <Text size="sm">{t('slaSettings.recomputeText')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="orange" loading={recomputing} onClick={() => void recompute()} data-autofocus>
              {t('slaSettings.recomputeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * Under an item's name, when its editor was left with changes not saved (they are kept for the
 * session, a reload too): said, with a way to drop them without opening the editor.
 */
function UnsavedDraft({ name, onDiscard }: { name: string; onDiscard: () => void }) {
  return (
    <Group gap={6} mt={4} wrap="wrap">
      <Badge color="yellow" variant="light" tt="none" size="sm" miw="max-content">
        {t('slaEdit.unsaved')}
      </Badge>
      <Button variant="subtle" size="compact-xs" onClick={onDiscard} aria-label={t('slaSettings.discardDraft', { name })}>
        {t('slaSettings.discard')}
      </Button>
    </Group>
  );
}

/**
 * A new policy or calendar typed and not saved: its name as typed (or "New policy"), linking to
 * its editor, said to be new and unsaved, with the same way to drop it as an edited one's.
 */
function NewDraftRow({ columns, href, name, label, onDiscard }: { columns: number; href: string; name: string; label: (name: string) => string; onDiscard: () => void }) {
  return (
    <Table.Tr data-new-draft>
      <Table.Td colSpan={columns}>
        <Anchor href={href} fw={600} size="sm" aria-label={label(name)}>
          <bdi>{name}</bdi>
        </Anchor>
        <Text size="xs" c="dimmed">
          {t('slaSettings.newDraft')}
        </Text>
        <UnsavedDraft name={name} onDiscard={onDiscard} />
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * A row's other facts under its name, each named, for a box too narrow for their columns: the
 * container query in SlaSettings.module.css shows it (`className`) and hides those columns.
 */
function NarrowFacts({ className, facts }: { className: string | undefined; facts: Array<{ key: string; name: string; value: ReactNode }> }) {
  return (
    <dl className={`${classes.facts} ${className ?? ''}`}>
      {facts.map((f) => (
        <div key={f.key} className={classes.fact}>
          <dt>{f.name}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** 30 → "30 m", 480 → "8 h", 90 → "1 h 30 m": business time, never days. */
function hours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? t('duration.m', { m }) : m === 0 ? t('duration.h', { h }) : t('duration.hm', { h, m });
}

/**
 * Changes a later save on another desk replaced without its author having seen them (the
 * hub's order decides each field; settingsMerge.ts replacedChanges): the same list on every
 * desk, the last 30 days, newest first. Each can be dismissed once read, by the person reading
 * (replacedSeen.ts: kept for them across reloads; every other admin still sees it); focus then
 * goes to the next one's dismiss button (the page's heading when none is left).
 */
function ReplacedChanges({ settings }: { settings: SlaSettings }) {
  const { user } = useSession();
  const [dismissed, setDismissed] = useState(() => dismissedReplaced(user.id));
  const focusNext = useRef<string | null>(null);
  const shown = settings.replaced.filter((r) => !dismissed.has(replacedId(r))).slice(0, 5);
  useLayoutEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    if (next) document.getElementById(dismissButtonId(next))?.focus();
  }, [dismissed]);
  if (shown.length === 0) return null;
  const thingOf = (entity: string, id: string) => {
    const item = entity === 'policy' ? settings.policies.find((p) => p.id === id) : settings.calendars.find((c) => c.id === id);
    return item ? slaName(entity === 'policy' ? 'policy' : 'calendar', item) : id;
  };
  const dismiss = (id: string) => {
    focusNext.current = cardAfterDismiss(shown.map(replacedId), id);
    setDismissed(dismissReplaced(user.id, id, settings.replaced.map(replacedId)));
  };
  return (
    <Alert color="orange" role="status" title={t('slaSettings.replacedTitle')} data-testid="sla-replaced">
      <Stack gap={4}>
        <Text size="sm">
          {t('slaSettings.replacedLead')} {t('slaSettings.replacedDismissNote')}
        </Text>
        {shown.map((r) => {
          const id = replacedId(r);
          const thing = thingOf(r.entity, r.entityId);
          const field = fieldLabel(r.path);
          return (
            <Group key={id} gap="xs" wrap="nowrap" align="flex-start" data-testid="sla-replaced-change">
              <Text size="sm" style={{ flex: 1, minWidth: 0 }}>
                {t('slaSettings.replaced', {
                  lost: r.lost.actorName,
                  won: r.won.actorName,
                  thing,
                  field,
                  from: valueText(r.entity, r.path, r.lost.value, settings),
                  to: valueText(r.entity, r.path, r.won.value, settings),
                  time: formatDateTime(r.won.at),
                })}
              </Text>
              <CloseButton
                id={dismissButtonId(id)}
                size="sm"
                aria-label={t('slaSettings.replacedDismiss', { lost: r.lost.actorName, thing, field })}
                onClick={() => dismiss(id)}
              />
            </Group>
          );
        })}
      </Stack>
    </Alert>
  );
}

const dismissButtonId = (id: string): string => `sla-replaced-dismiss-${id.replace(/[^\w-]/g, '_')}`;
