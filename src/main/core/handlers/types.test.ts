import { describe, expect, it } from 'vitest';
import { combine, type Handlers } from './types';

describe('combining the areas into one handler map', () => {
  const status: Handlers['desk.status'] = () => ({ initialized: true, customers: 0, tickets: 0, demo: false, dataDir: ':memory:', leftHub: null });
  it('refuses a method declared twice, or missing, naming it', () => {
    expect(() => combine([{ reads: { 'desk.status': status }, writes: {} }, { reads: { 'desk.status': status }, writes: {} }])).toThrow(/declared twice: desk\.status/);
    expect(() => combine([{ reads: { 'desk.status': status }, writes: {} }])).toThrow(/missing: .*session\.signIn/);
  });
});
