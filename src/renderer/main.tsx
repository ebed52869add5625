import './csp';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/spotlight/styles.css';
import './styles.css';
import { DirectionContext, MantineProvider } from '@mantine/core';
import { useViewportSize } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadJalaliField } from './dates/DateField';
import { directionContextOf } from './direction';
import { LANGUAGES, applyLocaleToDocument, ensureStartDictionary, initLocale, loadDictionary, localeState, toggleDirection, useLocaleVersion } from './i18n';
import { noticePlacement, useDrawerOnScreen } from './shell/noticePlacement';
import { colorSchemeManager, cssVariablesResolver, themeFor } from './theme';

initLocale();

// Hidden developer toggle for checking right-to-left layouts: Ctrl+Alt+Shift+D.
window.addEventListener('keydown', (e) => {
  if (e.ctrlKey && e.altKey && e.shiftKey && e.key.toLowerCase() === 'd') toggleDirection();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// The theme does not depend on the language (close-button names are read at render), so it
// is made once: a language switch re-renders the tree but never rebuilds Mantine's styles.
const theme = themeFor();

/**
 * Mantine's provider is rendered once and never re-rendered by a language switch: its context
 * value is new on each of its renders, and every Mantine component on the page (including
 * those of sections that wait for their turn, see inViewFirst) would then redraw with it.
 */
function Root() {
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <Localized />
    </MantineProvider>
  );
}

/**
 * Re-renders the tree when the language, digits or direction change (no reload, no remount:
 * every page keeps its state). Mantine reads the direction from this render's context, and
 * the document's lang and dir are written after React has committed the page in the new
 * language, so the browser lays the switched page out once.
 */
function Localized() {
  const version = useLocaleVersion();
  const { direction } = localeState();
  useLayoutEffect(() => applyLocaleToDocument(), [version]);
  return (
    <DirectionContext value={directionContextOf(direction)}>
      <NoticeLayer direction={direction} />
      <App />
    </DirectionContext>
  );
}

/**
 * The notices, away from an open drawer (noticePlacement.ts). A component of its own, so a
 * drawer opening or the window resizing redraws the notices only, not the page.
 */
function NoticeLayer({ direction }: { direction: 'ltr' | 'rtl' }) {
  const drawer = useDrawerOnScreen();
  const { width } = useViewportSize();
  // Before the first measure (0) the window's own width.
  const place = noticePlacement(direction, width || window.innerWidth, drawer);
  return <Notifications position={place.position} containerWidth={place.width} zIndex={place.zIndex} limit={4} />;
}

// The start language's dictionary first (Persian is a chunk of its own), then the page; the
// other language is fetched once the browser is idle, so switching finds it loaded.
void ensureStartDictionary().then(() => {
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
  const preload = () => {
    LANGUAGES.forEach((l) => void loadDictionary(l));
    void preloadJalaliField();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(preload, { timeout: 3000 });
  else setTimeout(preload, 1000);
});
