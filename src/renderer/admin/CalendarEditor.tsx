import { ActionIcon, Box, Button, Grid, Group, Input, SegmentedControl, Select, Stack, Switch, Table, Text, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useRef } from 'react';
import type { SlaSettings } from '../../shared/api';
import { calendarSchema, formatInCalendar, type BusinessCalendar, type DisplayCalendar } from '../../shared/sla/calendar';
import { copyDayHours, workingDaysOf } from '../../shared/sla/workWeek';
import { call } from '../backend';
import { DateField } from '../dates/DateField';
import { ownDirection } from '../direction';
import { DigitsTextInput, LocalNumberInput } from '../dates/DigitFields';
import { currentLocale, localiseDigits, solarYearsOf, t, zoneName } from '../i18n';
import { FitTable, HINT_UNDER, Section } from '../page';
import { useSearchFromScratch } from '../pickSearch';
import { holidayName, slaEditorTitle, slaName, slaSavedMessage, slaUsedBy, storedHolidayName, storedSlaName } from '../sla/shippedNames';
import { ZoneName } from '../sla/ZoneName';
import { EditorFrame, MissingItem, NameAndIdFields, useSettingsEditor } from './EditorFrame';
import { CALENDAR_YEARS, daysLabel, findZone, holidayIssuesShown, keptDraftDiffers, keptNewDraftName, localIssues, timeZones, typedNumber, unreadableNumbers, weekdayName, weekOrder } from './forms';
import { keptDraft } from '../drafts';
import classes from './SlaSettings.module.css';

// One business-hours calendar: its time zone, opening hours per weekday (several intervals
// a day for split shifts), holidays (one day, or the same date every year), the years it is
// valid for, and the calendar its dates are shown in. The weekly hours are kept as the flat
// list the desk stores, so an issue at 'weekly.2.start' lands under exactly that interval.

interface CalendarDraft {
  id: string;
  idEdited: boolean;
  name: string;
  timeZone: string;
  weekly: { day: number; start: string; end: string }[];
  /** False until the admin changes the hours: till then a new calendar's week follows its zone. */
  weekEdited?: boolean;
  /** `yearly` is the switch's state; the date's shape (MM-DD) says the same once typed. */
  holidays: { date: string; name: string; yearly?: boolean }[];
  yearFrom: number | string;
  yearTo: number | string;
  displayCalendar: DisplayCalendar;
}

// A shipped calendar's name and its holidays' names are shown in the reader's language, in the
// fields as in the list and the heading: an admin edits the name they read ("شبانه‌روزی", not
// "Around the clock" on a Persian screen). Left as shown, a name is saved as the data has it,
// so it stays shipped and a reader of the other language still reads it in theirs; typed
// over, it is saved as typed and shown so to everyone (shippedNames.ts: storedSlaName).
function draftOf(c: BusinessCalendar): CalendarDraft {
  return {
    id: c.id,
    idEdited: true,
    name: slaName('calendar', c),
    timeZone: c.timeZone,
    weekly: c.weekly.map((w) => ({ ...w })),
    holidays: c.holidays.map((h) => ({ ...h, name: holidayName(c.id, h.name) })),
    yearFrom: c.yearRange.from,
    yearTo: c.yearRange.to,
    displayCalendar: c.displayCalendar,
  };
}

/** A new calendar's opening hours: its zone's usual working days, 09:00 to 17:00. */
const weekOf = (zone: string): CalendarDraft['weekly'] => workingDaysOf(zone).map((day) => ({ day, start: '09:00', end: '17:00' }));

function newDraft(): CalendarDraft {
  const year = new Date().getFullYear();
  let zone = 'UTC';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    // UTC
  }
  return {
    id: '',
    idEdited: false,
    name: '',
    timeZone: zone,
    weekly: weekOf(zone),
    weekEdited: false,
    holidays: [],
    yearFrom: year,
    yearTo: year + 4,
    displayCalendar: 'gregory',
  };
}

