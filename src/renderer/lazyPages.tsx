import type { ComponentType, ReactNode } from 'react';
import { seesBoard } from '../shared/access';
import type { User } from '../shared/domain';
import { afterPaint } from './afterPaint';
import { t } from './i18n';
import { lazyModule } from './lazyModule';
import { loadBoardCharts } from './overview/lazyCharts';
import { PageHeader, PageLoading } from './page';
import { useSession } from './session';

// Pages an agent at the phone seldom opens, and what only they need (the board's and the data
// page's charts: recharts with d3; the knowledge base's Markdown), load when first opened, not
// with the window: about a third less script to parse before the first screen (`npm run
// bench:ui`, ui_app_start). What a person's role opens is fetched once their first screen has
// painted (prefetchPagesFor), so its first visit does not wait either.
//
// Not React.lazy: a lazy component suspends even when its module is already loaded, and React
// holds a Suspense boundary's content back up to 300 ms after its fallback showed. A page here
// renders at once when its module is in, and shows PageLoading only while it is not.

interface LazyPage<P extends object> {
  (props: P): ReactNode;
  /** Fetches the page's module now (once); resolves when it can render. */
  preload(): Promise<unknown>;
}

function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>, Loading: ComponentType = PageLoading): LazyPage<P> {
  const module = lazyModule(load);
  function Page(props: P) {
    const Loaded = module.useModule();
    return Loaded ? <Loaded {...props} /> : <Loading />;
  }
  return Object.assign(Page, { preload: module.preload });
}

/** The board's heading at once, on a first visit before its script is in too (its sections follow with it). */
function BoardLoading() {
  const { user } = useSession();
  if (!seesBoard(user)) return <PageLoading />;
  return (
    <>
      <PageHeader title={t('overview.title')} description={t('overview.lead')} />
      <PageLoading />
    </>
  );
}

export const OverviewPage = lazyPage(() => import('./overview/OverviewPage').then((m) => m.OverviewPage), BoardLoading);
/** The supervisor's day report (printable, with its CSV). */
export const DayReportPage = lazyPage(() => import('./overview/DayReportPage').then((m) => m.DayReportPage));
export const CustomerDataPage = lazyPage(() => import('./admin/CustomerDataPage').then((m) => m.CustomerDataPage));
export const SlaSettingsPage = lazyPage(() => import('./admin/SlaSettingsPage').then((m) => m.SlaSettingsPage));
export const HubUsersPage = lazyPage(() => import('./admin/HubUsersPage').then((m) => m.HubUsersPage));
export const BackupsPage = lazyPage(() => import('./admin/BackupsPage').then((m) => m.BackupsPage));
export const DesksPage = lazyPage(() => import('./admin/DesksPage').then((m) => m.DesksPage));
export const ConflictsPage = lazyPage(() => import('./sync/ConflictsPage').then((m) => m.ConflictsPage));
export const KbPage = lazyPage(() => import('./kb/KbPage').then((m) => m.KbPage));
export const KbArticlePage = lazyPage(() => import('./kb/KbPage').then((m) => m.KbArticlePage));
export const KbEditPage = lazyPage(() => import('./kb/KbPage').then((m) => m.KbEditPage));

/**
 * Fetches the pages this person's role opens (the board, SLA settings and customer data for
 * supervisors and admins; People for admins) once the first screen is painted and the window
 * is idle. Returns a cancel.
 */
export function prefetchPagesFor(user: User): () => void {
  // The board's charts are a chunk of their own (overview/lazyCharts.ts), fetched with it.
  const wanted = [...(seesBoard(user) ? [OverviewPage, { preload: loadBoardCharts }, SlaSettingsPage, CustomerDataPage] : []), ...(user.role === 'admin' ? [HubUsersPage, BackupsPage, DesksPage] : [])];
  if (wanted.length === 0) return () => undefined;
  let idle = 0;
  const cancelPaint = afterPaint(() => {
    idle = requestIdleCallback(() => wanted.forEach((page) => void page.preload().catch(() => undefined)), { timeout: 3000 });
  });
  return () => {
    cancelPaint();
    if (idle) cancelIdleCallback(idle);
  };
}
