import { useMantineColorScheme } from '@mantine/core';
import { useNotifications } from '@mantine/notifications';
import { Spotlight, useSpotlight, type SpotlightActionGroupData } from '@mantine/spotlight';
import { useEffect, useState } from 'react';
import {
  IconArrowDown,
  IconArrowUp,
  IconBell,
  IconFlag,
  IconHandGrab,
  IconLock,
  IconRefresh,
  IconUserShare,
  IconCircleCheck,
  IconClockCog,
  IconCloudExclamation,
  IconInbox,
  IconLanguage,
  IconLayoutDashboard,
  IconLogout,
  IconNote,
  IconNumbers,
  IconPlayerTrackNext,
  IconMessageCircle,
  IconPlus,
  IconMessageReply,
  IconPlayerPause,
  IconSearch,
  IconStack2,
  IconSunMoon,
  IconSwitchHorizontal,
  IconArrowBackUp,
  IconBook2,
} from '@tabler/icons-react';
import { useCall } from '../backend';
import { setSessionValue } from '../drafts';
import { NEW_TICKET_ASKED } from '../customer/systemMark';
import { paletteTicketActions, type PaletteTicketAction } from './paletteTicket';
import { actionLabel } from '../tickets/actionHelp';
import { earlyKey, type EarlyKey } from './paletteEarlyKeys';
import { localeState, t } from '../i18n';
import { chooseDigits, chooseLanguage, otherLanguage } from '../language';
import { hrefOf, navigate, queueHref, type Route } from '../route';
import { takeNext, queueName } from '../queues/takeNext';
import { focusLookup } from './Lookup';
import { modalOpen, palette, paletteStore } from './modalOpen';
import { useSession } from '../session';
import { useSyncStatus } from '../sync/syncStatus';
import { openKept } from './leaveNotices';
import { paletteNotices } from './noticeRules';
import { followNotice, noticeTitle } from './SlaWatch';
import { seesBoard, staffedQueues } from '../../shared/access';

// Every action without a mouse: Ctrl/⌘+Shift+P opens a searchable list of what can be
// done here (this ticket, this customer) and anywhere (take next, go to a queue, switch
// language, sign out). Page actions open the page's own dialog through its remembered
// "open dialog" value, so the palette and the buttons are one path.

/**
 * What to do once the palette has closed and given focus back to where it was opened. Mantine
 * does that 10 ms after the close is committed, and only if focus is still where it was then:
 * a fixed 50 ms after the click lost that race on a busy machine (the close was committed
 * after the lookup field had focus, so focus went back to the heading).
 */
let afterClose: (() => void) | null = null;

function runAfterClose(): void {
  const then = afterClose;
  afterClose = null;
  if (then) window.setTimeout(then, 20);
}

/** The palette's search field (its id), for the keys typed before it had focus. */
const SEARCH_ID = 'palette-search';

/**
 * Ctrl/⌘+Shift+P: the palette's shortcut, from anywhere but an open dialog; pressed again while
 * the palette is open, it starts the palette again (paletteEarlyKeys.ts).
 *
 * Mantine's own shortcut ignores keys typed in a field, and an agent's focus is mostly in one
 * (the lookup field after a lookup, a note): there the shortcut did nothing. The key has no
 * meaning in a field. Not over a dialog, as Ctrl+K (Lookup.tsx): the palette would open on top
 * of it, out of the dialog a screen reader is in.
 *
 * Keys typed between the shortcut and the search field taking focus (paletteEarlyKeys.ts) are
 * held, kept from the page behind, then given to the field in order once it has focus, each
 * after the list has been drawn for what came before it, so that ArrowDown and Enter act on the
 * commands as they are shown. Keys typed while held ones are still being given wait their turn.
 * One listener for both, so that the shortcut that opens the palette is never also taken for
 * the shortcut pressed again.
 */
