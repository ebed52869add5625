import { CustomerDataPage } from './admin/CustomerDataPage';
import { SlaSettingsPage } from './admin/SlaSettingsPage';
import { CandidatesPage } from './customer/CandidatesPage';
import { CustomerPage } from './customer/CustomerPage';
import { MergePage } from './customer/MergePage';
import { RegisterPage } from './customer/RegisterPage';
import { t } from './i18n';
import { MyTickets } from './inbox/MyTickets';
import { OverviewPage } from './overview/OverviewPage';
import { PageHeader } from './page';
import { QueuesPage } from './queues/QueuesPage';
import { useRoute, type Route } from './route';
import { SessionGate } from './session';
import { Shell } from './shell/Shell';
import { TicketPage } from './tickets/TicketPage';
import { Anchor } from '@mantine/core';

/** First start → sign-in → the shell with the page the hash names. */
export function App() {
  const route = useRoute();
  return (
    <SessionGate>
      <Shell route={route}>
        <Page route={route} />
      </Shell>
    </SessionGate>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <MyTickets />;
    case 'ticket':
      return <TicketPage key={route.ticketId} ticketId={route.ticketId} />;
    case 'customer':
      return <CustomerPage key={route.customerId} customerId={route.customerId} assetId={route.assetId} matchedBy={route.matchedBy} />;
    case 'lookup':
      return <CandidatesPage query={route.query} />;
    case 'queues':
      return <QueuesPage segment={route.segment} tier={route.tier} />;
    case 'overview':
      return <OverviewPage drill={route.drill ?? null} />;
    case 'slaSettings':
      return <SlaSettingsPage view={{ kind: 'list' }} />;
    case 'slaPolicy':
      return <SlaSettingsPage view={{ kind: 'policy', id: route.id }} />;
    case 'slaCalendar':
      return <SlaSettingsPage view={{ kind: 'calendar', id: route.id }} />;
    case 'register':
      return <RegisterPage key={route.query} query={route.query} />;
    case 'merge':
      return <MergePage survivorId={route.survivorId} mergedId={route.mergedId} />;
    case 'dataQuality':
      return <CustomerDataPage />;
    case 'notFound':
      return <PageHeader title={t('notFound.title')} description={<Anchor href="#/">{t('notFound.home')}</Anchor>} />;
  }
}