const isYearly = (h: CalendarDraft['holidays'][number]): boolean => h.yearly ?? /^\d{2}-\d{2}$/.test(h.date);

/** A year field's text as a number: Persian and Arabic-Indic digits read; "1e5" is no year (NaN, not 100000). */
const toYear = typedNumber;

/** The year fields whose text is no year in range, each with what to type there. */
const unreadable = (d: CalendarDraft) =>
  unreadableNumbers([
    { path: 'yearRange.from', value: d.yearFrom, kind: 'year' },
    { path: 'yearRange.to', value: d.yearTo, kind: 'year' },
  ]);

/** Under a (Gregorian) year field, the Solar Hijri years it spans for a Persian reader. */
const solarHint = (v: number | string): string | undefined => {
  const years = solarYearsOf(toYear(v));
  return years ? t('slaEdit.yearSolar', { years }) : undefined;
};

function calendarOf(d: CalendarDraft): BusinessCalendar {
  const id = d.id.trim();
  return {
    id,
    name: storedSlaName('calendar', id, d.name.trim()),
    timeZone: d.timeZone,
    weekly: d.weekly,
    holidays: d.holidays.map((h) => ({ date: h.date.trim(), name: storedHolidayName(id, h.name) })),
    yearRange: { from: toYear(d.yearFrom), to: toYear(d.yearTo) },
    displayCalendar: d.displayCalendar,
  };
}

/** Where an editor keeps this calendar's unsaved changes (null: a new one). */
export const calendarDraftKey = (id: string | null): string => `sla.calendar.${id ?? 'new'}`;

/** Whether this calendar has changes typed and not saved (kept from an earlier visit to its editor). */
export function calendarHasDraft(calendar: BusinessCalendar): boolean {
  return keptDraftDiffers(keptDraft<CalendarDraft>(calendarDraftKey(calendar.id)), draftOf(calendar), calendarOf);
}

/** A new calendar typed on an earlier visit and not saved: its name as typed ('' if none), or null. */
export function newCalendarDraftName(): string | null {
  return keptNewDraftName(keptDraft<CalendarDraft>(calendarDraftKey(null)), newDraft(), calendarOf);
}

const PLACED = ['id', 'name', 'timeZone', 'weekly', 'holidays', 'yearRange', 'displayCalendar'];

