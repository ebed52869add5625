import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { DuplicateCandidate } from '../../shared/customerApi';
import type { Segment } from '../../shared/domain';
import { call } from '../backend';
import { t } from '../i18n';
import { formatPhone } from '../labels';
import { customerHref, hrefOf } from '../route';

// Likely duplicates of the record being typed, asked for 250 ms after the last keystroke:
// the same phone or email, a similar name in the same segment, the same service tag.

export function DuplicateHints({ probe, excludeId }: {
  probe: { name: string; segment: Segment; email: string; phone: string; country: string; serviceTag?: string };
  /** When editing an existing record: itself, and offer to merge instead of open. */
  excludeId: string | null;
}) {
  const [found, setFound] = useState<DuplicateCandidate[]>([]);
  const key = JSON.stringify(probe);
  useEffect(() => {
    let live = true;
    const enough = probe.name.trim().length >= 4 || probe.email.includes('@') || probe.phone.replace(/\D/g, '').length >= 7 || (probe.serviceTag ?? '').trim().length >= 7;
    if (!enough) {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      call('customers.duplicates', { ...probe, serviceTag: probe.serviceTag ?? '', excludeId })
        .then((r) => live && setFound(r))
        .catch(() => live && setFound([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, excludeId]);

  if (found.length === 0) return null;
  return (
    <Alert color="yellow" icon={<IconCopy size={18} />} title={t('duplicates.title')} role="status" aria-live="polite" data-testid="duplicate-hints">
      <Stack gap={6}>
        {found.map((c) => (
          <Group key={c.customerId} gap="xs" wrap="wrap" justify="space-between">
            <Group gap={6} wrap="wrap">
              <Anchor href={customerHref(c.customerId)} size="sm" fw={600}>
                <bdi>{c.name}</bdi>
              </Anchor>
              {c.phone && (
                <Text size="xs" c="dimmed">
                  <bdi dir="ltr">{formatPhone(c.phone)}</bdi>
                </Text>
              )}
              {c.email && (
                <Text size="xs" c="dimmed" dir="ltr">
                  {c.email}
                </Text>
              )}
              {c.reasons.map((r) => (
                <Badge key={r} size="xs" variant="light" color="yellow" tt="none">
                  {t(`duplicates.reason.${r}`)}
                </Badge>
              ))}
              {/* What the score is, for this pair: how sure, from what the two records share. */}
              <Badge size="xs" variant="outline" color="gray" aria-describedby={`duplicate-why-${c.customerId}`}>
                {t('duplicates.score', { score: Math.round(c.score * 100) })}
              </Badge>
              <span id={`duplicate-why-${c.customerId}`} hidden>
                {t('duplicates.scoreFrom', { score: Math.round(c.score * 100), reasons: c.reasons.map((r) => t(`duplicates.reason.${r}`)).join(t('list.separator')) })}
              </span>
            </Group>
            {excludeId && (
              // Named with whom it merges: with several likely duplicates, a screen reader heard "Merge…" for each.
              <Button size="compact-xs" variant="light" component="a" href={hrefOf({ name: 'merge', survivorId: excludeId, mergedId: c.customerId })} aria-label={t('duplicates.mergeWith', { name: c.name })}>
                {t('duplicates.merge')}
              </Button>
            )}
          </Group>
        ))}
        {/* What a match score means, said once under the list: whether to merge is the agent's call. */}
        <Text size="xs" c="dimmed" data-testid="duplicate-score-hint">
          {t('duplicates.scoreHint')}
        </Text>
        {!excludeId && (
          <Text size="xs" c="dimmed">
            {t('duplicates.openInstead')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
