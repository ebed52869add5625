// The Privacy tab's retention setting as the admin edits it. Keeping interactions for ever is a
// choice of its own, never an empty number box: the box shows the period in force, and an empty
// box is a number still to type (refused on Save), not "turn retention off".

export interface RetentionForm {
  /** 'forever' keeps interactions outside tickets for ever; 'days' removes them after `days`. */
  keep: 'forever' | 'days';
  days: number | '';
}

/** The form as it opens: the period in force, or "for ever" with the box empty for a period to type. */
export function retentionFormOf(current: number | null): RetentionForm {
  return current === null ? { keep: 'forever', days: '' } : { keep: 'days', days: current };
}

/** What Save sends: null only when "for ever" was chosen; a missing number is the admin's to type. */
export function retentionToSave(form: RetentionForm): { ok: true; retentionDays: number | null } | { ok: false } {
  if (form.keep === 'forever') return { ok: true, retentionDays: null };
  return form.days === '' ? { ok: false } : { ok: true, retentionDays: form.days };
}

/**
 * Whether the number box takes a number: not while "for ever" is chosen (a period typed there
 * did nothing, or switched the choice back behind the admin's back). What it held stays in the
 * form, shown greyed, for when "Keep for" is chosen again.
 */
export const retentionDaysEditable = (form: RetentionForm): boolean => form.keep === 'days';

/** The form with the other choice made: the number the box held is kept. */
export const retentionKeepChosen = (form: RetentionForm, keep: RetentionForm['keep']): RetentionForm => ({ ...form, keep });
