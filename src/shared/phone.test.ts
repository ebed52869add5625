import { describe, expect, it } from 'vitest';
import { toE164 } from './phone';

describe('phone numbers', () => {
  it('normalises common national and international formats to E.164', () => {
    expect(toE164('(512) 555-0142')).toBe('+15125550142');
    expect(toE164('512.555.0142')).toBe('+15125550142');
    expect(toE164('1 512 555 0142')).toBe('+15125550142');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('0044 20 7946 0958')).toBe('+442079460958');
    expect(toE164('020 7946 0958', '44')).toBe('+442079460958');
  });

  it('refuses text that cannot be a phone number', () => {
    expect(toE164('ann@example.com')).toBeNull();
    expect(toE164('12345')).toBeNull();
    expect(toE164('+1234567890123456')).toBeNull();
  });
});
