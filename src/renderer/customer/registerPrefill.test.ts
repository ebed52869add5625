import { describe, expect, it } from 'vitest';
import { registerPrefill } from './registerPrefill';

describe('what a lookup that found nobody fills in on the register form', () => {
  it('a tag, a phone number, an email or a name, each in its own field', () => {
    expect(registerPrefill('new7tag')).toEqual({ name: '', email: '', phone: '', serviceTag: 'NEW7TAG' });
    expect(registerPrefill('(512) 555-0142')).toEqual({ name: '', email: '', phone: '(512) 555-0142', serviceTag: null });
    expect(registerPrefill('ann@example.com')).toEqual({ name: '', email: 'ann@example.com', phone: '', serviceTag: null });
    expect(registerPrefill('Priya Raman')).toEqual({ name: 'Priya Raman', email: '', phone: '', serviceTag: null });
    expect(registerPrefill('T-999999').name).toBe('');
  });

  it('a number typed in Persian digits is a phone number or a tag, not a name', () => {
    expect(registerPrefill('۰۹۱۲ ۱۲۳ ۴۵۶۷')).toEqual({ name: '', email: '', phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷', serviceTag: null });
    expect(registerPrefill('۷XK۲QF۹')).toEqual({ name: '', email: '', phone: '', serviceTag: '7XK2QF9' });
  });
});
