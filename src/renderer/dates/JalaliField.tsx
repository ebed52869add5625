import { ActionIcon, Group, Popover, Table, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCalendar, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { currentDirection, dayParts, formatDigits, formatWeekday, localiseDigits, t } from '../i18n';
import { HINT_UNDER } from '../page';
import type { DateFieldProps } from './DateField';
import { PERSIAN_WEEK, addMonths, isoToJalali, jalaliText, jalaliToIso, monthGrid, parseJalali, todayJalali, type JalaaliDate } from './jalali';
import classes from './DateField.module.css';

// The Persian date field (see DateField): Solar Hijri text in the reader's digits, and a
// Saturday-first Jalali month to pick from; the form gets the ISO date.

const shown = (iso: string): string | null => {
  const j = isoToJalali(iso);
  return j ? localiseDigits(jalaliText(j)) : null;
};

export function JalaliField({ value, onChange, name, withGregorian, error, description, readOnly, disabled, placeholder: _gregorianPlaceholder, ...rest }: Omit<DateFieldProps, 'englishType'>) {
  const [text, setText] = useState(() => shown(value) ?? value);
  const [opened, setOpened] = useState(false);
  // A value set from outside (the calendar, a restored draft) shows as its Jalali date.
  useEffect(() => {
    if ((parseJalali(text) ?? text) !== value) setText(shown(value) ?? value);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new value from outside
  }, [value]);
  const parsed = parseJalali(text);
  const unreadable = text.trim() !== '' && parsed === null;
  const type = (typed: string) => {
    setText(typed);
    onChange(parseJalali(typed) ?? typed);
  };
  const pick = (iso: string) => {
    setText(shown(iso) ?? iso);
    onChange(iso);
    setOpened(false);
  };
  // The ISO date keeps its left-to-right order inside the Persian sentence (isolated).
  const gregorian = parsed && withGregorian ? t('date.gregorian', { date: `\u2066${localiseDigits(parsed)}\u2069` }) : undefined;
  const calendar = (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus returnFocus shadow="md">
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" size="sm" disabled={readOnly || disabled} aria-label={t('date.openCalendar', { label: name })} onClick={() => setOpened((o) => !o)} aria-expanded={opened}>
          <IconCalendar size={16} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <JalaliMonth selected={parsed ? isoToJalali(parsed) : null} onPick={pick} />
      </Popover.Dropdown>
    </Popover>
  );
  return (
    <TextInput
      {...rest}
      value={text}
      onChange={(e) => type(e.currentTarget.value)}
      readOnly={readOnly}
      disabled={disabled}
      // The caller's placeholder shows a Gregorian date; this field wants a Solar Hijri one.
      placeholder={t('date.jalaliPlaceholder')}
      error={unreadable ? t('date.invalidJalali') : error}
      description={description ?? gregorian}
      // The Gregorian date under the box: above it, it pushed the box below its neighbours' in a
      // row (a system's ship date beside its warranty level).
      inputWrapperOrder={rest.inputWrapperOrder ?? HINT_UNDER}
      rightSection={readOnly ? undefined : calendar}
      rightSectionPointerEvents="all"
    />
  );
}

const utcOf = (d: JalaaliDate): number => Date.parse(`${jalaliToIso(d)}T00:00:00Z`);
const same = (a: JalaaliDate | null, b: JalaaliDate | null) => !!a && !!b && a.jy === b.jy && a.jm === b.jm && a.jd === b.jd;

/** One Jalali month to pick a day from. */
export function JalaliMonth({ selected, onPick }: { selected: JalaaliDate | null; onPick: (iso: string) => void }) {
  const today = todayJalali();
  const [month, setMonth] = useState(() => ({ jy: (selected ?? today).jy, jm: (selected ?? today).jm }));
  const weeks = monthGrid(month.jy, month.jm);
  const rtl = currentDirection() === 'rtl';
  // In right-to-left the previous month is on the right, its arrow pointing right.
  const Back = rtl ? IconChevronRight : IconChevronLeft;
  const Forward = rtl ? IconChevronLeft : IconChevronRight;
  const first = dayParts(utcOf({ ...month, jd: 1 }));
  const title = t('date.monthTitle', { month: first.month, year: first.year });
  return (
    <div className={classes.month}>
      <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
        <ActionIcon variant="subtle" color="gray" aria-label={t('date.previousMonth')} onClick={() => setMonth((m) => addMonths(m.jy, m.jm, -1))}>
          <Back size={16} aria-hidden />
        </ActionIcon>
        <Text size="sm" fw={600} aria-live="polite">
          {title}
        </Text>
        <ActionIcon variant="subtle" color="gray" aria-label={t('date.nextMonth')} onClick={() => setMonth((m) => addMonths(m.jy, m.jm, 1))}>
          <Forward size={16} aria-hidden />
        </ActionIcon>
      </Group>
      <Table className={classes.grid} withRowBorders={false} verticalSpacing={0} horizontalSpacing={0}>
        <caption>
          <VisuallyHidden>{title}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            {PERSIAN_WEEK.map((day) => (
              <Table.Th key={day} scope="col" ta="center" className={classes.weekday}>
                <abbr title={formatWeekday(day, 'long')}>{formatWeekday(day, 'short').slice(0, 1)}</abbr>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weeks.map((week, w) => (
            <Table.Tr key={w}>
              {week.map((d, i) => (
                <Table.Td key={i} ta="center">
                  {d && (
                    <UnstyledButton
                      className={classes.day}
                      data-selected={same(d, selected) || undefined}
                      data-today={same(d, today) || undefined}
                      data-weekend={PERSIAN_WEEK[i] === 5 || undefined}
                      aria-pressed={same(d, selected)}
                      aria-label={t('date.dayLabel', dayParts(utcOf(d)))}
                      onClick={() => onPick(jalaliToIso(d))}
                    >
                      {formatDigits(d.jd)}
                    </UnstyledButton>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="center" mt={4}>
        <UnstyledButton className={classes.today} onClick={() => onPick(jalaliToIso(today))}>
          {t('date.today')}
        </UnstyledButton>
      </Group>
    </div>
  );
}
