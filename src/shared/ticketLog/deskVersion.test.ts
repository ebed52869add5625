import { describe, expect, it } from 'vitest';
import { DESK_MACHINE_VERSION, EVENT_DESK_VERSION, readablePrefix } from './deskVersion';
import { TICKET_LOG_EVENT_TYPES } from './envelope';

const t = (type: string) => ({ stream: 'ticket', type });

describe('which events a desk of a version can be sent', () => {
  it('every event type a desk can send has a version, none newer than this desk', () => {
    for (const type of TICKET_LOG_EVENT_TYPES) expect(EVENT_DESK_VERSION[type]).toBeLessThanOrEqual(DESK_MACHINE_VERSION);
    expect(EVENT_DESK_VERSION.RETURN_TO_QUEUE).toBe(2);
    expect(EVENT_DESK_VERSION.TAKE).toBe(1);
  });

  it('a version-1 desk gets the events before the first return to queue, none after it', () => {
    const page = [t('CREATED'), t('TAKE'), t('RETURN_TO_QUEUE'), t('ADD_NOTE')];
    expect(readablePrefix(page, 1)).toBe(2);
    expect(readablePrefix(page.slice(2), 1)).toBe(0);
  });

  it('this desk reads everything; other streams are never held back', () => {
    const page = [t('CREATED'), t('RETURN_TO_QUEUE'), { stream: 'customer', type: 'RETURN_TO_QUEUE' }];
    expect(readablePrefix(page, DESK_MACHINE_VERSION)).toBe(3);
    expect(readablePrefix([{ stream: 'customer', type: 'RETURN_TO_QUEUE' }, t('RETURN_TO_QUEUE')], 1)).toBe(1);
    expect(readablePrefix([], 1)).toBe(0);
  });
});
