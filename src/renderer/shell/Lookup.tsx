import { Alert, Anchor, Kbd, Loader, Popover, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconHash, IconSearch } from '@tabler/icons-react';
import type { LookupRenumbered } from '../../shared/api';
import { useEffect, useRef, useState } from 'react';
import { call, keepRead, problemOf } from '../backend';
import { useDraft } from '../drafts';
import { t } from '../i18n';
import { KeptWhole } from '../i18n/KeptWhole';
import { lookupMayRegister, lookupMessage, lookupTitleKey } from '../labels';
import { currentRoute, customerHref, hrefOf, lookupQueryOf, navigate, pageKey, parseHash, ticketHref, useRoute } from '../route';
import { RegisterHint } from '../customer/RegisterHint';
import { clearEarlierLookup, customerOnScreen, markEarlierLookup } from '../customer/onScreen';
import { useSession } from '../session';
import { modalOpen } from './modalOpen';
import { focusPageHeading } from './pageFocus';
import { LOOKUP_HINTS } from './lookupHint';
import { useFittingHint } from './useFittingHint';
import { isWholeTag } from './wholeTag';

// The lookup field, always one keystroke away (Ctrl+K / Cmd+K). One match opens the 360°
// view; several open the candidate list; nothing or a malformed query shows the back end's
// message right under the field and keeps what was typed.

let focusHandle: (() => void) | null = null;

/** Focuses the lookup field from anywhere (the shortcut, empty states). */
export function focusLookup(): void {
  focusHandle?.();
}

/** How long an answer may take before the field shows that it is searching. */
const SPINNER_AFTER_MS = 150;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How long an answer started while typing stays good enough for Enter. */
const EARLY_ANSWER_MS = 10_000;

type LookupAnswer = Awaited<ReturnType<typeof call<'lookup.search'>>>;