export function CalendarEditor({ settings, calendarId, readOnly, saving }: { settings: SlaSettings; calendarId: string | null; readOnly: boolean; saving: <T>(persist: () => Promise<T>) => Promise<T> }) {
  const existing = calendarId === null ? null : (settings.calendars.find((c) => c.id === calendarId) ?? null);
  const isNew = calendarId === null;
  const { draft, edit, at, under, frame } = useSettingsEditor({
    entity: 'calendar',
    settings,
    draftOf,
    stored: existing,
    draftKey: calendarDraftKey(calendarId),
    initial: existing ? draftOf(existing) : newDraft(),
    isNew,
    readOnly,
    valueOf: calendarOf,
    original: existing ? calendarOf(draftOf(existing)) : null,
    validate: (c, tried) => holidayIssuesShown(localIssues(calendarSchema.safeParse(c)), c.holidays, tried),
    unreadable,
    takenIds: settings.calendars.map((c) => c.id),
    placed: PLACED,
    persist: (c, expected) => call('sla.saveCalendar', { ...c, expected }),
    savedMessage: (saved) => slaSavedMessage('calendar', saved),
    saving,
  });
  const locale = currentLocale();
  // Each zone by its name in the reader's language, its id under it (ZoneName); found by either.
  const zones = useMemo(() => {
    const all = timeZones();
    return (all.includes(draft.timeZone) ? all : [draft.timeZone, ...all]).map((zone) => ({ value: zone, label: zoneName(zone) }));
  }, [draft.timeZone, locale]);
  const zoneSearch = useSearchFromScratch(zones, draft.timeZone);
  const usedBy = settings.policies.filter((p) => p.calendarId === calendarId);
  // "Add holiday" takes the keyboard to the new holiday's date, which scrolls it into view: it
  // is added last, below the fold (far below at 420 px), and the button kept the focus.
  const focusHoliday = useRef<number | null>(null);
  useEffect(() => {
    const index = focusHoliday.current;
    if (index === null) return;
    focusHoliday.current = null;
    const field = document.querySelector(`#main [data-path="holidays.${index}.date"]`);
    (field instanceof HTMLInputElement ? field : field?.querySelector('input'))?.focus();
  }, [draft.holidays.length]);
  const addHoliday = () => {
    focusHoliday.current = draft.holidays.length;
    edit({ holidays: [...draft.holidays, { date: '', name: '' }] });
  };

  if (!isNew && !existing) return <MissingItem title={t('slaEdit.calendarMissing')} />;

  // Any change to the hours is the admin's: from then on, choosing another zone leaves them.
  const editWeek = (weekly: CalendarDraft['weekly']) => edit({ weekly, weekEdited: true });
  const setZone = (timeZone: string) => edit(draft.weekEdited === false ? { timeZone, weekly: weekOf(timeZone) } : { timeZone });
  const setHours = (index: number, patch: Partial<CalendarDraft['weekly'][number]>) =>
    editWeek(draft.weekly.map((w, i) => (i === index ? { ...w, ...patch } : w)));
  const addInterval = (day: number) => {
    const sameDay = draft.weekly.filter((w) => w.day === day);
    const last = sameDay[sameDay.length - 1];
    const next = last ? { day, start: last.end === '24:00' ? '00:00' : last.end, end: '24:00' } : { day, start: '09:00', end: '17:00' };
    editWeek([...draft.weekly, next]);
  };
  const removeInterval = (index: number) => editWeek(draft.weekly.filter((_, i) => i !== index));
  // "Copy to weekdays" copies a day's hours to the working week of the calendar's zone
  // (workingDaysOf): Saturday–Wednesday in Tehran, Sunday–Thursday in Riyadh, else
  // Monday–Friday; it was Monday–Friday whatever the zone. Not "the days that have hours": an
  // Iranian office's Thursday is a half day (the shipped Iran calendar's 08:00–13:00), a
  // round-the-clock desk's weekend has hours too, and copying a full day over those is not
  // what an admin means by weekdays. The button says the days it copies to, so a calendar
  // whose zone is not where its office is (UTC for a Tehran team) is not surprised.
  const workDays = workingDaysOf(draft.timeZone);
  const copyToWorkDays = (from: number) => editWeek(copyDayHours(draft.weekly, from, workDays));

  const setHoliday = (index: number, patch: Partial<CalendarDraft['holidays'][number]>) =>
    edit({ holidays: draft.holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  const toggleYearly = (index: number, yearly: boolean) => {
    const h = draft.holidays[index];
    if (!h) return;
    const year = Number.isFinite(toYear(draft.yearFrom)) ? toYear(draft.yearFrom) : new Date().getFullYear();
    const date = yearly ? (/^\d{4}-\d{2}-\d{2}$/.test(h.date) ? h.date.slice(5) : h.date) : /^\d{2}-\d{2}$/.test(h.date) ? `${year}-${h.date}` : h.date;
    setHoliday(index, { date, yearly });
  };

  let preview: string;
  try {
    preview = formatInCalendar(Date.now(), draft.timeZone, locale, draft.displayCalendar);
  } catch {
    preview = t('slaEdit.previewUnavailable');
  }
  const weeklyProblem = at('weekly');

  return (
    <EditorFrame
      {...frame}
      title={slaEditorTitle('calendar', isNew ? null : (existing ?? { id: '', name: '' }))}
      // A supervisor reads which policies count in it and what a change means for open tickets,
      // as on a policy's page (she read only "Read only").
      description={readOnly ? [...(usedBy.length > 0 ? [slaUsedBy(usedBy)] : []), isNew ? t('slaEdit.readOnly') : t('slaEdit.readOnlyCalendar')].join(' ') : usedBy.length > 0 ? slaUsedBy(usedBy) : t('slaEdit.calendarLead')}
      saveLabel={t('slaEdit.saveCalendar')}
    >
          <Section title={t('slaEdit.calendarBasics')} id="calendar-basics">
            <Grid gap="sm">
              <NameAndIdFields draft={draft} edit={edit} at={at} isNew={isNew} readOnly={readOnly} />
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('slaEdit.timeZone')}
                  description={t('slaEdit.timeZoneHint', { id: draft.timeZone })}
                  inputWrapperOrder={HINT_UNDER}
                  data={zones}
                  filter={findZone}
                  renderOption={({ option }) => <ZoneName zone={option.value} withId />}
                  value={draft.timeZone}
                  searchable
                  {...zoneSearch}
                  readOnly={readOnly}
                  allowDeselect={false}
                  limit={80}
                  nothingFoundMessage={t('slaEdit.noZone')}
                  onChange={(v) => v && setZone(v)}
                  error={at('timeZone')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <LocalNumberInput
                  keepTyped
                  label={t('slaEdit.yearFrom')}
                  description={solarHint(draft.yearFrom)}
                  inputWrapperOrder={HINT_UNDER}
                  value={draft.yearFrom}
                  readOnly={readOnly}
                  allowDecimal={false}
                  min={CALENDAR_YEARS.min}
                  max={CALENDAR_YEARS.max}
                  clampBehavior="none"
                  onChange={(v) => edit({ yearFrom: v })}
                  error={at('yearRange.from') ?? at('yearRange')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <LocalNumberInput
                  keepTyped
                  label={t('slaEdit.yearTo')}
                  description={solarHint(draft.yearTo)}
                  inputWrapperOrder={HINT_UNDER}
                  value={draft.yearTo}
                  readOnly={readOnly}
                  allowDecimal={false}
                  min={CALENDAR_YEARS.min}
                  max={CALENDAR_YEARS.max}
                  clampBehavior="none"
                  onChange={(v) => edit({ yearTo: v })}
                  error={at('yearRange.to')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <Stack gap={4}>
                  <Input.Label labelElement="div" id="display-calendar-label">
                    {t('slaEdit.displayCalendar')}
                  </Input.Label>
                  <Group gap="md" wrap="wrap">
                    <SegmentedControl
                      value={draft.displayCalendar}
                      readOnly={readOnly}
                      onChange={(v) => edit({ displayCalendar: v === 'persian' ? 'persian' : 'gregory' })}
                      data={[
                        { value: 'gregory', label: t('slaEdit.gregory') },
                        { value: 'persian', label: t('slaEdit.persian') },
                      ]}
                      aria-labelledby="display-calendar-label"
                    />
                    <Text size="sm" c="dimmed" aria-live="polite">
                      {t('slaEdit.preview', { date: preview })}
                    </Text>
                  </Group>
                </Stack>
              </Grid.Col>
            </Grid>
          </Section>

          <Section title={t('slaEdit.weekly')} id="calendar-weekly" padding={0}>
            <Text size="sm" c="dimmed" px="md" pt="sm">
              {t(readOnly ? 'slaEdit.weeklyLeadReadOnly' : 'slaEdit.weeklyLead', { zone: zoneName(draft.timeZone) })}
            </Text>
            {weeklyProblem && (
              <Text size="sm" c="red" px="md" pt={6} role="alert">
                {weeklyProblem}
              </Text>
            )}
            <Stack gap={0} mt="xs">
              {weekOrder(locale).map((day) => {
                const dayName = weekdayName(day, locale);
                const intervals = draft.weekly.map((w, index) => ({ ...w, index })).filter((w) => w.day === day);
                return (
                  <div key={day} className={classes.day} role="group" aria-label={dayName}>
                    <Text size="sm" fw={600} className={classes.dayName}>
                      {dayName}
                    </Text>
                    <Stack gap={6} className={classes.intervals}>
                      {intervals.length === 0 && (
                        <Text size="sm" c="dimmed" py={4}>
                          {t('slaEdit.closed')}
                        </Text>
                      )}
                      {intervals.map((w) => {
                        const overlap = at(`weekly.${w.index}`);
                        return (
                          <Box key={w.index}>
                            <Group gap={6} wrap="nowrap" align="flex-start">
                              <DigitsTextInput
                                size="xs"
                                w={84}
                                value={w.start}
                                readOnly={readOnly}
                                placeholder={t('slaEdit.opensPlaceholder')}
                                inputMode="numeric"
                                maxLength={5}
                                dir="ltr"
                                aria-label={t('slaEdit.opens', { day: dayName })}
                                onChange={(start) => setHours(w.index, { start })}
                                error={at(`weekly.${w.index}.start`) ? true : undefined}
                                data-path={`weekly.${w.index}.start`}
                              />
                              <Text size="sm" c="dimmed" pt={4} aria-hidden>
                                –
                              </Text>
                              <DigitsTextInput
                                size="xs"
                                w={84}
                                value={w.end}
                                readOnly={readOnly}
                                placeholder={t('slaEdit.closesPlaceholder')}
                                inputMode="numeric"
                                maxLength={5}
                                dir="ltr"
                                aria-label={t('slaEdit.closes', { day: dayName })}
                                onChange={(end) => setHours(w.index, { end })}
                                error={at(`weekly.${w.index}.end`) ? true : undefined}
                                data-path={`weekly.${w.index}.end`}
                              />
                              {!readOnly && (
                                <Tooltip label={t('slaEdit.removeHours')} openDelay={300}>
                                  <ActionIcon variant="subtle" color="gray" size="md" onClick={() => removeInterval(w.index)} aria-label={t('slaEdit.removeHoursOn', { day: dayName, from: localiseDigits(w.start), to: localiseDigits(w.end) })}>
                                    <IconTrash size={15} aria-hidden />
                                  </ActionIcon>
                                </Tooltip>
                              )}
                            </Group>
                            {[at(`weekly.${w.index}.start`), at(`weekly.${w.index}.end`), overlap].filter(Boolean).map((m) => (
                              <Text key={m} size="xs" c="red" mt={2}>
                                {m}
                              </Text>
                            ))}
                          </Box>
                        );
                      })}
                    </Stack>
                    {!readOnly && (
                      <Group gap={4} wrap="nowrap" className={classes.dayActions}>
                        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => addInterval(day)} aria-label={t('slaEdit.addHoursOn', { day: dayName })}>
                          {t('slaEdit.addHours')}
                        </Button>
                        {/* A day that cannot be copied keeps the button's room, so each day's "Add hours" stands in one column. */}
                        {workDays.includes(day) && intervals.length > 0 ? (
                          <Tooltip label={t('slaEdit.copyToDays', { days: daysLabel(workDays, locale) })} openDelay={300}>
                            <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => copyToWorkDays(day)} aria-label={t('slaEdit.copyDayToDays', { day: dayName, days: daysLabel(workDays, locale, { spoken: true }) })}>
                              <IconCopy size={13} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        ) : (
                          <span className={classes.copySlot} aria-hidden />
                        )}
                      </Group>
                    )}
                  </div>
                );
              })}
            </Stack>
          </Section>

          <Section
            title={t('slaEdit.holidays')}
            id="calendar-holidays"
            padding={draft.holidays.length === 0 ? 'md' : 0}
            actions={
              !readOnly && (
                <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={addHoliday}>
                  {t('slaEdit.addHoliday')}
                </Button>
              )
            }
          >
            {draft.holidays.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('slaEdit.noHolidays')}
              </Text>
            ) : (
              // Below 620 px of box (a 420 px window) a holiday is one block: its date, "every
              // year" and remove, then its name, each field named above it (container query).
              <FitTable>
                <Table className={`${classes.targets} ${classes.holidays}`} verticalSpacing={6} layout="fixed">
                  <colgroup>
                    <col style={{ width: 180 }} />
                    <col />
                    <col style={{ width: 130 }} />
                    <col style={{ width: 48 }} />
                  </colgroup>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('slaEdit.holidayDate')}</Table.Th>
                      <Table.Th scope="col">{t('slaEdit.holidayName')}</Table.Th>
                      <Table.Th scope="col">{t('slaEdit.everyYear')}</Table.Th>
                      {/* Positioned, so the hidden (absolute) label is clipped by the table's scroll box: unclipped, it widened the whole page on a narrow window, which then scrolled sideways. */}
                      <Table.Th scope="col" pos="relative">
                        <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {draft.holidays.map((h, index) => {
                      const yearly = isYearly(h);
                      const label = h.name || t('slaEdit.holidayN', { n: index + 1 });
                      return (
                        <Table.Tr key={index}>
                          <Table.Td>
                            {yearly ? (
                              <DigitsTextInput
                                size="xs"
                                placeholder={t('slaEdit.yearlyPlaceholder')}
                                value={h.date}
                                readOnly={readOnly}
                                dir="ltr"
                                aria-label={t('slaEdit.holidayDateYearlyOf', { name: label })}
                                label={t('slaEdit.holidayDate')}
                                labelProps={{ className: classes.targetLabel }}
                                onChange={(date) => setHoliday(index, { date })}
                                error={at(`holidays.${index}.date`)}
                                data-path={`holidays.${index}.date`}
                              />
                            ) : (
                              <DateField
                                size="xs"
                                englishType="date"
                                withGregorian={false}
                                placeholder={t('slaEdit.datePlaceholder')}
                                value={h.date}
                                readOnly={readOnly}
                                dir="ltr"
                                name={t('slaEdit.holidayDateOf', { name: label })}
                                aria-label={t('slaEdit.holidayDateOf', { name: label })}
                                label={t('slaEdit.holidayDate')}
                                labelProps={{ className: classes.targetLabel }}
                                onChange={(date) => setHoliday(index, { date })}
                                error={at(`holidays.${index}.date`)}
                                data-path={`holidays.${index}.date`}
                              />
                            )}
                          </Table.Td>
                          <Table.Td>
                            <TextInput
                              size="xs"
                              value={h.name}
                              readOnly={readOnly}
                              ref={ownDirection}
                              aria-label={t('slaEdit.holidayNameOf', { n: index + 1 })}
                              label={t('slaEdit.holidayName')}
                              labelProps={{ className: classes.targetLabel }}
                              onChange={(e) => setHoliday(index, { name: e.currentTarget.value })}
                              error={at(`holidays.${index}.name`)}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Switch
                              size="sm"
                              mt={4}
                              checked={yearly}
                              disabled={readOnly}
                              onChange={(e) => toggleYearly(index, e.currentTarget.checked)}
                              aria-label={t('slaEdit.everyYearFor', { name: label })}
                              label={t('slaEdit.everyYear')}
                              classNames={{ label: classes.targetLabel }}
                            />
                          </Table.Td>
                          <Table.Td>
                            {!readOnly && (
                              <ActionIcon variant="subtle" color="gray" onClick={() => edit({ holidays: draft.holidays.filter((_, i) => i !== index) })} aria-label={t('slaEdit.removeHoliday', { name: label })}>
                                <IconTrash size={15} aria-hidden />
                              </ActionIcon>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </FitTable>
            )}
            {under('holidays').filter((i) => i.path === 'holidays').map((i) => (
              <Text key={i.message} size="xs" c="red" mt={4}>
                {i.message}
              </Text>
            ))}
          </Section>

    </EditorFrame>
  );
}
