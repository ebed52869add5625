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
