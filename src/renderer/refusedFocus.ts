import { useEffect, type RefObject } from 'react';

// A dialog's submit refused (the back end said no, or the form itself found a field missing)
// takes the keyboard to the first field it marked. The submit button, busy while the back end
// was asked, was disabled and lost focus to the page's body: the next Tab went nowhere, and
// what the agent typed next (Enter in the subject, then the rest of the word) was lost.

interface Focusable {
  focus(): void;
}

interface FormLike {
  querySelector(selector: string): Focusable | null;
}

/** Focuses the form's first field marked invalid, else its submit button; returns what took focus. */
export function focusRefused(form: FormLike | null): Focusable | null {
  const target = form?.querySelector('[aria-invalid="true"]') ?? form?.querySelector('button[type="submit"]') ?? null;
  target?.focus();
  return target;
}

/** Each time `problem` is set (a refused submit), focus goes as focusRefused says, once the form is drawn with it. */
export function useRefusedFocus(problem: unknown, form: RefObject<HTMLFormElement | null>): void {
  useEffect(() => {
    if (problem) focusRefused(form.current);
  }, [problem, form]);
}

/**
 * For a page's action refused with no field of a form to mark (a merge: its choices are radios,
 * each right in itself): each time `problem` is set, focus goes to the error shown for it
 * (drawn with tabIndex -1), which says what to change. The button, busy while the desk was
 * asked, got focus back, or the heading did, and the error above was left for the eye to find.
 */
export function useProblemFocus(problem: unknown, alert: RefObject<Focusable | null>): void {
  useEffect(() => {
    if (problem) alert.current?.focus();
  }, [problem, alert]);
}
