import { Button, Group, Rating as Stars, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFilePencil } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { TicketDetail } from '../../shared/api';
import { isOpenState } from '../../shared/ticketMachine';
import { call, problemOf, useCall } from '../backend';
import { LocalNumberInput } from '../dates/DigitFields';
import { formatDateTime, t, tc } from '../i18n';
import { Section } from '../page';
import { hrefOf } from '../route';
import { useSession } from '../session';
import { SuggestionsPanel } from './Suggestions';
import { writesArticles } from '../../shared/access';
import { ownDirection } from '../direction';
import classes from './TicketKnowledge.module.css';

// The knowledge base on a ticket page: suggestions while it is open (and "solved with this
// article" once resolved), the customer's satisfaction score after resolution, and for
// specialists and admins "turn this resolution into an article".

export function TicketKnowledge({ detail }: { detail: TicketDetail }) {
  const { user } = useSession();
  const { ticket } = detail;
  const open = isOpenState(ticket.state);
  return (
    <>
      <SuggestionsPanel ticketId={ticket.id} resolved={!open} searchWords={ticket.subject} />
      {!open && (
        <>
          {writesArticles(user) && (
            <Group>
              <Button component="a" variant="light" leftSection={<IconFilePencil size={16} />} href={hrefOf({ name: 'kbEdit', articleId: null, fromTicket: ticket.id })}>
                {t('kb.fromResolution')}
              </Button>
            </Group>
          )}
          <CsatForm ticketId={ticket.id} />
        </>
      )}
    </>
  );
}

function CsatForm({ ticketId }: { ticketId: string }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const starsRef = useRef<HTMLDivElement>(null);
  const existing = useCall('csat.get', { ticketId });
  const [justSaved, setSaved] = useState<{ score: number; at: number } | null>(null);
  const saved = justSaved ?? existing.data ?? null;
  const save = async () => {
    setSaving(true);
    try {
      const entry = await call('csat.record', { ticketId, score, comment });
      setSaved({ score: entry.score, at: entry.at });
      notifications.show({ color: 'teal', message: t('csat.saved') });
    } catch (error) {
      notifications.show({ color: 'red', title: t('csat.failed'), message: problemOf(error).message });
    } finally {
      setSaving(false);
    }
  };
  // The score emptied; the caret goes to the first star (the button that had it is gone), where
  // the arrow keys choose another.
  const clear = () => {
    setScore(0);
    starsRef.current?.querySelector<HTMLInputElement>('input[value="1"]')?.focus();
  };
  return (
    <Section title={t('csat.title')} id={`csat-${ticketId}`}>
      {saved ? (
        <Text size="sm">{t('csat.recorded', { score: saved.score, when: formatDateTime(saved.at) })}</Text>
      ) : (
        <Stack gap="xs" component="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <Text size="sm" c="dimmed">{t('csat.lead')}</Text>
          <Group gap="sm" align="center">
            {/* Two ways to give the one score, each with a name of its own: a screen reader heard "Score" twice. The stars are a radio group ("3 stars"). */}
            {/* Five choices, 1 to 5 stars: Mantine's "0 stars" radio is hidden (TicketKnowledge.module.css); "Clear score" empties it. */}
            <Stars ref={starsRef} value={score} onChange={setScore} count={5} size="lg" role="radiogroup" aria-label={t('csat.scoreStars')} getSymbolLabel={(v) => tc('csat.stars', v)} classNames={{ input: classes.input, label: classes.label }} />
            <LocalNumberInput w={80} min={1} max={5} value={score || ''} onChange={(v) => setScore(typeof v === 'number' ? v : 0)} aria-label={t('csat.scoreNumber')} data-testid="csat-score" />
            {score > 0 && (
              <Button variant="subtle" size="compact-sm" onClick={clear}>
                {t('csat.clear')}
              </Button>
            )}
          </Group>
          <Textarea label={t('csat.comment')} ref={ownDirection} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
          <Group>
            <Button type="submit" loading={saving} disabled={score < 1}>{t('csat.save')}</Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
