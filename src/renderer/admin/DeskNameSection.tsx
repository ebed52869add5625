import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { DESK_NAME_MAX, deskNameSchema, shortDeskId } from '../../shared/deskName';
import { call, problemOf, useCall, type Problem } from '../backend';
import { formatNumber, t } from '../i18n';
import { ProblemAlert, Section } from '../page';
import { refreshSyncStatus } from '../sync/syncStatus';
import { issueIndex, localIssues, type Issue } from './forms';

/**
 * This desk's name (src/shared/deskName.ts), on the admins' Desks page: its machine's host name
 * until an admin names it otherwise. What was typed stays in the field when it is refused.
 */
export function DeskNameSection({ onSaved }: { onSaved?: (name: string) => void }) {
  const state = useCall('deskName.get', {}, { live: () => false });
  const [typed, setTyped] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = state.data?.name ?? '';
  const value = typed ?? current;
  const at = issueIndex(issues);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const local = localIssues(deskNameSchema.safeParse(value));
    setIssues(local.map((i) => ({ ...i, path: 'name' })));
    if (local.length > 0) return;
    setBusy(true);
    try {
      const next = await call('deskName.set', { name: value });
      await state.refetch();
      setTyped(null);
      setSaved(next.name);
      if (next.name !== null) onSaved?.(next.name);
      refreshSyncStatus();
    } catch (error) {
      const p = problemOf(error);
      setIssues(p.issues);
      if (p.issues.length === 0) setProblem(p);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('deskName.title')} id="desk-name">
      <form onSubmit={(e) => void save(e)} noValidate>
        <Stack gap="sm">
          {problem && <ProblemAlert problem={problem} title={t('record.notSaved')} />}
          <TextInput
            label={t('deskName.label')}
            description={t('deskName.hint', { max: formatNumber(DESK_NAME_MAX) })}
            value={value}
            onChange={(e) => {
              setTyped(e.currentTarget.value);
              setIssues([]);
              setSaved(null);
            }}
            error={at.at('name')}
            maw={420}
            disabled={!state.data}
            data-testid="desk-name-input"
          />
          {state.data && (
            <Text size="xs" c="dimmed">
              {t('deskName.id')}{' '}
              <Text span ff="monospace" dir="ltr" title={state.data.deskId}>
                {shortDeskId(state.data.deskId)}
              </Text>
            </Text>
          )}
          <Group>
            <Button type="submit" loading={busy} disabled={!state.data}>
              {t('record.save')}
            </Button>
            {saved !== null && (
              <Text size="sm" c="teal" role="status" data-testid="desk-name-saved">
                {t('deskName.saved', { name: saved })}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
