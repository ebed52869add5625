import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Presence } from '../../shared/syncApi';
import { call } from '../backend';
import { client } from '../client';
import { t } from '../i18n';
import { initials, roleLabel } from '../labels';
import { useSession } from '../session';
import { applyPresence, settleFirstAnswer } from './presenceList';
import classes from './Sync.module.css';

// Presence on a ticket's page, both ways. While the page is open this window says "viewing"
// and renews it every few seconds (a window that vanishes stops renewing, and the desk lets
// it go); while the note field has focus and changes it says "typing", back to "viewing"
// after a few quiet seconds or when the field loses focus; leaving the page says "left".
// It shows who else is on the ticket, as the desk hears it from the hub.

const RENEW_MS = 10_000;
const QUIET_MS = 5_000;

type Mine = 'viewing' | 'typing';
let typingOn: string | null = null;
let quiet: ReturnType<typeof setTimeout> | undefined;

const say = (ticketId: string, state: Mine | 'left') => void call('presence.set', { ticketId, state }).catch(() => undefined);

/** The note field changed: this person is typing on the ticket, until a few quiet seconds pass. */
export function noteTyping(ticketId: string): void {
  if (typingOn !== ticketId) say(ticketId, 'typing');
  typingOn = ticketId;
  clearTimeout(quiet);
  quiet = setTimeout(() => stopTyping(ticketId), QUIET_MS);
}

/** The note field lost focus (or went quiet): back to viewing. */
export function stopTyping(ticketId: string): void {
  clearTimeout(quiet);
  if (typingOn !== ticketId) return;
  typingOn = null;
  say(ticketId, 'viewing');
}

/** Says this window has the ticket open while mounted; gives who else is on it. */
function useTicketPresence(ticketId: string, me: string): Presence[] {
  const [others, setOthers] = useState<Presence[]>([]);
  useEffect(() => {
    let live = true;
    // What was heard while the first answer was on its way is applied again on top of it.
    let heardMeanwhile: Presence[] | null = [];
    const merge = (p: Presence) => {
      if (p.userId === me || p.ticketId !== ticketId) return;
      heardMeanwhile?.push(p);
      setOthers((list) => applyPresence(list, p));
    };
    const off = client.on('presence.changed', merge);
    say(ticketId, 'viewing');
    call('presence.of', { ticketId }).then(
      (list) => {
        if (live) setOthers(settleFirstAnswer(list, heardMeanwhile ?? [], me));
        heardMeanwhile = null;
      },
      () => (heardMeanwhile = null),
    );
    const renew = setInterval(() => say(ticketId, typingOn === ticketId ? 'typing' : 'viewing'), RENEW_MS);
    const gone = () => say(ticketId, 'left');
    window.addEventListener('pagehide', gone);
    return () => {
      live = false;
      off();
      clearInterval(renew);
      window.removeEventListener('pagehide', gone);
      if (typingOn === ticketId) {
        clearTimeout(quiet);
        typingOn = null;
      }
      gone();
    };
  }, [ticketId, me]);
  return others;
}

/** "Sam (Tier 2)", or "Grace (Supervisor)" for those who work no tier. */
function who(p: Presence): string {
  if (p.role === 'supervisor' || p.role === 'admin') return t('presence.who', { name: p.name, detail: roleLabel(p.role) });
  if (p.tier) return t('presence.who', { name: p.name, detail: t(`tier.${p.tier}`) });
  return p.name;
}

/** The line under a ticket's title: who else views it or types on it, said politely when it changes. */
export function TicketPresence({ ticketId }: { ticketId: string }) {
  const { user } = useSession();
  const others = useTicketPresence(ticketId, user.id);
  return (
    // Always in the page (empty when nobody else is there), so the first arrival is announced.
    <Group gap="md" mt={others.length ? 8 : 0} role="status" aria-live="polite" aria-label={t('presence.label')}>
      {others.map((p) => {
        const sentence = t(p.state === 'typing' ? 'presence.typing' : 'presence.viewing', { who: who(p) });
        return (
          <span key={`${p.userId}|${p.deskId}`} className={classes.presence} data-state={p.state}>
            {/* Where they are, by their desk's name (the same person may be at two desks). */}
            <Tooltip label={p.deskName ? t('presence.atDesk', { sentence, desk: p.deskName }) : sentence} withArrow>
              <Avatar size={22} radius="xl" color={p.state === 'typing' ? 'grape' : 'indigo'} aria-hidden>
                {initials(p.name)}
              </Avatar>
            </Tooltip>
            <Text size="sm" c={p.state === 'typing' ? undefined : 'dimmed'} fw={p.state === 'typing' ? 600 : undefined}>
              {sentence}
            </Text>
          </span>
        );
      })}
    </Group>
  );
}
