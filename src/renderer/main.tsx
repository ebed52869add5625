import './csp';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/spotlight/styles.css';
import './styles.css';
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadJalaliField } from './dates/DateField';
import { LANGUAGES, ensureStartDictionary, initLocale, loadDictionary, localeState, subscribeLocale, toggleDirection, useLocaleVersion } from './i18n';
import { colorSchemeManager, cssVariablesResolver, themeFor } from './theme';

const { dir } = initLocale();

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
 * Re-renders the tree when the language, digits or direction change (no reload, no remount:
 * every page keeps its state). Mantine's direction follows in the same render: the store's
 * listener sets it in the same event as the language, so React batches both into one pass.
 */
function Root() {
  useLocaleVersion();
  const { direction } = localeState();
  const { setDirection } = useDirection();
  useLayoutEffect(() => {
    setDirection(localeState().direction);
    return subscribeLocale(() => setDirection(localeState().direction));
  }, [setDirection]);
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position={direction === 'rtl' ? 'bottom-left' : 'bottom-right'} limit={4} />
      <App />
    </MantineProvider>
  );
}

// The start language's dictionary first (Persian is a chunk of its own), then the page; the
// other language is fetched once the browser is idle, so switching finds it loaded.
void ensureStartDictionary().then(() => {
  createRoot(root).render(
    <StrictMode>
      <DirectionProvider initialDirection={dir} detectDirection={false}>
        <Root />
      </DirectionProvider>
    </StrictMode>,
  );
  const preload = () => {
    LANGUAGES.forEach((l) => void loadDictionary(l));
    void preloadJalaliField();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(preload, { timeout: 3000 });
  else setTimeout(preload, 1000);
});
