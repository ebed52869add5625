import { AppShell, Box, Burger, Group } from '@mantine/core';
import { useDisclosure, useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { t } from '../i18n';
import type { Route } from '../route';
import { Brand } from './Brand';
import { ConnectionBanner } from './ConnectionBanner';
import { ErrorBoundary } from './ErrorBoundary';
import { Lookup } from './Lookup';
import { Nav } from './Nav';
import { SlaWatch } from './SlaWatch';
import { useScrollHints } from './scrollHints';
import { useFocusHeadingOn, useFocusNeverLost } from './pageFocus';
import { CommandPalette } from './CommandPalette';
import classes from './Shell.module.css';

/** Header with the lookup field, the navigation rail, and the page. */
export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  const [mobileOpen, mobile] = useDisclosure(false);
  useScrollHints();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const isNarrow = useMediaQuery('(max-width: 75em)', false, { getInitialValueInEffect: false });
  const [navPreference, setNavPreference] = useLocalStorage<'auto' | 'compact' | 'full'>({ key: 'tagdesk.nav', defaultValue: 'auto', getInitialValueInEffect: false });
  const compact = !isMobile && (navPreference === 'auto' ? isNarrow : navPreference === 'compact');

  // Going somewhere closes the mobile navigation drawer. Opening a drill-down on the board
  // is not going somewhere: the board stays mounted (and live) behind its drawer.
  const routeKey = JSON.stringify(route.name === 'overview' ? { name: 'overview' } : route);
  const closeMobile = mobile.close;
  useEffect(() => closeMobile(), [routeKey, closeMobile]);
  useFocusHeadingOn(routeKey);
  useFocusNeverLost();

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: compact ? 72 : 248, breakpoint: 'sm', collapsed: { mobile: !mobileOpen } }} padding={0}>
      <a href="#main" className={classes.skip} onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('shell.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" gap="md" wrap="nowrap">
          <Burger opened={mobileOpen} onClick={mobile.toggle} hiddenFrom="sm" size="sm" aria-label={mobileOpen ? t('nav.close') : t('nav.open')} />
          <Box className={classes.brand} style={{ inlineSize: compact ? 40 : 216 }}>
            <Brand withName={!compact} />
          </Box>
          <Box style={{ flex: 1, maxWidth: 640, minWidth: 0 }}>
            <Lookup />
          </Box>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Nav
          route={route}
          compact={compact}
          canCollapse={!isMobile}
          onToggleCompact={() => setNavPreference(compact ? 'full' : 'compact')}
          onNavigate={mobile.close}
        />
      </AppShell.Navbar>
      <AppShell.Main>
        <ConnectionBanner />
        <Box id="main" tabIndex={-1} className={classes.main}>
          <ErrorBoundary key={routeKey}>{children}</ErrorBoundary>
        </Box>
      </AppShell.Main>
      <SlaWatch />
      <CommandPalette route={route} />
    </AppShell>
  );
}
