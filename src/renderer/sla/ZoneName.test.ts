import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/state';
import { ZoneName } from './ZoneName';

// A calendar's time zone on the SLA settings and in the zone picker: its name in the reader's
// language, isolated; its IANA id under it, left to right, where an admin chooses or edits it.

const draw = (zone: string, withId: boolean) => renderToStaticMarkup(createElement(MantineProvider, null, createElement(ZoneName, { zone, withId })));

describe('a time zone shown to a person', () => {
  afterEach(() => setLocale('en', 'latn'));

  it('reads in Persian by its Persian name, the id beside it isolated left to right', async () => {
    await setLocale('fa', 'arabext');
    const html = draw('Europe/London', true);
    expect(html).toContain('<bdi>وقت بریتانیا</bdi>');
    expect(html).toContain('<bdi dir="ltr">Europe/London</bdi>');
    expect(draw('Asia/Tehran', false)).not.toContain('Asia/Tehran');
  });

  it('reads in English by its English name, the id only where asked for', () => {
    expect(draw('Asia/Tehran', false)).toContain('<bdi>Iran Standard Time</bdi>');
    expect(draw('Asia/Tehran', false)).not.toContain('Asia/Tehran');
    expect(draw('Asia/Tehran', true)).toContain('Asia/Tehran');
  });
});
