import { createTheme, localStorageColorSchemeManager, type CSSVariablesResolver, type MantineThemeOverride } from '@mantine/core';
import { t } from './i18n';

// Calm and dense: indigo accents on neutral greys, small radii, compact inputs, and a
// focus ring that is always visible for keyboard users.
//
// Contrast is decided here, in the tokens, never per component (WCAG 2.1 AA, 4.5:1 for
// text): dimmed text is gray 7 in light and dark 1 in dark; coloured text (links, light
// and outline badges, alerts) is a dark shade in light and a light shade in dark; filled
// buttons and badges pick black or white text by the colour's luminance (autoContrast,
// threshold where both give the same ratio), so white-on-orange no longer happens.

const WARM = ['yellow', 'orange', 'lime', 'green', 'teal', 'cyan'];

export const cssVariablesResolver: CSSVariablesResolver = (theme) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-9)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-indigo-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    // A field's error message (and, in error, its placeholder): Mantine's red 6 was 3.28:1 on
    // white, so "Choose a reason for the escalation." under an empty field was hard to read.
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  };
  const dark: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-3)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-indigo-3)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
    // Mantine's red 8 on a dialog's dark 6 was 2.48:1; red 4 is 5.9:1 there.
    '--mantine-color-error': 'var(--mantine-color-red-4)',
  };
  for (const color of Object.keys(theme.colors)) {
    if (color === 'dark') continue;
    const onLight = WARM.includes(color) ? `color-mix(in srgb, var(--mantine-color-${color}-9), black 38%)` : `var(--mantine-color-${color}-9)`;
    for (const token of ['text', 'light-color', 'outline']) {
      light[`--mantine-color-${color}-${token}`] = onLight;
      dark[`--mantine-color-${color}-${token}`] = `var(--mantine-color-${color}-3)`;
    }
    // A light button under the pointer went from shade 1 to shade 2, where its dark label
    // fell to 4.12:1 (indigo 9 on indigo 2, Take next on the queues page). Half-way still shows
    // the hover, at 4.9:1.
    light[`--mantine-color-${color}-light-hover`] = `color-mix(in srgb, var(--mantine-color-${color}-1), var(--mantine-color-${color}-2))`;
    // A warm colour's filled shade is light enough for black text (autoContrast), but Mantine
    // darkens it on hover, where the same black label fell to 4.19:1 (teal-9, the Resolve
    // button under the pointer after Take). Its hover goes one shade lighter instead.
    if (WARM.includes(color)) {
      light[`--mantine-color-${color}-filled-hover`] = `var(--mantine-color-${color}-7)`;
      dark[`--mantine-color-${color}-filled-hover`] = `var(--mantine-color-${color}-7)`;
    }
  }
  return { variables: {}, light, dark };
};

// Close buttons are named in the reader's language. Their default props are functions that
// Mantine calls at each render (useProps), so the theme object never changes with the
// language: a language switch does not make Mantine regenerate its CSS variables or
// invalidate every component's styles.
const closeButtonProps = () => ({ 'aria-label': t('common.close') });
const notificationProps = () => ({ closeButtonProps: { 'aria-label': t('notification.close') } });

/** The one theme (language-independent: see the getters above). */
export function themeFor(): MantineThemeOverride {
  return createTheme({
    primaryColor: 'indigo',
    // Mantine's red from shade 7 up, one step darker: white on red-7 (a breached figure)
    // is then 4.6:1 instead of 3.8:1.
    colors: { red: ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#fa5252', '#e03131', '#c92a2a', '#a61e1e'] },
    primaryShade: { light: 8, dark: 8 },
    autoContrast: true,
    luminanceThreshold: 0.179,
    defaultRadius: 'md',
    focusRing: 'auto',
    cursorType: 'pointer',
    // Someone who asked their system for less motion gets none: toasts, menus and drawers
    // appear at once. (Left at Mantine's default, a toast faded in over 250 ms whatever the
    // setting, and an audit that met one half-faded measured its text at 3.7:1.)
    respectReducedMotion: true,
    fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, "Noto Sans", "Noto Sans Arabic", Vazirmatn, Roboto, sans-serif',
    fontFamilyMonospace: '"JetBrains Mono", "Cascadia Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    headings: { fontWeight: '650' },
    components: {
      Button: { defaultProps: { size: 'sm' } },
      TextInput: { defaultProps: { size: 'sm' } },
      Select: { defaultProps: { size: 'sm', comboboxProps: { withinPortal: true } } },
      // Shown on keyboard focus too: the narrow navigation rail's icons are named on focus.
      Tooltip: { defaultProps: { openDelay: 250, withinPortal: true, events: { hover: true, focus: true, touch: false } } },
      Table: { defaultProps: { striped: false } },
      // An open menu moves focus to its first item, as the ARIA menu-button pattern has it,
      // instead of to an empty placeholder: that placeholder (role="presentation" inside
      // role="menu") is what axe reported as a menu without the items it must own.
      Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
      CloseButton: { defaultProps: closeButtonProps },
      Notification: { defaultProps: notificationProps },
    },
  });
}

export const theme = themeFor();

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'tagdesk.colorScheme' });
