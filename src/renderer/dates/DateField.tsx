import { TextInput, type TextInputProps } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { localeState } from '../i18n';

// Every date field of the desk. It stores an ISO date (YYYY-MM-DD) in either language. In
// English it is the plain field it always was. In Persian the reader types and reads the
// Solar Hijri date (۱۴۰۵/۰۱/۱۵, in their digits) and picks it in a Jalali month: Saturday
// first, Persian month names (Intl), Friday marked as the weekend; what is stored is the
// same ISO date. A date that cannot be read is kept as typed and named under the field.
// The Jalali field is a chunk of its own (with jalaali-js), out of the start bundle and
// fetched when the browser is idle, as the Persian dictionary is.

export type DateFieldProps = Omit<TextInputProps, 'value' | 'onChange' | 'type'> & {
  /** ISO date, or whatever was typed that is not one yet. */
  value: string;
  onChange: (value: string) => void;
  /** What the field holds, for the calendar button's name ("ship date"). */
  name: string;
  /** The English field's input type: 'date' for the browser's own picker. */
  englishType?: 'date' | 'text';
  /** In Persian, the Gregorian date under the field (off in narrow tables). */
  withGregorian?: boolean;
};

const JalaliField = lazy(() => import('./JalaliField').then((m) => ({ default: m.JalaliField })));

/** Starts loading the Jalali field (main.tsx does, once the browser is idle). */
export const preloadJalaliField = (): Promise<unknown> => import('./JalaliField');

export function DateField({ value, onChange, name, englishType = 'text', withGregorian = true, ...rest }: DateFieldProps) {
  const plain = <TextInput {...rest} type={englishType} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
  if (localeState().language !== 'fa') return plain;
  return (
    <Suspense fallback={<TextInput {...rest} value={value} readOnly />}>
      <JalaliField value={value} onChange={onChange} name={name} withGregorian={withGregorian} {...rest} />
    </Suspense>
  );
}
