import { describe, expect, it } from 'vitest';
import type { DuplicateCandidate } from '../../shared/customerApi';
import { setLocale } from '../i18n/state';
import { tagOwnerMessage, tagShapeMessage, tagToCheck } from './tagCheck';

const lakeside: DuplicateCandidate = { customerId: 'c1', name: 'Lakeside Unified School District', segment: 'education', email: null, phone: null, score: 0.8, reasons: ['tag'] };
const byName: DuplicateCandidate = { ...lakeside, customerId: 'c2', name: 'Lakeside Cafe', reasons: ['name'] };

describe('the service tag checked as it is typed', () => {
  it('is checked once it is a whole tag, however it was typed', () => {
    expect(tagToCheck('7XK2QF')).toBeNull();
    expect(tagToCheck('7xk-2qf1')).toBe('7XK2QF1');
    expect(tagToCheck('۷XK2QF1')).toBe('7XK2QF1');
  });

  it('names the customer the tag is already registered to, under the field', async () => {
    expect(tagOwnerMessage('7XK2QF1', [byName])).toBeUndefined();
    expect(tagOwnerMessage('7XK2QF1', [byName, lakeside])).toBe('Service tag 7XK2QF1 is already registered to Lakeside Unified School District. Open their record, or transfer the system from there.');
    await setLocale('fa', 'arabext');
    try {
      expect(tagOwnerMessage('7XK2QF1', [lakeside])).toContain('Lakeside Unified School District');
      expect(tagOwnerMessage('7XK2QF1', [lakeside])).toContain('پیش‌تر');
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('says what a tag looks like when the field is left holding something else', () => {
    expect(tagShapeMessage('')).toBeUndefined();
    expect(tagShapeMessage('7XK2QF1')).toBeUndefined();
    expect(tagShapeMessage('7XK2')).toMatch(/7XK2QF1/);
  });
});
