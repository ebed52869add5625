import { describe, expect, it } from 'vitest';
import type { CustomerDraftState } from '../../shared/customerApi';
import { rebase, type EditBase } from './recordRebase';

// The edit dialog's draft moved onto a newer version of the record: after a refusal (the desk
// had moved on) or when the page reads the changed record. Nothing typed may be lost.

const opened: CustomerDraftState = { kind: 'person', name: 'Maria Gonzalez', segment: 'home', serviceLevel: 'basic', email: 'maria.gonzalez@example.com', phone: '+14155550199', country: '', locale: 'en-US' };
const base: EditBase = { version: 10, values: opened };

describe('an edit moved onto a record that changed meanwhile', () => {
  it('keeps what was typed, takes their values in the fields left alone, and names the fields both changed', () => {
    const draft = { ...opened, name: 'Maria Gonzalez Ruiz', phone: '(415) 555-0123' };
    const theirs = { ...opened, name: 'María González', email: 'maria.g@example.org' };
    const r = rebase(draft, base, { version: 12, values: theirs }, null);
    expect(r).not.toBeNull();
    expect({ ...draft, ...r!.patch }).toEqual({ ...opened, name: 'Maria Gonzalez Ruiz', phone: '(415) 555-0123', email: 'maria.g@example.org' });
    // Save then sends the version it has now seen.
    expect(r!.base).toEqual({ version: 12, values: theirs });
    expect(r!.clash).toEqual({ fields: ['name'], theirs });
  });

  it('does nothing with a read that is not newer than what the draft is based on', () => {
    const draft = { ...opened, name: 'Maria Gonzalez Ruiz' };
    expect(rebase(draft, base, { version: 10, values: { ...opened, email: 'x@example.org' } }, null)).toBeNull();
    expect(rebase(draft, { ...base, version: 12 }, { version: 11, values: opened }, null)).toBeNull();
  });

  it('says nothing when only the record’s contacts or systems changed, or nothing was typed', () => {
    const typed = rebase({ ...opened, name: 'Maria Gonzalez Ruiz' }, base, { version: 11, values: opened }, null);
    expect(typed).toMatchObject({ patch: {}, clash: null, base: { version: 11 } });
    const untouched = rebase(opened, base, { version: 11, values: { ...opened, name: 'María González' } }, null);
    expect(untouched).toMatchObject({ patch: { name: 'María González' }, clash: null });
  });

  it('keeps naming a field an earlier move named while what was typed there still differs, and offers their latest version', () => {
    const draft = { ...opened, name: 'Maria Gonzalez Ruiz', email: 'mine@example.net' };
    const first = rebase(draft, base, { version: 11, values: { ...opened, name: 'María González' } }, null)!;
    expect(first.clash?.fields).toEqual(['name']);
    const later = { ...first.base.values, email: 'theirs@example.org' };
    const second = rebase({ ...draft, ...first.patch }, first.base, { version: 12, values: later }, first.clash)!;
    expect(second.clash).toEqual({ fields: ['name', 'email'], theirs: later });
    // A contact added after that: the notice stays, with their latest version.
    const third = rebase({ ...draft, ...second.patch }, second.base, { version: 13, values: later }, second.clash)!;
    expect(third.clash).toEqual(second.clash);
  });

  it('takes a phone written another way (as the dialog shows it, or as stored) for the same number: not typed, and no clash', () => {
    const shown = { ...opened, phone: '+1 415 555 0199' };
    const theirs = { ...opened, phone: '+1 415 555 0123' };
    const r = rebase(shown, base, { version: 11, values: theirs }, null);
    expect(r).toMatchObject({ patch: { phone: '+1 415 555 0123' }, clash: null });
    // Their change touched the name only: the same number, written two ways, is left as it is.
    const named = rebase({ ...shown, name: 'Maria Gonzalez Ruiz' }, { ...base, values: shown }, { version: 11, values: { ...opened, name: 'María González' } }, null);
    expect(named).toMatchObject({ patch: {}, clash: { fields: ['name'] } });
  });
});
