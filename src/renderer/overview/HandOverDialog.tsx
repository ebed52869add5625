import { Alert, Button, Group, List, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { HandOverResult } from '../../shared/api';
import type { QueuePlace } from '../../shared/access';
import type { User } from '../../shared/domain';
import { call, problemOf } from '../backend';
import { t, tc } from '../i18n';
import { ProblemAlert } from '../page';
import { assigneeChoice } from './drill';
import { handOverTargets, refusalsByReason } from './handOver';
import { sayMessage } from '../sayMessage';

// "Hand over all of Ben's tickets": each of his open tickets back to its own queue, or all to
// one person (their live load beside each name, as the drawer's assignee lists show it). One
// call; each ticket moves as its own event, and those refused stay with him, named with why.

type Problem = ReturnType<typeof problemOf>;

/** `places`: where each of their open tickets is (tier and segment), as the drawer lists them. */
export function HandOverDialog({ from, count, places, users, loads, onClose }: { from: User; count: number; places: readonly QueuePlace[]; users: User[]; loads: ReadonlyMap<string, number>; onClose: () => void }) {
  const [to, setTo] = useState<'queue' | 'person'>('queue');
  const [personId, setPersonId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<HandOverResult | null>(null);
  const people = handOverTargets(users, from.id, places);
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? id;

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await call('supervisor.handOver', { fromId: from.id, toId: to === 'queue' ? null : personId });
      setResult(r);
      if (r.refused.length === 0) {
        notifications.show({ color: 'teal', message: movedText(r.moved, to === 'queue' ? null : nameOf(personId!)) });
        onClose();
      }
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('handOver.title', { name: from.name })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {result ? (
        <Stack gap="sm">
          <Text>{movedText(result.moved, to === 'queue' ? null : nameOf(personId ?? ''))}</Text>
          <Alert color="orange" title={tc('handOver.refused', result.refused.length, { name: from.name })}>
            <List size="sm" spacing={4}>
              {refusalsByReason(result.refused).map((r) => (
                <List.Item key={r.reason}>
                  {sayMessage(r.reason)}
                  <Text size="sm" ff="monospace" fw={600} dir="ltr" className="own-direction">
                    {/* A number whole on its line: "T-" never left at a line's end. */}
                    {r.numbers.map((n, i) => (
                      <span key={n}>
                        <span style={{ whiteSpace: 'nowrap' }}>{i < r.numbers.length - 1 ? `${n},` : n}</span>{' '}
                      </span>
                    ))}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{tc('handOver.intro', count, { name: from.name })}</Text>
            <Radio.Group value={to} onChange={(v) => setTo(v === 'person' ? 'person' : 'queue')} label={t('handOver.where')}>
              <Stack gap="xs" mt={6}>
                <Radio value="queue" label={t('handOver.toQueues')} description={t('handOver.toQueuesHint')} />
                <Radio value="person" label={t('handOver.toPerson')} />
              </Stack>
            </Radio.Group>
            {to === 'person' && (
              <Select
                label={t('handOver.person')}
                placeholder={t('handOver.personPlaceholder')}
                searchable
                description={places.length > 0 ? t('handOver.personHint') : undefined}
                data={people.map((p) => ({ value: p.user.id, label: p.user.name }))}
                renderOption={({ option }) => {
                  // Someone who may be given only some of them says how many: the others would stay.
                  const fits = people.find((p) => p.user.id === option.value)?.fits ?? 0;
                  const choice = assigneeChoice(option.label, loads.get(option.value) ?? 0);
                  return fits > 0 && fits < places.length ? `${choice} · ${tc('handOver.fits', fits, { total: places.length })}` : choice;
                }}
                value={personId}
                onChange={setPersonId}
                nothingFoundMessage={t('handOver.nobody')}
                comboboxProps={{ withinPortal: true }}
              />
            )}
            {problem && <ProblemAlert problem={problem} title={t('act.failedTitle')} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} disabled={count === 0 || (to === 'person' && !personId)}>
                {tc('handOver.confirm', count)}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function movedText(moved: number, to: string | null): string {
  return to === null ? tc('handOver.movedToQueues', moved) : tc('handOver.movedTo', moved, { name: to });
}
