import { Anchor, Badge, Button, Grid, Group, MultiSelect, Paper, SegmentedControl, Select, Stack, TagsInput, Text, Textarea, TextInput, Timeline } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconEdit, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { SEGMENTS, type Segment } from '../../shared/domain';
import type { Output } from '../../shared/api';
import type { ArticleDraft, ArticleSummary } from '../../shared/kb/schemas';
import { localWriteUp } from './writeUp';
import { call, issueFor, otherIssues, problemOf, useCall, type Problem } from '../backend';
import { formatDateTime, t } from '../i18n';
import { segmentLabel } from '../labels';
import { FailedPage, FormProblem, Muted, PageHeader, PageLoading, ProblemAlert, RefusedPage, Section } from '../page';
import { hrefOf, navigate, ticketHref } from '../route';
import { useDraft } from '../drafts';
import { useSession } from '../session';
import { emptyListing, ratingsSummary, statusLabel } from './labels';
import { Markdown } from './Markdown';
import { ownDirection } from '../direction';
import { writesArticles } from '../../shared/access';
import { KB_SEARCH_HINTS } from '../shell/lookupHint';
import { useFittingHint } from '../shell/useFittingHint';

// The knowledge base: browse and search (full-text, any case, accents, Persian or Arabic
// letters), read an article rendered from Markdown, and, for specialists and admins, write
// and edit articles (every save is a new version) or start one from a resolved ticket.

export function KbPage({ query }: { query: string }) {
  const { user } = useSession();
  const [text, setText] = useState(query);
  const [status, setStatus] = useState<'all' | 'published'>('all');
  const [debounced] = useDebouncedValue(text, 200);
  useEffect(() => {
    if (debounced !== query) navigate(hrefOf({ name: 'kb', query: debounced }), { replace: true });
  }, [debounced, query]);
  const found = useCall('kb.search', { query: debounced, status, limit: 60 });
  // The longest hint that fits the field (lookupHint.ts, as the lookup's): the whole one lost
  // its last words at 420 px, in either language.
  const searchField = useRef<HTMLInputElement>(null);
  const hint = useFittingHint(searchField, KB_SEARCH_HINTS);
  return (
    <>
      <PageHeader
        title={t('kb.title')}
        description={t('kb.lead')}
        actions={
          writesArticles(user) && (
            <Button component="a" href={hrefOf({ name: 'kbEdit', articleId: null, fromTicket: null })} leftSection={<IconPlus size={16} />}>
              {t('kb.new')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            style={{ flex: '1 1 320px' }}
            label={t('kb.search')}
            ref={searchField}
            placeholder={t(hint)}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="kb-search"
          />
          <SegmentedControl
            value={status}
            onChange={(v) => setStatus(v === 'published' ? 'published' : 'all')}
            data={[
              { value: 'all', label: t('kb.filter.all') },
              { value: 'published', label: t('kb.filter.published') },
            ]}
          />
        </Group>
        {found.problem && !found.data ? (
          <ProblemAlert problem={found.problem} onRetry={() => void found.refetch()} />
        ) : !found.data ? (
          <PageLoading />
        ) : found.data.articles.length === 0 ? (
          <EmptyListing searched={debounced.trim() !== ''} publishedOnly={status === 'published'} writes={writesArticles(user)} />
        ) : (
          <Stack gap="xs" data-testid="kb-results">
            {found.data.articles.map((a) => (
              <ArticleRow key={a.id} a={a} />
            ))}
          </Stack>
        )}
      </Stack>
    </>
  );
}

function EmptyListing(props: { searched: boolean; publishedOnly: boolean; writes: boolean }) {
  const { lines, write } = emptyListing(props);
  return (
    <Stack gap={4} align="flex-start" data-testid="kb-empty">
      {lines.map((key) => (
        <Muted key={key}>{t(key)}</Muted>
      ))}
      {write && (
        <Anchor href={hrefOf({ name: 'kbEdit', articleId: null, fromTicket: null })} size="sm">
          {t('kb.writeOne')}
        </Anchor>
      )}
    </Stack>
  );
}

function ArticleRow({ a }: { a: ArticleSummary }) {
  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={a.title}>
      {/* The status and date go under the article when the card is narrow: beside it at 420 px
          they left the title and excerpt a third of the card, the excerpt five words. */}
      <Group justify="space-between" wrap="wrap" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }} data-testid="kb-article-body">
          <Anchor href={hrefOf({ name: 'kbArticle', articleId: a.id })} fw={600}>
            <bdi>{a.title}</bdi>
          </Anchor>
          <Text size="sm" c="dimmed" lineClamp={2} dir="auto">
            {a.excerpt}
          </Text>
          <Group gap={4}>
            {a.productLines.map((p) => (
              <Badge key={p} size="xs" variant="light">{p}</Badge>
            ))}
            {a.tags.slice(0, 4).map((tag) => (
              <Badge key={tag} size="xs" variant="outline" color="gray">{tag}</Badge>
            ))}
          </Group>
        </Stack>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0, marginInlineStart: 'auto' }}>
          <Badge size="sm" variant={a.status === 'published' ? 'light' : 'outline'} color={a.status === 'published' ? 'teal' : 'gray'}>
            {statusLabel(a.status)}
          </Badge>
          <Text size="xs" c="dimmed">{t('kb.updated', { when: formatDateTime(a.updatedAt) })}</Text>
        </Stack>
      </Group>
    </Paper>
  );
}

