import { Alert, Anchor, Badge, Button, Grid, Group, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import type { SlaSettings } from '../../shared/api';
import { PRIORITIES, SEGMENTS, SERVICE_LEVELS, type Priority, type Segment, type ServiceLevel } from '../../shared/domain';
import { slaPolicySchema, type SlaPolicy } from '../../shared/sla/slaClock';
import { call, problemOf, type Problem } from '../backend';
import { useDraft } from '../drafts';
import { t } from '../i18n';
import { priorityLabel, segmentLabel, serviceLevelLabel } from '../labels';
import { PageHeader, Section } from '../page';
import { hrefOf, navigate } from '../route';
import { issueIndex, localIssues, minutesHint, serverIssues, slugify, unplacedIssues, type Issue } from './forms';
import classes from './SlaSettings.module.css';

// One SLA policy: which customers it covers (segment and service level), the calendar its
// clocks count in, the targets in business minutes per priority, when a ticket counts as
// at risk, and what a reopen does to the resolution clock. What is typed is a draft (kept
// across reloads) until the desk accepts it; a refusal puts each issue under its field.

const TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
type TargetName = (typeof TARGETS)[number];

interface PolicyDraft {
  id: string;
  idEdited: boolean;
  name: string;
  segment: Segment;
  serviceLevel: ServiceLevel;
  calendarId: string;
  atRiskPercent: number | string;
  reopenRule: 'continue' | 'restart';
  targets: Record<Priority, Record<TargetName, number | string>>;
}

function draftOf(policy: SlaPolicy): PolicyDraft {
  return {
    id: policy.id,
    idEdited: true,
    name: policy.name,
    segment: policy.segment,
    serviceLevel: policy.serviceLevel,
    calendarId: policy.calendarId,
    atRiskPercent: Math.round(policy.atRiskShare * 100),
    reopenRule: policy.reopenRule,
    targets: Object.fromEntries(PRIORITIES.map((p) => [p, { ...policy.targets[p] }])) as PolicyDraft['targets'],
  };
}

/** A new policy starts from the first one's targets, for a segment and level nobody covers yet. */
function newDraft(settings: SlaSettings): PolicyDraft {
  const taken = new Set(settings.policies.map((p) => `${p.segment}|${p.serviceLevel}`));
  const free = SEGMENTS.flatMap((segment) => SERVICE_LEVELS.map((serviceLevel) => ({ segment, serviceLevel }))).find((x) => !taken.has(`${x.segment}|${x.serviceLevel}`));
  const base = settings.policies[0];
  return {
    id: '',
    idEdited: false,
    name: '',
    segment: free?.segment ?? 'home',
    serviceLevel: free?.serviceLevel ?? 'premier',
    calendarId: base?.calendarId ?? settings.calendars[0]?.id ?? '',
    atRiskPercent: 75,
    reopenRule: 'continue',
    targets: base
      ? (Object.fromEntries(PRIORITIES.map((p) => [p, { ...base.targets[p] }])) as PolicyDraft['targets'])
      : (Object.fromEntries(PRIORITIES.map((p) => [p, { firstResponse: 60, nextResponse: 120, resolution: 480 }])) as PolicyDraft['targets']),
  };
}

const toNumber = (v: number | string): number => (typeof v === 'number' ? v : v.trim() === '' ? 0 : Number(v));

function policyOf(d: PolicyDraft): SlaPolicy {
  return {
    id: d.id.trim(),
    name: d.name.trim(),
    segment: d.segment,
    serviceLevel: d.serviceLevel,
    calendarId: d.calendarId,
    atRiskShare: toNumber(d.atRiskPercent) / 100,
    reopenRule: d.reopenRule,
    targets: Object.fromEntries(
      PRIORITIES.map((p) => [p, Object.fromEntries(TARGETS.map((target) => [target, toNumber(d.targets[p][target])]))]),
    ) as SlaPolicy['targets'],
  };
}

const PLACED = ['id', 'name', 'segment', 'serviceLevel', 'calendarId', 'atRiskShare', 'reopenRule', 'targets'];

export function PolicyEditor({ settings, policyId, readOnly, onSaved }: { settings: SlaSettings; policyId: string | null; readOnly: boolean; onSaved: () => Promise<void> }) {
  const existing = policyId === null ? null : (settings.policies.find((p) => p.id === policyId) ?? null);
  const [draft, setDraft, clearDraft] = useDraft<PolicyDraft>(`sla.policy.${policyId ?? 'new'}`, existing ? draftOf(existing) : newDraft(settings));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const isNew = policyId === null;

  const edit = (patch: Partial<PolicyDraft>) => {
    setProblem(null);
    setDraft(patch);
  };

  // Local issues as you type; the desk's after a save, until the next edit.
  const candidate = policyOf(draft);
  const dirty = existing ? JSON.stringify(candidate) !== JSON.stringify(policyOf(draftOf(existing))) : true;
  const local = localIssues(slaPolicySchema.safeParse(candidate));
  if (isNew && candidate.id && settings.policies.some((p) => p.id === candidate.id)) local.push({ path: 'id', message: t('slaEdit.idTaken') });
  if (isNew && !candidate.id) local.push({ path: 'id', message: t('slaEdit.idRequired') });
  const issues: Issue[] = problem ? serverIssues(problem) : readOnly ? [] : local;
  const at = issueIndex(issues).at;
  const others = problem ? unplacedIssues(issues, (p) => PLACED.some((f) => p === f || p.startsWith(`${f}.`))) : [];

  const save = async () => {
    if (isNew && local.some((i) => i.path === 'id')) {
      setProblem({ code: 'invalid_input', message: t('act.fixFields'), issues: local.filter((i) => i.path === 'id') });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = await call('sla.savePolicy', candidate);
      clearDraft();
      await onSaved();
      notifications.show({ color: 'teal', message: t('slaEdit.policySaved', { name: saved.name }) });
      navigate(hrefOf({ name: 'slaSettings' }));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (!isNew && !existing) {
    return (
      <Alert color="red" role="alert" title={t('slaEdit.policyMissing')}>
        <Anchor href={hrefOf({ name: 'slaSettings' })}>{t('slaEdit.back')}</Anchor>
      </Alert>
    );
  }

  const calendarOptions = settings.calendars.map((c) => ({ value: c.id, label: `${c.name} · ${c.timeZone}` }));

  return (
    <>
      <Anchor href={hrefOf({ name: 'slaSettings' })} size="sm" className={classes.back}>
        <IconArrowBackUp size={14} aria-hidden /> {t('slaEdit.back')}
      </Anchor>
      <PageHeader
        title={isNew ? t('slaEdit.newPolicy') : t('slaEdit.policyTitle', { name: existing?.name ?? '' })}
        description={readOnly ? t('slaEdit.readOnly') : existing ? t('slaEdit.version', { version: existing.version }) : t('slaEdit.newPolicyLead')}
      />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!readOnly) void save();
        }}
      >
        <Stack gap="md">
          {problem && (
            <Alert color="red" role="alert" title={t('slaEdit.notSaved')}>
              <Text size="sm">{others.length === 0 && issues.length > 0 ? t('act.fixFields') : problem.message}</Text>
              {others.map((i) => (
                <Text size="sm" key={`${i.path}-${i.message}`}>
                  {i.message}
                </Text>
              ))}
            </Alert>
          )}
          <Section title={t('slaEdit.covers')} id="policy-covers">
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('slaEdit.name')}
                  value={draft.name}
                  readOnly={readOnly}
                  withAsterisk={!readOnly}
                  onChange={(e) => {
                    const name = e.currentTarget.value;
                    edit(isNew && !draft.idEdited ? { name, id: slugify(name) } : { name });
                  }}
                  error={at('name')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('slaEdit.id')}
                  description={isNew ? t('slaEdit.idHint') : undefined}
                  value={draft.id}
                  readOnly={readOnly || !isNew}
                  withAsterisk={isNew}
                  onChange={(e) => edit({ id: e.currentTarget.value, idEdited: true })}
                  error={at('id')}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t('slaEdit.segment')}
                  data={SEGMENTS.map((s) => ({ value: s, label: segmentLabel(s) }))}
                  value={draft.segment}
                  readOnly={readOnly}
                  allowDeselect={false}
                  onChange={(v) => {
                    const segment = SEGMENTS.find((s) => s === v);
                    if (segment) edit({ segment });
                  }}
                  error={at('segment')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t('slaEdit.serviceLevel')}
                  data={SERVICE_LEVELS.map((l) => ({ value: l, label: serviceLevelLabel(l) }))}
                  value={draft.serviceLevel}
                  readOnly={readOnly}
                  allowDeselect={false}
                  onChange={(v) => {
                    const serviceLevel = SERVICE_LEVELS.find((l) => l === v);
                    if (serviceLevel) edit({ serviceLevel });
                  }}
                  error={at('serviceLevel')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t('slaEdit.calendar')}
                  description={t('slaEdit.calendarHint')}
                  data={calendarOptions}
                  value={draft.calendarId || null}
                  readOnly={readOnly}
                  allowDeselect={false}
                  onChange={(v) => edit({ calendarId: v ?? '' })}
                  error={at('calendarId')}
                />
              </Grid.Col>
            </Grid>
          </Section>

          <Section title={t('slaEdit.targets')} id="policy-targets" padding={0}>
            <Text size="sm" c="dimmed" px="md" pt="sm">
              {t('slaEdit.targetsLead')}
            </Text>
            <Table.ScrollContainer minWidth={620} type="native">
              <Table className={classes.targets} verticalSpacing={8} layout="fixed">
                <colgroup>
                  <col style={{ width: 110 }} />
                  <col />
                  <col />
                  <col />
                </colgroup>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('tickets.col.priority')}</Table.Th>
                    {TARGETS.map((target) => (
                      <Table.Th key={target} scope="col">
                        {t(`slaTarget.${target}`)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {PRIORITIES.map((priority) => (
                    <Table.Tr key={priority}>
                      <Table.Th scope="row">{priorityLabel(priority)}</Table.Th>
                      {TARGETS.map((target) => {
                        const value = draft.targets[priority][target];
                        const path = `targets.${priority}.${target}`;
                        return (
                          <Table.Td key={target}>
                            <NumberInput
                              size="xs"
                              value={value}
                              readOnly={readOnly}
                              min={1}
                              clampBehavior="none"
                              step={15}
                              allowDecimal={false}
                              allowNegative={false}
                              hideControls
                              rightSection={<Text size="xs" c="dimmed">{t('slaEdit.min')}</Text>}
                              rightSectionWidth={40}
                              aria-label={t('slaEdit.targetLabel', { priority: priorityLabel(priority), target: t(`slaTarget.${target}`) })}
                              description={minutesHint(value) ?? undefined}
                              inputWrapperOrder={['label', 'input', 'description', 'error']}
                              onChange={(v) => edit({ targets: { ...draft.targets, [priority]: { ...draft.targets[priority], [target]: v } } })}
                              error={at(path)}
                              data-path={path}
                            />
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Section>

          <Section title={t('slaEdit.behaviour')} id="policy-behaviour">
            <Grid gap="md">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <NumberInput
                  label={t('slaEdit.atRisk')}
                  description={t('slaEdit.atRiskHint', { percent: toNumber(draft.atRiskPercent) })}
                  value={draft.atRiskPercent}
                  readOnly={readOnly}
                  min={1}
                  max={99}
                  allowDecimal={false}
                  suffix=" %"
                  onChange={(v) => edit({ atRiskPercent: v })}
                  error={at('atRiskShare')}
                  maw={260}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="reopen-rule-label">
                    {t('slaEdit.reopenRule')}
                  </Text>
                  <SegmentedControl
                    value={draft.reopenRule}
                    readOnly={readOnly}
                    onChange={(v) => edit({ reopenRule: v === 'restart' ? 'restart' : 'continue' })}
                    data={[
                      { value: 'continue', label: t('slaEdit.reopen.continue') },
                      { value: 'restart', label: t('slaEdit.reopen.restart') },
                    ]}
                    aria-labelledby="reopen-rule-label"
                    w="fit-content"
                  />
                  <Text size="xs" c="dimmed">
                    {draft.reopenRule === 'restart' ? t('slaEdit.reopen.restartHint') : t('slaEdit.reopen.continueHint')}
                  </Text>
                  {at('reopenRule') && (
                    <Text size="xs" c="red">
                      {at('reopenRule')}
                    </Text>
                  )}
                </Stack>
              </Grid.Col>
            </Grid>
          </Section>

          {!readOnly && (
            <Group justify="flex-end" gap="xs">
              {dirty && !isNew && (
                <Badge color="yellow" variant="light" tt="none" size="lg" role="status">
                  {t('slaEdit.unsaved')}
                </Badge>
              )}
              <Button
                variant="default"
                onClick={() => {
                  clearDraft();
                  setProblem(null);
                  navigate(hrefOf({ name: 'slaSettings' }));
                }}
              >
                {t('slaEdit.discard')}
              </Button>
              <Button type="submit" loading={busy} leftSection={<IconDeviceFloppy size={16} />}>
                {t('slaEdit.savePolicy')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </>
  );
}
