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
