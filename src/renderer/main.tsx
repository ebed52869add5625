import './csp';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/spotlight/styles.css';
import './styles.css';
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode, useEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initLocale, localeState, toggleDirection, useLocaleVersion, type Direction } from './i18n';
import { colorSchemeManager, cssVariablesResolver, themeFor } from './theme';

const { dir } = initLocale();

// Hidden developer toggle for checking right-to-left layouts: Ctrl+Alt+Shift+D.
window.addEventListener('keydown', (e) => {
  if (e.ctrlKey && e.altKey && e.shiftKey && e.key.toLowerCase() === 'd') toggleDirection();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

/** Re-renders everything when the language, digits or direction change (no reload). */
function Root() {
  const version = useLocaleVersion();
  const { direction } = localeState();
  const theme = useMemo(() => themeFor(), [version]);
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <FollowDirection direction={direction} />
      <Notifications position={direction === 'rtl' ? 'bottom-left' : 'bottom-right'} limit={4} />
      <App />
    </MantineProvider>
  );
}

function FollowDirection({ direction }: { direction: Direction }) {
  const { dir: current, setDirection } = useDirection();
  useEffect(() => {
    if (current !== direction) setDirection(direction);
  }, [current, direction, setDirection]);
  return null;
}

createRoot(root).render(
  <StrictMode>
    <DirectionProvider initialDirection={dir} detectDirection={false}>
      <Root />
    </DirectionProvider>
  </StrictMode>,
);
