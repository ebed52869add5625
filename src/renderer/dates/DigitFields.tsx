import { NumberInput, Text, TextInput, type TextInputProps } from '@mantine/core';
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { toAsciiDigits } from '../../shared/persianInput';
import { localeState, localiseDigits } from '../i18n';

// Fields that hold digits (a time such as 09:00, a month-day such as 03-21, a year, a number
// of minutes) in the digits the reader chose. What is shown is in their digits (۰۹:۰۰ with
// Persian digits); what is typed may be Persian, Arabic-Indic or Latin digits; what the form
// gets and stores is always ASCII ("09:00", 1405). With Latin digits they are the plain
// Mantine fields they always were.

/** Keeps the caret where the person typed while the shown text swaps digit for digit. */
function useCaret(shown: string) {
  const ref = useRef<HTMLInputElement>(null);
  const caret = useRef<number | null>(null);
  useLayoutEffect(() => {
    const input = ref.current;
    if (input && caret.current !== null && document.activeElement === input && input.value === shown) {
      input.setSelectionRange(caret.current, caret.current);
    }
    caret.current = null;
  }, [shown]);
  return { ref, remember: (input: HTMLInputElement) => (caret.current = input.selectionStart) };
}

const localDigits = () => localeState().digits !== 'latn';

export type DigitsTextInputProps = Omit<TextInputProps, 'value' | 'onChange'> & {
  /** ASCII text ("09:00"). */
  value: string;
  /** Gets the typed text with its digits made ASCII. */
  onChange: (value: string) => void;
};

/** A short text of digits and separators (a time, a month-day), shown in the reader's digits. */
export function DigitsTextInput({ value, onChange, placeholder, ...rest }: DigitsTextInputProps) {
  const shown = localiseDigits(value);
  const { ref, remember } = useCaret(shown);
  return (
    <TextInput
      {...rest}
      placeholder={placeholder === undefined ? undefined : localiseDigits(toAsciiDigits(placeholder))}
      ref={ref}
      value={shown}
      onChange={(e) => {
        remember(e.currentTarget);
        onChange(toAsciiDigits(e.currentTarget.value));
      }}
    />
  );
}

/** The props both kinds of number field take (a subset of NumberInput's). */
export type LocalNumberInputProps = Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'defaultValue' | 'vars' | 'styles' | 'classNames'> & {
  value: number | string;
  onChange: (value: number | string) => void;
  min?: number;
  max?: number;
  step?: number;
  clampBehavior?: 'blur' | 'none';
  /** Shown after the number (" %"); beside it in a Persian-digit field. */
  suffix?: string;
  allowDecimal?: boolean;
  allowNegative?: boolean;
  hideControls?: boolean;
  /**
   * Keep whatever is typed, in either kind of digit, as typed: what is not a number is passed on
   * as text for the form to say what to type (Mantine's field dropped "e" from "1e5", making it
   * 15, and Arabic-Indic digits, leaving it empty). The field is then a text field in any language.
   */
  keepTyped?: boolean;
};

/**
 * A whole number in the reader's digits: Mantine's NumberInput with Latin digits; with Persian
 * digits a text field that takes either kind of digit, keeps ArrowUp/ArrowDown stepping and
 * clamps to min/max when it loses focus (as NumberInput does), and shows a suffix beside it.
 */
export function LocalNumberInput({ keepTyped = false, ...props }: LocalNumberInputProps) {
  if (keepTyped) return <PersianDigitsNumberInput {...props} keepTyped />;
  if (!localDigits()) return <NumberInput {...props} />;
  return <PersianDigitsNumberInput {...props} />;
}

function PersianDigitsNumberInput({ value, onChange, min, max, step = 1, clampBehavior = 'blur', suffix, rightSection, allowDecimal = true, allowNegative = true, hideControls: _h, keepTyped = false, onBlur, onKeyDown, ...rest }: LocalNumberInputProps) {
  const text = value === '' ? '' : String(value);
  const shown = localiseDigits(text);
  const { ref, remember } = useCaret(shown);
  const clamp = (n: number) => Math.min(max ?? Infinity, Math.max(min ?? -Infinity, n));
  const unit = localDigits() ? suffix?.trim().replace('%', '٪') : suffix?.trim();
  return (
    <TextInput
      {...rest}
      ref={ref}
      value={shown}
      inputMode="numeric"
      rightSection={rightSection ?? (unit ? <Text size="sm" c="dimmed">{unit}</Text> : undefined)}
      onChange={(e) => {
        // The Persian decimal separator (٫) and minus sign (−) read as the Latin ones.
        const ascii = toAsciiDigits(e.currentTarget.value).replace(/\u066b/g, '.').replace(/\u2212/g, '-').trim();
        // Like NumberInput, a character that is not a digit (nor an allowed sign or point) is not
        // taken; a number still being typed ("-", "1.") is passed on as text, as NumberInput does.
        const shape = new RegExp(`^${allowNegative ? '-?' : ''}\\d*${allowDecimal ? '(\\.\\d*)?' : ''}$`);
        if (ascii !== '' && !shape.test(ascii) && !keepTyped) return;
        remember(e.currentTarget);
        // Kept as typed (its digits ASCII): "1e5" stays "1e5", for the form to say what to type.
        const typed = keepTyped ? toAsciiDigits(e.currentTarget.value) : ascii;
        onChange(ascii === '' ? '' : /^-?\d+(\.\d+)?$/.test(ascii) ? Number(ascii) : typed);
      }}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        onKeyDown?.(e);
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        e.preventDefault();
        const current = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : (min ?? 0);
        onChange(clamp(current + (e.key === 'ArrowUp' ? step : -step)));
      }}
      onBlur={(e) => {
        onBlur?.(e);
        const n = Number(text);
        if (clampBehavior !== 'none' && text !== '' && Number.isFinite(n) && clamp(n) !== n) onChange(clamp(n));
      }}
    />
  );
}
