import { Anchor, Badge, Button, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBulb, IconCircleCheck } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { RATINGS, type Rating, type Suggestion, type Suggestions } from '../../shared/kb/schemas';
import { call, problemOf, useCall } from '../backend';
import { formatNumber, formatPercent, t } from '../i18n';
import { Muted, ProblemAlert, Section } from '../page';
import { hrefOf } from '../route';
import { matchedWords, ratingLabel, reasonLabel } from './labels';

// The three best articles for a ticket, each with why it is suggested and three buttons:
// not, somewhat, very relevant. The desk says whether to ask (less often once suggestions
// for this kind of ticket are 80 % relevant); unasked, the buttons wait behind "Rate". On a
// resolved ticket each can be marked "solved with this article", the strongest signal.

export function SuggestionsPanel({ ticketId, resolved, title, searchWords }: {
  ticketId: string;
  resolved: boolean;
  title?: string;
  /** What "search the knowledge base" looks for when nothing is suggested: the ticket's subject. */
  searchWords: string;
}) {
  const loaded = useCall('kb.suggest', { ticketId }, { live: (c) => c.ticketId === ticketId });
  // Ratings given here, kept over what was loaded until the next load brings them back.
  const [given, setGiven] = useState<Record<string, { rating: Rating | null; solved: boolean }>>({});
  // "Relevant lately" as the last rating's answer has it (the rating counted, changed or taken
  // back), until the next load: it stayed as loaded, an agent who changed "very relevant" to "not
  // relevant" saw the share of before.
  const [measured, setMeasured] = useState<{ of: Suggestions; precision: number | null } | null>(null);
  const data: Suggestions | undefined = loaded.data && {
    ...loaded.data,
    precision: measured && measured.of === loaded.data ? measured.precision : loaded.data.precision,
    suggestions: loaded.data.suggestions.map((s) => ({ ...s, ...given[s.article.id] })),
  };
  const onRated = (r: Rated) => {
    setGiven((g) => ({ ...g, [r.articleId]: { rating: r.rating, solved: r.solved } }));
    if (loaded.data) setMeasured({ of: loaded.data, precision: r.precision });
  };
  return (
    <Section
      title={
        <Group gap={6}>
          <IconBulb size={16} />
          {title ?? t('suggest.title')}
        </Group>
      }
      id={`suggestions-${ticketId}`}
      actions={data && data.precision !== null ? <Text size="xs" c="dimmed">{t('suggest.precision', { share: formatPercent(data.precision) })}</Text> : undefined}
    >
      {loaded.problem && !data ? (
        <ProblemAlert problem={loaded.problem} onRetry={() => void loaded.refetch()} />
      ) : !data ? (
        <Muted>{t('common.loading')}</Muted>
      ) : data.suggestions.length === 0 ? (
        // Nothing suggested: the way on is a search of her own, started with the ticket's words
        // (the panel said only that nothing matched, and the agent had to find the knowledge base).
        <Stack gap={6} align="flex-start">
          <Muted>{t('suggest.none')}</Muted>
          <Anchor href={hrefOf({ name: 'kb', query: searchWords.trim() })} size="sm">
            {t('suggest.searchKb')}
          </Anchor>
        </Stack>
      ) : (
        <Stack gap="sm" data-testid="suggestions">
          {data.ask && !resolved && <Text size="xs" c="dimmed">{t('suggest.ask')}</Text>}
          {data.suggestions.map((s, i) => (
            <SuggestionCard key={s.article.id} ticketId={ticketId} s={s} rank={i + 1} ask={data.ask} resolved={resolved} onRated={onRated} />
          ))}
        </Stack>
      )}
    </Section>
  );
}

/** What a rating's answer says: the suggestion's rating now, and the kind's "Relevant lately" with it. */
interface Rated {
  articleId: string;
  rating: Rating | null;
  solved: boolean;
  precision: number | null;
}