function usePaletteKeys(setQuery: (query: string) => void): void {
  useEffect(() => {
    const held: EarlyKey[] = [];
    let giving = false;
    const search = () => {
      const field = document.getElementById(SEARCH_ID);
      return field instanceof HTMLInputElement ? field : null;
    };
    const give = async (field: HTMLInputElement) => {
      if (giving) return;
      giving = true;
      while (held.length > 0 && paletteStore.getState().opened && document.activeElement === field) {
        const next = held.shift();
        if (next?.kind === 'text') document.execCommand('insertText', false, next.text);
        else if (next?.kind === 'erase') document.execCommand('delete');
        else if (next?.kind === 'move' || next?.kind === 'run') {
          const key = next.kind === 'run' ? 'Enter' : next.key;
          field.dispatchEvent(new KeyboardEvent('keydown', { key, code: key, bubbles: true, cancelable: true }));
        }
        // The new list drawn (React) and its first command marked (Mantine, a microtask later).
        await new Promise((resolve) => window.setTimeout(resolve, 0));
      }
      giving = false;
    };
    const onKey = (event: KeyboardEvent) => {
      const key = earlyKey(event);
      if (key?.kind === 'again') {
        event.preventDefault();
        event.stopPropagation();
        if (paletteStore.getState().opened) {
          // Asked for again: what came before is dropped (held or already in the field), and
          // focus is in the empty search for what comes next (held if it is not drawn yet).
          held.length = 0;
          setQuery('');
          const field = search();
          if (field && document.activeElement !== field) field.focus();
        } else if (!modalOpen()) palette.open();
        return;
      }
      if (!event.isTrusted || !paletteStore.getState().opened) return;
      // Once focus is in the palette (the field, or its list, which scrolls with the arrows),
      // its keys are its own, unless held ones are still waiting to go first.
      const inPalette = document.activeElement instanceof Element && document.activeElement.closest('.mantine-Spotlight-content') !== null;
      if (inPalette && held.length === 0 && !giving) return;
      if (!key) return;
      event.preventDefault();
      event.stopPropagation();
      held.push(key);
      const field = search();
      if (!field) return; // not drawn yet: given once it takes focus
      if (document.activeElement === field) void give(field);
      else field.focus(); // its focusin gives the held keys
    };
    const onFocus = (event: FocusEvent) => {
      const field = search();
      if (field && event.target === field && held.length > 0) void give(field);
    };
    // Held keys belong to this opening only.
    const unsubscribe = paletteStore.subscribe((state) => {
      if (!state.opened) held.length = 0;
    });
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocus);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocus);
      unsubscribe();
    };
  }, [setQuery]);
}

/**
 * Empties the search the moment the palette is opened: in the same task as Ctrl+Shift+P, so
 * the emptied field is drawn before the next key is handled. Emptied in an effect once the
 * palette had been drawn open (Mantine's onSpotlightOpen), it was drawn after the keys typed
 * next whenever React had other work: a command that redraws the desk (Switch language, the
 * digits) kept the palette on screen, fading, for most of a second, and the palette opened
 * again then still held "Switch language", with what was typed after it ("Switch languageحل").
 */
function useQueryClearedOnOpen(setQuery: (query: string) => void): void {
  useEffect(() => {
    let opened = paletteStore.getState().opened;
    return paletteStore.subscribe((state) => {
      if (state.opened && !opened) setQuery('');
      opened = state.opened;
    });
  }, [setQuery]);
}

/**
 * Marks the first command as the palette opens, so that Enter runs it and the list shows which
 * (as it does once something is typed). Mantine marks one only when the search changes: opened
 * with its search already empty, no command was marked, and in the dark scheme, where the
 * pointer's hover is faint, the list looked as if nothing would run. Its list is drawn an
 * animation frame or more after the shortcut, so this waits for it; a command already marked
 * (a key typed meanwhile: the search changed, or ArrowDown) is left as it is.
 */
function useFirstMarkedOnOpen(opened: boolean): void {
  useEffect(() => {
    if (!opened) return;
    let frame = 0;
    let tries = 0;
    const mark = () => {
      const state = paletteStore.getState();
      if (!state.opened || state.selected !== -1) return;
      const list = state.listId ? document.getElementById(state.listId) : null;
      const first = list?.querySelector<HTMLElement>('[data-action]');
      if (first) {
        // As Mantine's own selectAction(0) does (not exported): the attribute its styles and
        // Enter go by, and the index its arrow keys move on from.
        first.setAttribute('data-selected', 'true');
        paletteStore.updateState((s) => ({ ...s, selected: 0 }));
        return;
      }
      if (++tries < 120) frame = window.requestAnimationFrame(mark);
    };
    frame = window.requestAnimationFrame(mark);
    return () => window.cancelAnimationFrame(frame);
  }, [opened]);
}

