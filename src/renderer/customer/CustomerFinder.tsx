import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { Fragment, useState, type ReactNode } from 'react';
import type { Candidate, LookupResult } from '../../shared/api';
import type { Segment } from '../../shared/domain';
import { call, problemOf } from '../backend';
import { formatDate, t, tc } from '../i18n';
import { formatPhone, lookupMessage, matchedWhat, segmentLabel } from '../labels';
import { MatchedName } from './MatchedName';

// Finding a customer inside a form, the way the lookup finds one (name, phone, email, service
// tag, Express Service Code, ticket number), then choosing among the people it found: the new
// owner of a system, the customer a privacy request is about. Nobody types an id.

/** Who a lookup found, as choices: one match is one choice. */
export function choicesOf(r: LookupResult): Candidate[] {
  if (r.kind === 'candidates') return r.candidates;
  if (r.kind !== 'match') return [];
  const c = r.view.customer;
  const v = r.view;
  return [
    {
      customerId: c.id,
      customerName: c.name,
      segment: c.segment,
      matchedBy: r.matchedBy,
      assetId: null,
      // Its phone and email are shown as facts (CandidateFacts); nothing else was matched.
      detail: '',
      phone: c.phone,
      email: c.email,
      systems: v.assets.length,
      lastContactAt: v.interactions[0]?.at ?? null,
    },
  ];
}

/** A phone as it is read (+1 303 555 5726), left to right in a right-to-left page too. */
export function Phone({ e164 }: { e164: string }) {
  return <bdi dir="ltr">{formatPhone(e164)}</bdi>;
}

/**
 * What tells one candidate from another that matched the same way: their phone and email,
 * how many systems they own, and when they were last in contact; each piece isolated.
 */
export function CandidateFacts({ c }: { c: Candidate }) {
  const parts: ReactNode[] = [];
  if (c.phone) parts.push(<Phone key="phone" e164={c.phone} />);
  if (c.email) parts.push(<bdi key="email" dir="ltr">{c.email}</bdi>);
  parts.push(<Fragment key="systems">{tc('candidates.systems', c.systems)}</Fragment>);
  parts.push(<Fragment key="last">{c.lastContactAt === null ? t('candidates.neverContacted') : t('candidates.lastContact', { date: formatDate(c.lastContactAt) })}</Fragment>);
  return <>{parts.flatMap((p, i) => (i === 0 ? [p] : [<Fragment key={`sep${i}`}>{' · '}</Fragment>, p]))}</>;
}

/** A customer as one line: the name and the contact details each isolated, so a Latin name or a phone keeps its order in a right-to-left page. */
export function CustomerLine({ name, segment, detail = '', marks }: { name: string; segment: Segment; detail?: string; /** The query that found them by name: its words' matches marked. */ marks?: string }) {
  return (
    <>
      <bdi>
        <MatchedName name={name} query={marks ?? ''} byName={marks !== undefined} />
      </bdi>{' '}
      · {segmentLabel(segment)}
      {detail && (
        <>
          {' · '}
          <bdi>{detail}</bdi>
        </>
      )}
    </>
  );
}

export function CustomerFinder({
  label,
  description,
  chooseLabel,
  query,
  onQuery,
  chosen,
  onChoose,
  exclude,
  error,
  autoFocus = false,
  idIn,
}: {
  label: string;
  description: string;
  chooseLabel: string;
  /** What was typed: the caller keeps it (a form's draft survives a reload). */
  query: string;
  onQuery: (query: string) => void;
  /** The chosen customer's id, '' for none (a search that does not find them again clears it). */
  chosen: string;
  onChoose: (customerId: string, candidate: Candidate | null) => void;
  /** A customer never offered (the system's owner, in a transfer). */
  exclude?: string;
  error?: string | undefined;
  autoFocus?: boolean;
  /** Where a record id also finds the customer: the id the text is, or null (it is looked up). */
  idIn?: (query: string) => string | null;
}) {
  const [found, setFound] = useState<Candidate[]>([]);
  // What the shown choices were found by (the box may have changed since).
  const [searched, setSearched] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const search = async () => {
    if (!query.trim()) return;
    setMessage(null);
    const id = idIn?.(query) ?? null;
    if (id !== null) {
      setFound([]);
      onChoose(id, null);
      return;
    }
    try {
      const r = await call('lookup.search', { query });
      const choices = choicesOf(r).filter((c) => c.customerId !== exclude);
      setFound(choices);
      setSearched(query);
      // One found is chosen; among several, a choice from an earlier search does not stay behind unseen.
      if (choices.length === 1) onChoose(choices[0]!.customerId, choices[0]!);
      else if (!choices.some((c) => c.customerId === chosen)) onChoose('', null);
      if (r.kind === 'none' || r.kind === 'invalid') setMessage(lookupMessage(r));
      else if (choices.length === 0) setMessage(t('finder.onlyExcluded'));
    } catch (error) {
      setMessage(problemOf(error).message);
    }
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={label}
          description={description}
          value={query}
          onChange={(e) => onQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
          data-autofocus={autoFocus || undefined}
          error={error}
        />
        <Button variant="light" onClick={() => void search()} disabled={!query.trim()}>
          {t('transfer.find')}
        </Button>
      </Group>
      {message && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {message}
        </Text>
      )}
      {found.length > 0 && (
        <Radio.Group value={chosen} onChange={(v) => onChoose(v, found.find((c) => c.customerId === v) ?? null)} label={chooseLabel}>
          <Stack gap={4} mt={4}>
            {found.map((c) => (
              <Radio
                key={c.customerId}
                value={c.customerId}
                label={<CustomerLine name={c.customerName} segment={c.segment} detail={matchedWhat(c)} {...(c.matchedBy === 'name' ? { marks: searched } : {})} />}
                description={<CandidateFacts c={c} />}
                data-testid="finder-choice"
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}
