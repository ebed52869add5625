import { parseEmail } from '../../shared/customerRules';
import { parseTicketNumber } from '../../shared/domain';
import { toAsciiDigits } from '../../shared/persianInput';
import { cleanTagInput, registersAsTag } from '../../shared/serviceTag';

/**
 * What a lookup that found nobody fills in on the register form: a service tag, a phone
 * number, an email, or else a name (a ticket number names nobody). Persian or Arabic-Indic
 * digits, as a Persian keyboard types them, count as digits: a number read out is a phone
 * number or a tag, never a name.
 */
export function registerPrefill(query: string): { name: string; email: string; phone: string; serviceTag: string | null } {
  const q = query.trim();
  const ascii = toAsciiDigits(q);
  const asTag = registersAsTag(ascii);
  const asEmail = parseEmail(q).ok;
  const asPhone = !asTag && /^[+\d\s().\-\/]{7,}$/.test(ascii);
  return {
    name: !asTag && !asEmail && !asPhone && parseTicketNumber(ascii) === null ? q : '',
    email: asEmail ? q : '',
    phone: asPhone ? q : '',
    serviceTag: asTag ? cleanTagInput(ascii) : null,
  };
}
