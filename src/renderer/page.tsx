import { Alert, Box, Button, Group, Loader, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { headline, type Problem } from './backend';
import { currentLanguage, t } from './i18n';
import { isMacPlatform, submitChordKeys, submitOnChord } from './submitChord';

// The few building blocks every page shares: one h1 per page, sections with h2, and the
// loading and failure states.

/**
 * A field's hint under its box, not between its name and its box: side by side in a row, a
 * field with a hint had its box pushed below its neighbours' (a policy's calendar beside its
 * segment and service level, a customer's phone beside their email, a Persian date with its
 * Gregorian date beside a warranty level). Every field with a hint that may stand in a row
 * takes it, so names and boxes line up across the row.
 */
export const HINT_UNDER: Array<'label' | 'input' | 'description' | 'error'> = ['label', 'input', 'description', 'error'];

export function PageHeader({ title, eyebrow, description, actions, badges }: {
  title: ReactNode;
  eyebrow?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  badges?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="lg" wrap="wrap">
      <Box style={{ flex: '1 1 320px', minWidth: 0 }}>
        {eyebrow && (
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.5} mb={4}>
            {eyebrow}
          </Text>
        )}
        <Title order={1} fz={{ base: 20, md: 24 }} lh={1.25}>
          {title}
        </Title>
        {badges && (
          <Group gap={6} mt={8}>
            {badges}
          </Group>
        )}
        {description && (
          <Text size="sm" c="dimmed" mt={6}>
            {description}
          </Text>
        )}
      </Box>
      {actions && (
        <Group gap="xs" wrap="wrap">
          {actions}
        </Group>
      )}
    </Group>
  );
}

/**
 * A table that fits its box. The box is a size container, so a page's CSS container queries
 * (`@container (max-width: …)` in its module) can lay the table's rows out as blocks below the
 * width its columns need (a 420 px window) instead of scrolling sideways; above it the table is
 * as it is. The scroll box stays, for a table that still does not fit (the shell marks it and
 * says so: scrollHints.ts).
 */
export function FitTable({ children }: { children: ReactNode }) {
  return (
    <div style={{ containerType: 'inline-size' }}>
      <Table.ScrollContainer minWidth={0} type="native">
        {children}
      </Table.ScrollContainer>
    </div>
  );
}

export function Section({ title, actions, children, padding = 'md', id, busy = false }: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  padding?: 'xs' | 'sm' | 'md' | 0;
  id?: string;
  /** Its content is still loading (placeholders of its size meanwhile). */
  busy?: boolean;
}) {
  const headingId = id ?? undefined;
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby={headingId} aria-busy={busy || undefined}>
      {/* The actions are not squeezed by a long title (a button's label was cut, Persian at
          420 px): the title takes what they leave, and below 12rem of it they move under it,
          where a row of them wider than the section wraps. */}
      <Group justify="space-between" px="md" py={10} gap="xs" wrap="wrap" style={{ borderBlockEnd: '1px solid var(--mantine-color-default-border)' }}>
        <Title order={2} fz="sm" fw={650} id={headingId} style={{ flex: '1 1 12rem', minInlineSize: 0 }}>
          {title}
        </Title>
        {actions && (
          <Group gap="xs" wrap="wrap" style={{ maxInlineSize: '100%', marginInlineStart: 'auto' }}>
            {actions}
          </Group>
        )}
      </Group>
      <Box p={padding}>{children}</Box>
    </Paper>
  );
}

/**
 * A page this person's role does not open: the page's name as its heading (so the window's
 * title names it and focus lands on it, as on any page), then why, and who may.
 */
export function RefusedPage({ page, title, message }: { page: string; title: string; message: string }) {
  return (
    <>
      <PageHeader title={page} />
      <ProblemAlert title={title} problem={{ code: 'forbidden', message, issues: [] }} />
    </>
  );
}

/**
 * A page whose data could not be loaded (a ticket or customer no longer there, a desk that did
 * not answer): the page's name as its heading, as on a page that loaded, then what went wrong.
 */
export function FailedPage({ page, problem, onRetry }: { page: string; problem: Problem; onRetry?: () => void }) {
  return (
    <>
      <PageHeader title={page} />
      {/* Asking again for what is not there finds nothing more. */}
      <ProblemAlert problem={problem} onRetry={problem.code === 'not_found' ? undefined : onRetry} />
    </>
  );
}

