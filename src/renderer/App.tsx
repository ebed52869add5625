import { CandidatesPage } from './customer/CandidatesPage';
import { CustomerPage } from './customer/CustomerPage';
import { MergePage } from './customer/MergePage';
import { RegisterPage } from './customer/RegisterPage';
import { t } from './i18n';
import { MyTickets } from './inbox/MyTickets';
import { PageHeader } from './page';
import { QueuesPage } from './queues/QueuesPage';
import type { Route } from './route';
import { SessionGate } from './session';
import { Shell } from './shell/Shell';
import { useTitleFromHeading } from './shell/pageFocus';
import { TicketPage } from './tickets/TicketPage';
import { Anchor } from '@mantine/core';
import { BackupsPage, ConflictsPage, CustomerDataPage, DayReportPage, DesksPage, HubUsersPage, KbArticlePage, KbEditPage, KbPage, OverviewPage, SlaSettingsPage } from './lazyPages';

/** First start → sign-in → the shell with the page the hash names. */
export function App() {
  useTitleFromHeading();
  return (
    <SessionGate>
      <Shell page={page} />
    </SessionGate>
  );
}

const page = (route: Route) => <Page route={route} />;

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <MyTickets />;
    case 'ticket':
      return <TicketPage key={route.ticketId} ticketId={route.ticketId} />;
    case 'customer':
      return <CustomerPage key={route.customerId} customerId={route.customerId} assetId={route.assetId} matchedBy={route.matchedBy} ticket={route.ticket ?? null} fix={route.fix ?? null} />;
    case 'lookup':
      return <CandidatesPage query={route.query} />;
    case 'queues':
      return <QueuesPage segment={route.segment} tier={route.tier} />;
    case 'overview':
      return <OverviewPage drill={route.drill ?? null} />;
    case 'dayReport':
      return <DayReportPage />;
    case 'slaSettings':
      return <SlaSettingsPage view={{ kind: 'list' }} />;
    case 'slaPolicy':
      return <SlaSettingsPage view={{ kind: 'policy', id: route.id }} />;
    case 'slaCalendar':
      return <SlaSettingsPage view={{ kind: 'calendar', id: route.id }} />;
    case 'hubUsers':
      return <HubUsersPage />;
    case 'backups':
      return <BackupsPage />;
    case 'desks':
      return <DesksPage />;
    case 'kb':
      return <KbPage query={route.query} />;
    case 'kbArticle':
      return <KbArticlePage key={route.articleId} articleId={route.articleId} />;
    case 'kbEdit':
      return <KbEditPage key={`${route.articleId ?? 'new'}:${route.fromTicket ?? ''}`} articleId={route.articleId} fromTicket={route.fromTicket} />;
    case 'register':
      return <RegisterPage key={route.query} query={route.query} />;
    case 'merge':
      return <MergePage survivorId={route.survivorId} mergedId={route.mergedId} chosen={route.chosen === true} />;
    case 'dataQuality':
      return <CustomerDataPage key={route.privacyFor ?? ''} tab={route.tab ?? null} privacyFor={route.privacyFor ?? null} audit={route.audit ?? null} />;
    case 'conflicts':
      return <ConflictsPage />;
    case 'notFound':
      return <PageHeader title={t('notFound.title')} description={<Anchor href="#/">{t('notFound.home')}</Anchor>} />;
  }
}
