import { Text } from '@mantine/core';
import { zoneName } from '../i18n';

// A calendar's time zone as a person reads it (zoneName: "United Kingdom Time", «وقت بریتانیا»),
// isolated from the words around it; where an admin chooses or looks up a zone, its IANA id
// ("Europe/London") under it, left to right whatever the page's direction.

export function ZoneName({ zone, withId = false, size = 'sm' }: { zone: string; withId?: boolean; size?: 'sm' | 'xs' }) {
  const name = zoneName(zone);
  return (
    <>
      <Text size={size} span>
        <bdi>{name}</bdi>
      </Text>
      {withId && name !== zone && (
        <Text size="xs" c="dimmed" ff="monospace" component="div" data-zone-id>
          <bdi dir="ltr">{zone}</bdi>
        </Text>
      )}
    </>
  );
}
