import type { Quality } from '../../shared/customerApi';
import type { RecordDialog } from './RecordDialogs';

// A fix on the data-quality page ("Add an email") opens the record's own dialog for it, with the
// field to fill in focused: the 360° view alone left the admin to find Edit, then the field.

export type FixField = 'email' | 'phone';

/** The dialog (and the field in it) a fix opens, or null for a fix done on the 360° view itself. */
export function fixDialogOf(fix: string | null | undefined): { dialog: RecordDialog; focus: FixField | null } | null {
  switch (fix as Quality['fixes'][number] | null | undefined) {
    case 'addEmail':
    case 'fixEmail':
      return { dialog: { kind: 'customer' }, focus: 'email' };
    case 'addPhone':
    case 'fixPhone':
      return { dialog: { kind: 'customer' }, focus: 'phone' };
    case 'addContact':
      return { dialog: { kind: 'contact', contactId: null }, focus: null };
    default:
      return null;
  }
}