const TICKET_LABEL: Record<PaletteTicketAction, () => string> = {
  TAKE: () => t('palette.take'),
  RESOLVE: () => t('palette.resolve'),
  ESCALATE: () => t('palette.escalate'),
  DEESCALATE: () => t('action.DEESCALATE'),
  WAIT_ON_CUSTOMER: () => t('action.WAIT_ON_CUSTOMER'),
  // Said by the ticket's channel where it is known (actionLabel): "Customer called".
  CUSTOMER_REPLIED: () => t('action.CUSTOMER_REPLIED'),
  ADD_NOTE: () => t('action.ADD_NOTE'),
  ASSIGN: () => t('action.ASSIGN'),
  RETURN_TO_QUEUE: () => t('action.RETURN_TO_QUEUE'),
  CHANGE_PRIORITY: () => t('action.CHANGE_PRIORITY'),
  REOPEN: () => t('action.REOPEN'),
  CLOSE: () => t('action.CLOSE'),
};

const TICKET_ICON: Record<PaletteTicketAction, typeof IconInbox> = {
  TAKE: IconHandGrab,
  RESOLVE: IconCircleCheck,
  ESCALATE: IconArrowUp,
  DEESCALATE: IconArrowDown,
  WAIT_ON_CUSTOMER: IconPlayerPause,
  CUSTOMER_REPLIED: IconMessageReply,
  ADD_NOTE: IconNote,
  ASSIGN: IconUserShare,
  RETURN_TO_QUEUE: IconArrowBackUp,
  CHANGE_PRIORITY: IconFlag,
  REOPEN: IconRefresh,
  CLOSE: IconLock,
};

