import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Candidate, LookupResult } from '../../shared/api';
import type { Segment } from '../../shared/domain';
import { call, problemOf } from '../backend';
import { t } from '../i18n';
import { candidateDetail, lookupMessage, segmentLabel } from '../labels';

// Finding a customer inside a form, the way the lookup finds one (name, phone, email, service
// tag, Express Service Code, ticket number), then choosing among the people it found: the new
// owner of a system, the customer a privacy request is about. Nobody types an id.

/** Who a lookup found, as choices: one match is one choice. */
export function choicesOf(r: LookupResult): Candidate[] {
  if (r.kind === 'candidates') return r.candidates;
  if (r.kind !== 'match') return [];
  const c = r.view.customer;
  return [{ customerId: c.id, customerName: c.name, segment: c.segment, matchedBy: r.matchedBy, assetId: null, detail: [c.phone, c.email].filter(Boolean).join(' · ') }];
}

/** A customer as one line: the name and the contact details each isolated, so a Latin name or a phone keeps its order in a right-to-left page. */
export function CustomerLine({ name, segment, detail = '' }: { name: string; segment: Segment; detail?: string }) {
  return (
    <>
      <bdi>{name}</bdi> · {segmentLabel(segment)}
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
}) {
  const [found, setFound] = useState<Candidate[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const search = async () => {
    if (!query.trim()) return;
    setMessage(null);
    try {
      const r = await call('lookup.search', { query });
      const choices = choicesOf(r).filter((c) => c.customerId !== exclude);
      setFound(choices);
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
              <Radio key={c.customerId} value={c.customerId} label={<CustomerLine name={c.customerName} segment={c.segment} detail={candidateDetail(c)} />} />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}
