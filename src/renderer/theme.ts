import { createTheme, localStorageColorSchemeManager } from '@mantine/core';

// Calm and dense: indigo accents on neutral greys, small radii, compact inputs, and a
// focus ring that is always visible for keyboard users.

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 4 },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, "Noto Sans", "Noto Sans Arabic", Roboto, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "Cascadia Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', comboboxProps: { withinPortal: true } } },
    Tooltip: { defaultProps: { openDelay: 250, withinPortal: true } },
    Table: { defaultProps: { striped: false } },
  },
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'tagdesk.colorScheme' });