export function CommandPalette({ route }: { route: Route }) {
  // The search text, cleared as the palette opens (useQueryClearedOnOpen). Mantine clears it
  // once the closing fade has ended; reopened before that (Ctrl+Shift+P twice in a second), the
  // palette kept the last search and what was typed went after it ("Look up a customernew
  // ticket": nothing).
  const [query, setQuery] = useState('');
  // Closed, it stays in the page while it fades out (on a busy machine for most of a second), at
  // the end of the page: a Tab from the page's last control went into its search field, and when
  // the fade ended and it left, focus fell to the page's heading. Inert once closed: nothing in
  // it takes focus or a click, nor is read out, while it fades.
  const { opened } = useSpotlight(paletteStore);
  useQueryClearedOnOpen(setQuery);
  usePaletteKeys(setQuery);
  useFirstMarkedOnOpen(opened);
  const { user, switchUser, signOut } = useSession();
  const ticketId = route.name === 'ticket' ? route.ticketId : null;
  // The same read as the ticket's page (shared while in flight), kept live: the commands follow the ticket.
  const ticket = useCall('tickets.get', ticketId ? { ticketId } : null, { live: (c) => c.ticketId === ticketId });
  const ticketActions = paletteTicketActions(ticket.data?.allowed);
  const { toggleColorScheme } = useMantineColorScheme();
  const sync = useSyncStatus();
  const icon = (Icon: typeof IconInbox) => <Icon size={18} stroke={1.6} aria-hidden />;
  const groups: SpotlightActionGroupData[] = [];

  if (route.name === 'ticket' && ticketActions.length > 0) {
    // Each opens the page's own dialog (Take, which has none, is done by the page too).
    const open = (action: string) => () => setSessionValue(`act.${route.ticketId}.open`, action);
    groups.push({
      group: t('palette.group.ticket'),
      actions: ticketActions.map((a) => ({ id: `ticket-${a}`, label: a === 'CUSTOMER_REPLIED' ? actionLabel(a, ticket.data?.ticket.channel) : TICKET_LABEL[a](), onClick: open(a), leftSection: icon(TICKET_ICON[a]) })),
    });
  }
  if (route.name === 'customer') {
    groups.push({
      // Said as the customer's, not "This ticket": no ticket is open on this page.
      group: t('palette.group.customer'),
      actions: [
        { id: 'new-ticket', label: t('palette.newTicket'), onClick: () => setSessionValue(`newTicket.open.${route.customerId}`, NEW_TICKET_ASKED), leftSection: icon(IconPlus) },
        // The call that opens no ticket is logged from the keyboard too (as its button does).
        { id: 'log-contact', label: t('palette.logContact'), onClick: () => setSessionValue(`logContact.open.${route.customerId}`, '1'), leftSection: icon(IconMessageCircle) },
      ],
    });
  }

  // The notices on the screen (read again as they come and go), the newest first.
  useNotifications();
  const notices = paletteNotices(openKept());
  if (notices.length > 0) {
    groups.push({
      group: t('palette.group.notices'),
      actions: notices.map(({ source }) => ({ id: `notice-${source.kind}-${source.ticketId}`, label: t('palette.openNotice', { notice: noticeTitle(source) }), onClick: () => followNotice(source), leftSection: icon(IconBell) })),
    });
  }

  const queues = staffedQueues(user);
  if (queues.length > 0) {
    groups.push({
      group: t('palette.group.queues'),
      actions: [
        ...queues.map(({ segment, tier }) => ({
          id: `take-${segment}-${tier}`,
          label: t('palette.takeNext', { queue: queueName(segment, tier) }),
          onClick: () => void takeNext(segment, tier),
          leftSection: icon(IconPlayerTrackNext),
        })),
        ...queues.map(({ segment, tier }) => ({
          id: `queue-${segment}-${tier}`,
          label: t('palette.openQueue', { queue: queueName(segment, tier) }),
          onClick: () => navigate(queueHref(segment, tier)),
          leftSection: icon(IconStack2),
        })),
      ],
    });
  }

  const go = [
    { id: 'lookup', label: t('palette.lookup'), onClick: () => (afterClose = focusLookup), leftSection: icon(IconSearch) },
    { id: 'mine', label: t('palette.goMine'), onClick: () => navigate(hrefOf({ name: 'home' })), leftSection: icon(IconInbox) },
    { id: 'queues', label: t('nav.queues'), onClick: () => navigate(hrefOf({ name: 'queues', segment: null, tier: null })), leftSection: icon(IconStack2) },
    // The articles an agent reads out on a call, as the navigation offers them to everyone.
    { id: 'kb', label: t('palette.goKb'), onClick: () => navigate(hrefOf({ name: 'kb', query: '' })), leftSection: icon(IconBook2) },
  ];
  if (seesBoard(user)) go.push({ id: 'overview', label: t('palette.goOverview'), onClick: () => navigate(hrefOf({ name: 'overview' })), leftSection: icon(IconLayoutDashboard) });
  if (sync?.mode === 'hub') go.push({ id: 'conflicts', label: t('palette.goConflicts'), onClick: () => navigate(hrefOf({ name: 'conflicts' })), leftSection: icon(IconCloudExclamation) });
  if (seesBoard(user)) go.push({ id: 'sla', label: t('palette.goSla'), onClick: () => navigate(hrefOf({ name: 'slaSettings' })), leftSection: icon(IconClockCog) });
  groups.push({ group: t('palette.group.go'), actions: go });

  const other = otherLanguage();
  const digits = localeState().digits === 'latn' ? 'arabext' : 'latn';
  groups.push({
    group: t('palette.group.desk'),
    actions: [
      { id: 'language', label: t('palette.language', { language: t(`language.${other}`) }), onClick: () => chooseLanguage(user.id, other), leftSection: icon(IconLanguage) },
      { id: 'digits', label: t('palette.digits', { digits: t(`digits.${digits}`) }), onClick: () => chooseDigits(user.id, digits), leftSection: icon(IconNumbers) },
      { id: 'theme', label: t('palette.theme'), onClick: toggleColorScheme, leftSection: icon(IconSunMoon) },
      // The user menu's own item and action (Nav.tsx): the next person signs in where this one was.
      { id: 'switch-user', label: t('user.switch'), onClick: () => void switchUser(), leftSection: icon(IconSwitchHorizontal) },
      { id: 'sign-out', label: t('palette.signOut'), onClick: () => void signOut(), leftSection: icon(IconLogout) },
    ],
  });

  return (
    <Spotlight
      store={paletteStore}
      inert={!opened}
      actions={groups}
      shortcut={null}
      query={query}
      onQueryChange={setQuery}
      onSpotlightClose={runAfterClose}
      nothingFound={t('palette.nothing')}
      highlightQuery
      scrollable
      maxHeight={420}
      // The list scrolls when it is taller than its box (a 420 px window, an agent with many
      // queues), and its commands are not in the Tab order (the arrow keys move through them
      // from the search field): the box itself takes focus, so the keyboard can scroll it too.
      scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}
      searchProps={{ id: SEARCH_ID, placeholder: t('palette.search'), 'aria-label': t('palette.open'), leftSection: <IconSearch size={18} stroke={1.6} aria-hidden /> }}
      // The dialog's name (a screen reader says it on opening): the modal's title, which names
      // the dialog through aria-labelledby, kept out of sight (the search field says the rest).
      title={t('palette.open')}
      styles={{ header: { display: 'none' } }}
    />
  );
}
