import { describe, expect, it } from 'vitest';
import { retentionDaysEditable, retentionFormOf, retentionKeepChosen, retentionToSave } from './retentionForm';

describe('the retention setting as the admin edits it', () => {
  it('opens on the period in force, so saving untouched keeps it', () => {
    expect(retentionFormOf(90)).toEqual({ keep: 'days', days: 90 });
    expect(retentionToSave(retentionFormOf(90))).toEqual({ ok: true, retentionDays: 90 });
  });

  it('opens on "for ever" when no period is set, and saving untouched keeps it so', () => {
    expect(retentionToSave(retentionFormOf(null))).toEqual({ ok: true, retentionDays: null });
  });

  it('an emptied number box does not turn retention off: it asks for a number', () => {
    expect(retentionToSave({ keep: 'days', days: '' })).toEqual({ ok: false });
  });

  it('turns retention off only when "for ever" is chosen, whatever the box held', () => {
    expect(retentionToSave({ keep: 'forever', days: 90 })).toEqual({ ok: true, retentionDays: null });
  });

  it('takes no number while "for ever" is chosen, and keeps the one it held for when "Keep for" is chosen again', () => {
    const forever = retentionKeepChosen(retentionFormOf(90), 'forever');
    expect(retentionDaysEditable(forever)).toBe(false);
    const back = retentionKeepChosen(forever, 'days');
    expect(back).toEqual({ keep: 'days', days: 90 });
    expect(retentionDaysEditable(back)).toBe(true);
  });
});
