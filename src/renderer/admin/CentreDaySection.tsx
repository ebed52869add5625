import { Button, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import type { SlaSettings } from '../../shared/api';
import { call, problemOf } from '../backend';
import { currentLocale, t, zoneName } from '../i18n';
import { HINT_UNDER, Section } from '../page';
import { useSearchFromScratch } from '../pickSearch';
import { ZoneName } from '../sla/ZoneName';
import { findZone, timeZones } from './forms';

// The centre's day: the time zone "today" follows on the board, its drill-downs and the day
// report. By default the zone most SLA policies' calendars are in (said, by name); an admin
// may name another. It syncs through the hub as the calendars do (the 'settings' stream).

const FOLLOW = 'follow-calendars';

// The page reads the settings again when they change (sla.settingsChanged), this save's too.
export function CentreDaySection({ settings, readOnly }: { settings: SlaSettings; readOnly: boolean }) {
  const saved = settings.centre.dayTimeZone ?? FOLLOW;
  const [value, setValue] = useState(saved);
  const [saving, setSaving] = useState(false);
  const locale = currentLocale();
  const zones = useMemo(
    () => [{ value: FOLLOW, label: t('slaSettings.dayZone.follow', { zone: zoneName(settings.calendarsDayZone) }) }, ...timeZones().map((zone) => ({ value: zone, label: zoneName(zone) }))],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the names follow the language
    [settings.calendarsDayZone, locale],
  );
  const search = useSearchFromScratch(zones, value);
  const inForce = settings.centre.dayTimeZone ?? settings.calendarsDayZone;
  const save = async () => {
    setSaving(true);
    try {
      await call('sla.saveCentre', { id: 'centre', dayTimeZone: value === FOLLOW ? null : value });
      notifications.show({ color: 'teal', message: t('slaSettings.dayZone.saved') });
    } catch (error) {
      notifications.show({ color: 'red', title: t('slaSettings.dayZone.failed'), message: problemOf(error).message });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Section title={t('slaSettings.dayZone.title')} id="centre-day">
      <Text size="sm" mb="sm">
        {t('slaSettings.dayZone.lead')}
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('slaSettings.dayZone.label')}
          description={t('slaSettings.dayZone.inForce', { zone: zoneName(inForce) })}
          inputWrapperOrder={HINT_UNDER}
          data={zones}
          filter={findZone}
          renderOption={({ option }) => (option.value === FOLLOW ? <Text size="sm">{option.label}</Text> : <ZoneName zone={option.value} withId />)}
          value={value}
          onChange={(v) => v && setValue(v)}
          searchable
          {...search}
          readOnly={readOnly}
          allowDeselect={false}
          w={{ base: '100%', sm: 360 }}
        />
        {!readOnly && (
          <Button loading={saving} disabled={value === saved} onClick={() => void save()}>
            {t('slaSettings.dayZone.save')}
          </Button>
        )}
      </Group>
    </Section>
  );
}