export function Lookup() {
  const [draft, setDraft] = useDraft('lookup', { query: '' });
  // The lookup of a whole tag, started while it was typed (isWholeTag): Enter takes it over.
  const early = useRef<{ query: string; userId: string; at: number; answer: Promise<LookupAnswer> } | null>(null);
  // Whoever signs in next asks again: an answer is for the person it was asked as.
  const userId = useSession().user.id;
  // The spinner shows only when an answer is slow: drawing it at once would make the browser paint
  // a frame for it first, and hold the answer back until that frame is out.
  const [slow, setSlow] = useState(false);
  const busy = useRef(false);
  // `register`: nothing found, so the caller may be registered (not a customer another team serves).
  // `onScreen`: the customer whose 360° view was shown when nothing was found (a tag may be
  // registered on their record).
  const [message, setMessage] = useState<{ tone: 'none' | 'invalid' | 'error'; text: string; register: boolean; onScreen?: { id: string; name: string } | null; title: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const dropdown = useRef<HTMLDivElement>(null);
  // The message closed (Escape, its Dismiss button) from inside it: the keyboard goes back to
  // the field, with what was typed, instead of falling to the page's heading.
  const dismiss = () => {
    const inside = dropdown.current?.contains(document.activeElement) ?? false;
    setMessage(null);
    if (inside) input.current?.focus();
  };
  // The longest hint that fits the field as it is (lookupHint.ts): the whole one read "Service
  // tag, Express code, phone" at 420 px, and the short one "Tag, code, phone, email, na" beside
  // a joined desk's sync indicator.
  const hint = useFittingHint(input, LOOKUP_HINTS);

  // Back, Forward or a link to a page a lookup led to: the field says that page's query (it
  // kept the last one typed, over another lookup's answer). Only when the address changes, and
  // not for the field's own lookup: what the agent types on a page is theirs.
  const route = useRoute();
  const address = hrefOf(route);
  const shownQuery = lookupQueryOf(route);
  const addressSeen = useRef(address);
  const ownAddress = useRef<string | null>(null);
  useEffect(() => {
    if (addressSeen.current === address) return;
    addressSeen.current = address;
    // Another page: whatever it shows is its own lookup's (or no lookup's) answer.
    clearEarlierLookup();
    const own = ownAddress.current === address;
    ownAddress.current = null;
    if (own || shownQuery === null) return;
    setDraft({ query: shownQuery });
    setMessage(null);
  }, [address]);

  useEffect(() => {
    focusHandle = () => {
      input.current?.focus();
      input.current?.select();
    };
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        // Not from inside a dialog: focus would go to a field behind its overlay, out of the
        // dialog a screen reader is in, and typing would land where nobody sees it.
        if (modalOpen()) return;
        focusHandle?.();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      focusHandle = null;
    };
  }, []);

  // To the answer's page; to its heading when that page is the one shown (the customer on
  // screen looked up again): no page changed, and focus stayed in the field with nothing said.
  // That page's entry then takes the new query, rather than another entry of the same page.
  const go = (href: string) => {
    const shown = pageKey(parseHash(href)) === pageKey(currentRoute());
    ownAddress.current = hrefOf(parseHash(href));
    navigate(href, { replace: shown });
    if (shown) focusPageHeading();
  };

  const search = async () => {
    const query = draft.query.trim();
    if (!query || busy.current) return;
    busy.current = true;
    const spinner = setTimeout(() => setSlow(true), SPINNER_AFTER_MS);
    setMessage(null);
    try {
      // An answer started while typing is taken if it is recent; if it failed, Enter asks again.
      const e = early.current;
      early.current = null;
      const started = e && e.query === query && e.userId === userId && Date.now() - e.at < EARLY_ANSWER_MS ? e.answer : null;
      const result = await (started ? started.catch(() => call('lookup.search', { query })) : call('lookup.search', { query }));
      // Cleared before navigating, so the field and the 360° view render together.
      clearTimeout(spinner);
      setSlow(false);
      // The caller read out a number this desk's own ticket had before another desk's took it:
      // the answer opens the ticket that has it now, and this says where theirs went.
      if ((result.kind === 'match' || result.kind === 'none') && result.renumbered) showRenumbered(result.renumbered);
      switch (result.kind) {
        case 'match': {
          clearEarlierLookup();
          // The lookup answered with the whole view: the page paints it without asking again.
          const { view } = result;
          keepRead('customers.view', { customerId: view.customer.id, assetId: view.matchedAssetId }, view);
          go(customerHref(view.customer.id, view.matchedAssetId, result.matchedBy, result.ticketNumber ?? null, query));
          break;
        }
        case 'candidates':
          clearEarlierLookup();
          go(hrefOf({ name: 'lookup', query }));
          break;
        case 'none':
        case 'invalid': {
          // The 360° view on screen stays, but it is not this lookup's answer: it is marked
          // as the earlier one's, and the message says whose it is.
          const onScreen = customerOnScreen();
          if (onScreen) markEarlierLookup(onScreen.id, query);
          setMessage({
            tone: result.kind,
            text: lookupMessage(result),
            register: lookupMayRegister(result),
            onScreen,
            title: t(lookupTitleKey(result)),
          });
          break;
        }
      }
    } catch (error) {
      setMessage({ tone: 'error', text: problemOf(error).message, register: false, title: t('lookup.errorTitle') });
    } finally {
      busy.current = false;
      clearTimeout(spinner);
      setSlow(false);
    }
  };

  const shortcut = (
    <Kbd size="xs" aria-hidden>
      {isMac ? '⌘K' : t('lookup.shortcut')}
    </Kbd>
  );

  return (
    // Drawn right after the field, not at the end of the page: Tab from the field reaches the
    // message's "register it" link and Dismiss button (from a portal, Tab went on to the
    // navigation, and the link was reached only after the whole page).
    <Popover withRoles={false} opened={message !== null} onChange={(open) => !open && dismiss()} position="bottom-start" width="target" withinPortal={false} trapFocus={false} returnFocus={false} shadow="md">
      <Popover.Target>
        <TextInput
          ref={input}
          aria-label={t('lookup.label')}
          placeholder={t(hint)}
          value={draft.query}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setDraft({ query: value });
            if (message) setMessage(null);
            const query = value.trim();
            if (isWholeTag(query) && early.current?.query !== query) {
              const answer = call('lookup.search', { query });
              // Enter reports its failure; one that nobody asked for is dropped here.
              answer.catch(() => {});
              early.current = { query, userId, at: Date.now(), answer };
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            } else if (e.key === 'Escape' && message) {
              setMessage(null);
            }
          }}
          leftSection={<IconSearch size={16} stroke={1.7} aria-hidden />}
          rightSection={slow ? <Loader size={14} role="progressbar" aria-label={t('lookup.searching')} /> : shortcut}
          rightSectionWidth={isMac ? 44 : 64}
          rightSectionPointerEvents="none"
          aria-invalid={message?.tone === 'invalid' || undefined}
          aria-describedby={message ? 'lookup-message' : undefined}
          autoComplete="off"
          spellCheck={false}
          w="100%"
          radius="md"
          // What is typed reads in its own direction: a tag, a phone or an email left to right in
          // the Persian window, where "+1 512 555 0142" showed as "0142 555 512 1+" and "(512)
          // 555-0142" as "555-0142 (512)", not as the caller read it out. The field keeps the
          // page's direction (its hint, and its padding for the icon and Ctrl K: with dir="auto"
          // on the field the typed "+1" went under the Ctrl K badge).
          styles={{ input: { unicodeBidi: 'plaintext' } }}
        />
      </Popover.Target>
      <Popover.Dropdown p={0} ref={dropdown}>
        {message && (
          <Alert
            id="lookup-message"
            role="alert"
            color={message.tone === 'none' ? 'yellow' : 'red'}
            icon={<IconAlertCircle size={18} />}
            title={message.title}
            withCloseButton
            closeButtonLabel={t('common.dismiss')}
            onClose={dismiss}
            // A long word typed (a name of 38 letters) breaks inside the box: unbroken, it ran
            // past the box's padding at 420 px.
            styles={{ message: { overflowWrap: 'anywhere' } }}
          >
            {message.text}
            {message.onScreen && (
              <Text size="sm" mt={6} data-testid="lookup-behind">
                <KeptWhole k="lookup.behind" vars={{ name: message.onScreen.name }} wrap />
              </Text>
            )}
            {message.register && <RegisterHint query={draft.query} onScreen={message.onScreen ?? null} onGo={() => setMessage(null)} />}
          </Alert>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

/** "The ticket opened here as T-000001 is now T-000003", with the way to it; it stays until closed (the agent is on a call). */
function showRenumbered(r: LookupRenumbered): void {
  const id = `lookup-renumbered-${r.ticketId}`;
  const href = ticketHref(r.ticketId);
  const data = {
    id,
    color: 'yellow',
    icon: <IconHash size={18} />,
    title: t('lookup.renumbered', { from: r.from, number: r.to }),
    autoClose: false as const,
    closeButtonProps: { 'aria-label': t('notice.close', { number: r.to }) },
    message: (
      <Anchor href={href} size="sm" fw={600} onClick={() => notifications.hide(id)}>
        {t('notice.open', { number: r.to })}
      </Anchor>
    ),
  };
  notifications.show(data);
}
