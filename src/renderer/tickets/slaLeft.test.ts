import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/state';
import { slaLeft } from './slaLeft';

// A ticket's SLA card said "Business time remaining 22m" under a first response given long
// ago: a met target says by how much it was met (its outcome line says when), not time left.

const MIN = 60_000;

describe('the time an SLA target has, on the ticket page', () => {
  afterEach(async () => {
    await setLocale('en', 'latn');
  });

  it('is the business time left while the target runs, or how far past due', () => {
    expect(slaLeft({ phase: 'running', status: 'ok', remainingMs: 22 * MIN })).toEqual({ label: 'Business time remaining', value: '22m' });
    expect(slaLeft({ phase: 'running', status: 'breached', remainingMs: -5 * MIN })).toEqual({ label: 'Business time remaining', value: '5m over' });
  });

  it('is no time remaining once the target is met: the margin it was met by, or how late', () => {
    expect(slaLeft({ phase: 'met', status: 'met', remainingMs: 22 * MIN })).toEqual({ label: 'Met by', value: '22m to spare' });
    expect(slaLeft({ phase: 'met', status: 'breached', remainingMs: -5 * MIN })).toEqual({ label: 'Met by', value: '5m late' });
  });

  it('says nothing of time left once the ticket closed before the target was met', () => {
    expect(slaLeft({ phase: 'stopped', status: 'none', remainingMs: 22 * MIN })).toBeNull();
  });

  it('in Persian, without Latin letters', async () => {
    await setLocale('fa', 'arabext');
    const met = slaLeft({ phase: 'met', status: 'met', remainingMs: 22 * MIN })!;
    expect(`${met.label} ${met.value}`).not.toMatch(/[A-Za-z]/);
    expect(met.value).toContain('۲۲');
  });
});
