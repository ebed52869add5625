import { MERGE_FIELDS } from '../../shared/customerApi';
import type { CustomerDraftState } from '../../shared/customerApi';
import { countryOf, DEFAULT_COUNTRY, toE164 } from '../../shared/phone';

// The customer edit dialog's draft against a record that moved on (someone else saved it, or
// the desk took in a change from the hub, or the desk refused a save as made from a version it
// had moved on from). Pure, so it is tested without a window (recordRebase.test.ts).

/** The record's details an edit started from, and their version, kept beside the draft. */
export interface EditBase {
  version: number;
  values: CustomerDraftState;
}

/** Fields both the editor and someone else changed, and the other version of everything. */
export interface Clash {
  fields: (keyof CustomerDraftState)[];
  theirs: CustomerDraftState;
}

export interface Rebased {
  /** The fields the editor has not touched, set to the record's values now. */
  patch: Partial<CustomerDraftState>;
  /** What the edit now starts from: what Save sends as its version. */
  base: EditBase;
  /** What the dialog says (null: nothing to say); it keeps what an earlier clash named. */
  clash: Clash | null;
}

/** A customer's own fields: the ones a merge picks between (customerApi.ts). */
const FIELDS = MERGE_FIELDS satisfies readonly (keyof CustomerDraftState)[];

/**
 * The draft moved onto a newer version of the record: nothing typed is lost. A field the
 * editor typed in keeps what was typed; one left alone takes the record's value now. The new
 * base is the record as it is, so Save then puts what was typed over the other change, which
 * the dialog names (a clash: the fields both changed) with a way to take their version
 * instead. Null when `theirs` is not newer than the base (an older read, or the same one).
 */
export function rebase(draft: CustomerDraftState, base: EditBase, theirs: EditBase, clash: Clash | null): Rebased | null {
  if (theirs.version <= base.version) return null;
  const differ = (f: (typeof FIELDS)[number], a: CustomerDraftState, b: CustomerDraftState) => !sameValue(f, a, b);
  const typed = FIELDS.filter((f) => differ(f, draft, base.values));
  const patch: Partial<CustomerDraftState> = {};
  for (const f of FIELDS) if (!typed.includes(f) && draft[f] !== theirs.values[f]) Object.assign(patch, { [f]: theirs.values[f] });
  // A change to the record's contacts or systems moves its version, not its details.
  const moved = FIELDS.some((f) => differ(f, theirs.values, base.values));
  const both = typed.filter((f) => differ(f, theirs.values, base.values) && differ(f, theirs.values, draft));
  const next: Clash | null =
    typed.length > 0 && moved
      ? { fields: FIELDS.filter((f) => both.includes(f) || (clash?.fields.includes(f) === true && differ(f, draft, theirs.values))), theirs: theirs.values }
      : clash && { ...clash, theirs: theirs.values };
  return { patch, base: { version: theirs.version, values: theirs.values }, clash: next };
}

/**
 * Whether a field holds the same value in two versions of the details. A phone is the same
 * number however it is written ("+1 512 555 2896", "+15125552896", "(512) 555-2896" in its
 * country): the dialog shows it as the app shows phones, and the record, or a draft kept from
 * before, may have it as stored; that is no change of anyone's.
 */
function sameValue(f: (typeof FIELDS)[number], a: CustomerDraftState, b: CustomerDraftState): boolean {
  if (a[f] === b[f]) return true;
  if (f !== 'phone') return false;
  const number = (d: CustomerDraftState) => toE164(d.phone, countryOf(d.country) ?? DEFAULT_COUNTRY);
  const x = number(a);
  return x !== null && x === number(b);
}
