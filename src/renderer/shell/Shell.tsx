import { AppShell, Box, Burger, Group } from '@mantine/core';
import { useDisclosure, useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { memo, useEffect, useMemo, type ReactNode } from 'react';
import { t, useLocaleVersion } from '../i18n';
import { pageKey, useRoute, type Route } from '../route';
import { Brand } from './Brand';
import { ConnectionBanner } from './ConnectionBanner';
import { ErrorBoundary } from './ErrorBoundary';
import { Lookup } from './Lookup';
import { Nav } from './Nav';
import { SlaWatch } from './SlaWatch';
import { TakenFirstWatch } from '../sync/TakenFirstWatch';
import { RetimedWatch } from '../sla/RetimedWatch';
import { hearsOfBackups } from '../../shared/access';
import { BackupWatch } from './BackupWatch';
import { SyncIndicator, SyncLiveRegion } from '../sync/SyncIndicator';
import { ClockWarning } from '../sync/ClockWarning';
import { HubRestoredNotice } from '../sync/HubRestoredNotice';
import { RekeyedNotice } from '../sync/RekeyedNotice';
import { useScrollHints } from './scrollHints';
import { useFocusHeadingOn, useFocusNeverLost } from './pageFocus';
import { CommandPalette } from './CommandPalette';
import { prefetchPagesFor } from '../lazyPages';
import { useSession } from '../session';
import classes from './Shell.module.css';

/**
 * Header with the lookup field, the navigation rail, and the page. The shell itself does not
 * follow the route; only the nav and the page slot do. Going from one customer to the next
 * thus re-renders neither the app shell, nor the header and its lookup field, nor the banner.
 */
export const Shell = memo(function Shell({ page }: { page: (route: Route) => ReactNode }) {
  const [mobileOpen, mobile] = useDisclosure(false);
  // A language switch re-renders the shell and everything in it (no remount).
  useLocaleVersion();
  useScrollHints();
  const { user } = useSession();
  useEffect(() => prefetchPagesFor(user), [user]);
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const isNarrow = useMediaQuery('(max-width: 75em)', false, { getInitialValueInEffect: false });
  // Below this the sync state with its links leaves too little of the header for the lookup field.
  const syncBelow = useMediaQuery('(max-width: 62em)', false, { getInitialValueInEffect: false });
  const [navPreference, setNavPreference] = useLocalStorage<'auto' | 'compact' | 'full'>({ key: 'tagdesk.nav', defaultValue: 'auto', getInitialValueInEffect: false });
  const compact = !isMobile && (navPreference === 'auto' ? isNarrow : navPreference === 'compact');
  const closeMobile = mobile.close;

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
          <Box ms="auto">
            <SyncIndicator compact={isMobile} narrow={syncBelow} place="header" />
          </Box>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.panel')}>
        <RoutedNav compact={compact} canCollapse={!isMobile} onToggleCompact={() => setNavPreference(compact ? 'full' : 'compact')} onNavigate={closeMobile} />
      </AppShell.Navbar>
      <AppShell.Main>
        {/* In a narrow window, a sync state with a link to follow has this row under the header. */}
        <SyncIndicator compact={isMobile} narrow={syncBelow} place="row" />
        <ConnectionBanner />
        <ClockWarning />
        <HubRestoredNotice />
        <RekeyedNotice />
        <Box id="main" tabIndex={-1} className={classes.main}>
          <RoutedPage page={page} onRouteChange={closeMobile} />
        </Box>
      </AppShell.Main>
      {/* The sync state's one live region: it stays while the indicator moves. */}
      <SyncLiveRegion />
      <SlaWatch />
      <TakenFirstWatch />
      <RetimedWatch />
      {hearsOfBackups(user) && <BackupWatch />}
      <RoutedPalette />
    </AppShell>
  );
});

/** The navigation follows the route's name only: a new customer is not a new nav. */
function RoutedNav({ compact, canCollapse, onToggleCompact, onNavigate }: { compact: boolean; canCollapse: boolean; onToggleCompact: () => void; onNavigate: () => void }) {
  const route = useRoute();
  const name = route.name;
  return useMemo(
    () => <Nav route={route} compact={compact} canCollapse={canCollapse} onToggleCompact={onToggleCompact} onNavigate={onNavigate} />,
    // The nav reads only route.name: a new route object of the same name does not re-render it.
    [name, compact, canCollapse, onToggleCompact, onNavigate],
  );
}

/** The page the hash names, in its own error boundary; going somewhere closes the mobile nav. */
function RoutedPage({ page, onRouteChange }: { page: (route: Route) => ReactNode; onRouteChange: () => void }) {
  const route = useRoute();
  // Opening a drill-down on the board is not going somewhere: the board stays mounted (and
  // live) behind its drawer; nor is the customer shown looked up again (pageKey).
  const routeKey = pageKey(route);
  useEffect(() => onRouteChange(), [routeKey, onRouteChange]);
  useFocusHeadingOn(routeKey);
  useFocusNeverLost();
  return <ErrorBoundary key={routeKey}>{page(route)}</ErrorBoundary>;
}

/** The command palette offers what the current page can do. */
function RoutedPalette() {
  const route = useRoute();
  return <CommandPalette route={route} />;
}