export function KbArticlePage({ articleId }: { articleId: string }) {
  const { user } = useSession();
  const article = useCall('kb.get', { articleId });
  if (article.problem && !article.data) return <FailedPage page={t('kb.articlePage')} problem={article.problem} onRetry={() => void article.refetch()} />;
  if (!article.data) return <PageLoading />;
  const a = article.data;
  return (
    <>
      <PageHeader
        eyebrow={<Anchor href={hrefOf({ name: 'kb', query: '' })} size="xs"><IconArrowLeft size={12} /> {t('kb.back')}</Anchor>}
        title={<bdi>{a.title}</bdi>}
        badges={
          <>
            <Badge variant={a.status === 'published' ? 'light' : 'outline'} color={a.status === 'published' ? 'teal' : 'gray'}>{statusLabel(a.status)}</Badge>
            <Text size="xs" c="dimmed">{t('kb.version', { version: a.version })} · {t('kb.by', { name: a.authorName })} · {t('kb.updated', { when: formatDateTime(a.updatedAt) })}</Text>
          </>
        }
        actions={
          writesArticles(user) && (
            <Button component="a" href={hrefOf({ name: 'kbEdit', articleId: a.id, fromTicket: null })} variant="default" leftSection={<IconEdit size={16} />}>
              {t('kb.edit')}
            </Button>
          )
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder radius="md" p="md" component="section" aria-label={a.title}>
            <Markdown>{a.body}</Markdown>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <Section title={t('kb.about')}>
              <Stack gap={6}>
                <Group gap={4}>{a.productLines.length ? a.productLines.map((p) => <Badge key={p} variant="light">{p}</Badge>) : <Muted>{t('kb.allProducts')}</Muted>}</Group>
                {a.models.length > 0 && <Text size="xs" c="dimmed">{a.models.join(t('list.separator'))}</Text>}
                <Group gap={4}>{a.segments.length ? a.segments.map((s) => <Badge key={s} variant="outline" color="gray">{segmentLabel(s)}</Badge>) : <Muted>{t('kb.allSegments')}</Muted>}</Group>
                {a.sourceTicketId && <Anchor href={ticketHref(a.sourceTicketId)} size="sm">{t('kb.fromTicket')}</Anchor>}
              </Stack>
            </Section>
            <Section title={t('kb.ratings')}>
              <Text size="sm">{ratingsSummary(a.ratings)}</Text>
            </Section>
            <Section title={t('kb.versions')}>
              <Timeline bulletSize={12} lineWidth={2} active={0}>
                {a.versions.map((v) => (
                  <Timeline.Item key={v.version} title={<Text size="sm" fw={600}>{t('kb.version', { version: v.version })} · {statusLabel(v.status)}</Text>}>
                    <Text size="xs" c="dimmed"><bdi>{v.title}</bdi></Text>
                    <Text size="xs" c="dimmed">{t('kb.by', { name: v.authorName })} · {formatDateTime(v.at)}</Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

const EMPTY: ArticleDraft = { title: '', body: '', productLines: [], models: [], segments: [], tags: [], status: 'draft', sourceTicketId: null };
const FIELDS = ['title', 'body', 'productLines', 'models', 'segments', 'tags', 'status'];

export function KbEditPage({ articleId, fromTicket }: { articleId: string | null; fromTicket: string | null }) {
  const { user } = useSession();
  const existing = useCall('kb.get', articleId ? { articleId } : null);
  const draft = useCall('kb.draftFromTicket', fromTicket && !articleId ? { ticketId: fromTicket } : null);
  const source = articleId ? existing : fromTicket ? draft : null;
  if (!writesArticles(user)) return <RefusedPage page={articleId ? t('kb.edit') : t('kb.new')} title={t('kb.title')} message={t('kb.writeForbidden')} />;
  if (source?.problem && !source.data) return <FailedPage page={articleId ? t('kb.edit') : t('kb.new')} problem={source.problem} onRetry={() => void source.refetch()} />;
  if (source && !source.data) return <PageLoading />;
  const start: ArticleDraft = !articleId && draft.data ? fromTicketDraft(draft.data) : existing.data && articleId ? { ...EMPTY, ...existing.data } : EMPTY;
  const version = articleId && existing.data ? existing.data.version : undefined;
  const draftKey = `kb.edit.${articleId ?? `new.${fromTicket ?? ''}`}`;
  return <Editor articleId={articleId} draftKey={draftKey} start={start} version={version} />;
}

/** A draft from a resolved ticket, its body written in this person's language (the desk's is English). */
function fromTicketDraft({ writeUp, ...draft }: Output<'kb.draftFromTicket'>): ArticleDraft {
  return { ...EMPTY, ...draft, ...(writeUp ? { body: localWriteUp(writeUp) } : {}) };
}

/** What an editor keeps while it is open: the article as typed, and the version it was read at. */
interface KeptArticle {
  form: ArticleDraft;
  version: number | null;
}

function Editor({ articleId, draftKey, start, version }: { articleId: string | null; draftKey: string; start: ArticleDraft; version: number | undefined }) {
  // Kept in this window's session until it is saved or discarded, as the other forms' drafts
  // are: leaving the page (a lookup, a ticket, Back) lost an article half written. The version
  // kept is the one the typing started from, so a save after someone else's is still refused
  // as stale rather than written over theirs.
  const [kept, keep, discard] = useDraft<KeptArticle>(draftKey, { form: start, version: version ?? null });
  const form = kept.form;
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const lines = useCall('kb.search', { query: '', limit: 200 });
  const knownLines = [...new Set([...(lines.data?.articles ?? []).flatMap((a) => a.productLines), ...form.productLines])].sort();
  const set = <K extends keyof ArticleDraft>(key: K, value: ArticleDraft[K]) => keep({ form: { ...form, [key]: value } });
  const leave = () => navigate(articleId ? hrefOf({ name: 'kbArticle', articleId }) : hrefOf({ name: 'kb', query: '' }));
  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      const saved = await call('kb.save', { ...form, ...(articleId ? { id: articleId } : {}), ...(kept.version !== null ? { expectedVersion: kept.version } : {}) });
      discard();
      notifications.show({ color: 'teal', message: t('kb.saved', { version: saved.version }) });
      navigate(hrefOf({ name: 'kbArticle', articleId: saved.id }));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSaving(false);
    }
  };
  // A refused save takes the keyboard to the first field it marked (the Save button is far below the title).
  useEffect(() => {
    if (problem) document.querySelector<HTMLElement>('#main [aria-invalid="true"]')?.focus();
  }, [problem]);
  const unplaced = otherIssues(problem, FIELDS);
  return (
    <>
      <PageHeader title={articleId ? t('kb.edit') : t('kb.new')} eyebrow={<Anchor href={hrefOf({ name: 'kb', query: '' })} size="xs">{t('kb.back')}</Anchor>} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {/* noValidate: the browser's own "Please fill out this field" bubble is in its language, not the reader's; the desk's refusal is said under each field instead. */}
          <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <Stack gap="sm">
            {problem && (
              <FormProblem problem={problem} unplaced={unplaced} title={t('kb.saveFailed')} />
            )}
            <TextInput label={t('kb.field.title')} ref={ownDirection} value={form.title} onChange={(e) => set('title', e.currentTarget.value)} error={issueFor(problem, 'title')} required />
            <Textarea label={t('kb.field.body')} ref={ownDirection} description={t('kb.field.bodyHint')} value={form.body} onChange={(e) => set('body', e.currentTarget.value)} error={issueFor(problem, 'body')} autosize minRows={10} maxRows={28} required />
            <TagsInput label={t('kb.field.productLines')} placeholder={t('kb.field.none')} data={knownLines} value={form.productLines} onChange={(v) => set('productLines', v)} error={issueFor(problem, 'productLines')} />
            <TagsInput label={t('kb.field.models')} placeholder={t('kb.field.none')} value={form.models} onChange={(v) => set('models', v)} error={issueFor(problem, 'models')} />
            <MultiSelect
              label={t('kb.field.segments')}
              placeholder={t('kb.field.none')}
              data={SEGMENTS.map((s) => ({ value: s, label: segmentLabel(s) }))}
              value={form.segments}
              onChange={(v) => set('segments', v.filter((x): x is Segment => (SEGMENTS as readonly string[]).includes(x)))}
            />
            <TagsInput label={t('kb.field.tags')} value={form.tags} onChange={(v) => set('tags', v)} error={issueFor(problem, 'tags')} />
            <Select
              label={t('kb.field.status')}
              data={[{ value: 'draft', label: statusLabel('draft') }, { value: 'published', label: statusLabel('published') }]}
              value={form.status}
              onChange={(v) => set('status', v === 'published' ? 'published' : 'draft')}
              allowDeselect={false}
            />
            <Group>
              <Button type="submit" loading={saving}>{t('kb.save')}</Button>
              <Button
                variant="default"
                disabled={saving}
                onClick={() => {
                  discard();
                  leave();
                }}
              >
                {t('kb.discard')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">{t('kb.draftKept')}</Text>
          </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Section title={t('kb.preview')}>
            <Markdown>{form.body}</Markdown>
          </Section>
        </Grid.Col>
      </Grid>
    </>
  );
}