export function ProblemAlert({ problem, onRetry, title }: { problem: Problem; onRetry?: () => void; title?: string }) {
  return (
    <Alert color="red" role="alert" icon={<IconAlertTriangle size={18} />} title={title ?? t('error.loadTitle')}>
      <Stack gap="xs">
        <Text size="sm">{problem.message}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry} w="fit-content">
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * A refused form's alert: the back end's message (or, when every issue is marked under its
 * field, "fix the marked fields", naming them when `fields` gives their labels), then the issues
 * that belong to no field on the form.
 */
export function FormProblem({ problem, unplaced, title, fields = [] }: { problem: Problem; unplaced: string[]; title: string; fields?: string[] }) {
  const general = headline(problem, unplaced);
  const said =
    general !== t('act.fixFields') || fields.length === 0
      ? general
      : fields.length === 1
        ? t('form.fixNamedOne', { field: fields[0]! })
        : t('form.fixNamed', { fields: new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(fields) });
  return (
    <Alert color="red" role="alert" title={title}>
      <Text size="sm">{said}</Text>
      {unplaced.map((m) => (
        <Text size="sm" key={m}>
          {m}
        </Text>
      ))}
    </Alert>
  );
}

const chordKeys = submitChordKeys(typeof navigator !== 'undefined' && isMacPlatform(navigator.platform));

/** The submit button's `aria-keyshortcuts` where the form submits on Ctrl+Enter (Cmd+Enter). */
export const SUBMIT_KEYS = chordKeys.aria;

/** A form's onKeyDownCapture: Ctrl+Enter (Cmd+Enter) submits it as its button would, unless it is sending (submitChord.ts). */
export function submitOnChordKey(busy: boolean) {
  return (e: KeyboardEvent<HTMLFormElement>) =>
    submitOnChord(
      { key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: e.shiftKey, isComposing: e.nativeEvent.isComposing, inOpenList: e.target instanceof Element && e.target.getAttribute('aria-expanded') === 'true', preventDefault: () => e.preventDefault(), stopPropagation: () => e.stopPropagation(), currentTarget: e.currentTarget },
      busy,
    );
}

/**
 * The buttons of a form whose text is kept as a draft (New ticket, Log a contact): Cancel with
 * something typed asks before dropping it ("Keep editing" takes the keyboard), over the buttons;
 * with nothing typed it drops the empty draft and closes. Closing the dialog otherwise (its X,
 * Escape) keeps the text, for a call that goes on.
 */
export function DraftFormButtons({ hintId, typed, discardAsk, busy, submitLabel, onDiscard }: { hintId: string; typed: boolean; discardAsk: string; busy: boolean; submitLabel: string; onDiscard: () => void }) {
  const [discarding, setDiscarding] = useState(false);
  return (
    <>
      {discarding && (
        <Alert color="yellow" role="alert" p="sm">
          <Group justify="space-between" gap="sm">
            <Text size="sm">{discardAsk}</Text>
            <Group gap="xs" ms="auto">
              <Button size="xs" variant="default" onClick={() => setDiscarding(false)} data-autofocus autoFocus>
                {t('newTicket.keepEditing')}
              </Button>
              <Button size="xs" color="red" onClick={onDiscard}>
                {t('newTicket.discard')}
              </Button>
            </Group>
          </Group>
        </Alert>
      )}
      <FormButtons hintId={hintId}>
        <Button variant="default" onClick={() => (typed ? setDiscarding(true) : onDiscard())} disabled={discarding}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={busy} aria-keyshortcuts={SUBMIT_KEYS} aria-describedby={hintId}>
          {submitLabel}
        </Button>
      </FormButtons>
    </>
  );
}

/**
 * A form's buttons (Cancel, then submit) with "Or press Ctrl Enter" on their start side, for the
 * forms whose note takes Enter as a new line; the hint also describes the submit button.
 */
export function FormButtons({ hintId, children }: { hintId: string; children: ReactNode }) {
  return (
    <Group justify="space-between" mt="sm" gap="sm">
      <Text id={hintId} size="xs" c="dimmed">
        {t('common.submitKeys', { keys: chordKeys.shown })}
      </Text>
      <Group gap="sm" ms="auto">
        {children}
      </Group>
    </Group>
  );
}

export function PageLoading() {
  return (
    <Stack gap="md" aria-busy="true">
      <Group gap="sm">
        <Loader size="xs" aria-hidden="true" />
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      </Group>
      <Skeleton h={28} w="40%" />
      <Skeleton h={120} />
      <Skeleton h={220} />
    </Stack>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}
