import './csp';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initLocale, toggleDirection } from './i18n';
import { colorSchemeManager, theme } from './theme';

const { dir } = initLocale();

// Hidden developer toggle for checking right-to-left layouts: Ctrl+Alt+Shift+D.
window.addEventListener('keydown', (e) => {
  if (e.ctrlKey && e.altKey && e.shiftKey && e.key.toLowerCase() === 'd') {
    toggleDirection();
    window.location.reload();
  }
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <DirectionProvider initialDirection={dir} detectDirection={false}>
      <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
        <Notifications position="bottom-right" limit={4} />
        <App />
      </MantineProvider>
    </DirectionProvider>
  </StrictMode>,
);