function SuggestionCard({ ticketId, s, rank, ask, resolved, onRated }: {
  ticketId: string;
  s: Suggestion;
  rank: number;
  ask: boolean;
  resolved: boolean;
  onRated: (r: Rated) => void;
}) {
  const [busy, setBusy] = useState<Rating | 'solved' | null>(null);
  const [open, setOpen] = useState(ask || s.rating !== null);
  const undoHint = useId();
  // The rating already given, pressed again, is taken back: pressed by mistake on a suggestion
  // the agent should not have rated at all (another rating only changed it, and the same one
  // was sent again with "Thanks, noted."). It then no longer counts anywhere.
  // One toast per suggestion, the latest answer: "Thanks" is gone when the rating is taken back.
  const toast = `kb-rating-${ticketId}-${s.article.id}`;
  const say = (color: string, message: string) => {
    notifications.hide(toast);
    notifications.show({ id: toast, color, message });
  };
  const rate = async (rating: Rating, solved = false) => {
    setBusy(solved ? 'solved' : rating);
    try {
      if (solved && s.solved) {
        // "Solved with this article" pressed on the wrong article, pressed again: the rating before it is back.
        const back = await call('kb.withdrawSolved', { ticketId, articleId: s.article.id });
        onRated({ articleId: s.article.id, rating: back.rating, solved: false, precision: back.precision });
        say('gray', t('suggest.solvedWithdrawn'));
      } else if (!solved && s.rating === rating && !s.solved) {
        const { precision } = await call('kb.withdrawRating', { ticketId, articleId: s.article.id });
        onRated({ articleId: s.article.id, rating: null, solved: false, precision });
        say('gray', t('suggest.withdrawn'));
      } else {
        onRated(await call('kb.rate', { ticketId, articleId: s.article.id, rating, solved }));
        say('teal', t('suggest.thanks'));
      }
    } catch (error) {
      notifications.show({ color: 'red', title: t('suggest.failed'), message: problemOf(error).message });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="suggestion" data-article={s.article.id} aria-label={s.article.title} component="article">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor href={hrefOf({ name: 'kbArticle', articleId: s.article.id })} fw={600} size="sm" data-testid="suggestion-title">
            {/* The rank is seen, not read: in the link's name it was glued to the title ("1XPS: …"). */}
            <Text span c="dimmed" ff="monospace" size="xs" me={6} aria-hidden>{formatNumber(rank)}</Text>
            <bdi>{s.article.title}</bdi>
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed" lineClamp={2} dir="auto">
          {s.article.excerpt}
        </Text>
        <Group gap={4}>
          {s.reasons.slice(0, 3).map((r) => (
            <Badge key={r} size="xs" variant="light" color={r === 'similar' || r === 'kind' ? 'teal' : r === 'exploring' ? 'grape' : 'gray'}>
              {reasonLabel(r)}
            </Badge>
          ))}
          {/* Whole, on as many lines as it takes: cut at 220 px it read "Matched: keyboard, keys,
              unrespo…" with room to spare, the rest only in a tooltip that a keyboard or a touch
              never opened. */}
          {s.matched.length > 0 && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="suggestion-matched">
              {matchedWords(s.matched)}
            </Text>
          )}
        </Group>
        {resolved ? (
          <Group gap={6}>
            <VisuallyHidden id={undoHint}>{t('suggest.solvedWithdrawHint')}</VisuallyHidden>
            <Button
              size="xs"
              variant={s.solved ? 'filled' : 'light'}
              color="teal"
              leftSection={<IconCircleCheck size={14} />}
              loading={busy === 'solved'}
              aria-pressed={s.solved}
              aria-describedby={s.solved ? undoHint : undefined}
              onClick={() => void rate(2, true)}
            >
              {s.solved ? t('suggest.solvedDone') : t('suggest.solved')}
            </Button>
          </Group>
        ) : open ? (
          <Group gap={6} role="group" aria-label={t('suggest.ask')}>
            <VisuallyHidden id={undoHint}>{t('suggest.withdrawHint')}</VisuallyHidden>
            {RATINGS.map((r) => (
              <Button
                key={r}
                size="compact-xs"
                variant={s.rating === r ? 'filled' : 'default'}
                color={r === 0 ? 'red' : r === 1 ? 'yellow' : 'teal'}
                aria-pressed={s.rating === r}
                aria-describedby={s.rating === r && !s.solved ? undoHint : undefined}
                loading={busy === r}
                onClick={() => void rate(r)}
              >
                {ratingLabel(r)}
              </Button>
            ))}
          </Group>
        ) : (
          <Anchor component="button" type="button" size="xs" onClick={() => setOpen(true)} w="fit-content">
            {t('suggest.rateOptional')}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
