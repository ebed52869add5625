import { Grid, Input, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import type { SlaSettings } from '../../shared/api';
import { PRIORITIES, SEGMENTS, SERVICE_LEVELS, type Priority, type Segment, type ServiceLevel } from '../../shared/domain';
import type { SlaPolicy } from '../../shared/sla/slaClock';
import { call } from '../backend';
import { LocalNumberInput } from '../dates/DigitFields';
import { t, zoneName } from '../i18n';
import { priorityLabel, segmentLabel, serviceLevelLabel } from '../labels';
import { FitTable, HINT_UNDER, Section } from '../page';
import { EditorFrame, MissingItem, NameAndIdFields, useSettingsEditor } from './EditorFrame';
import { keptDraftDiffers, keptNewDraftName, minutesHint, policyIssues, typedNumber, unreadableNumbers } from './forms';
import { keptDraft } from '../drafts';
import classes from './SlaSettings.module.css';
import { slaEditorTitle, slaName, slaSavedMessage, storedSlaName } from '../sla/shippedNames';

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
    // In the reader's language, as in the list and the heading; saved back as the data has it
    // while left as shown (see the calendar editor's draftOf).
    name: slaName('policy', policy),
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

const toNumber = typedNumber;

/** The number fields whose text is not a number, each with what to type there. */
const unreadable = (d: PolicyDraft) =>
  unreadableNumbers([
    ...PRIORITIES.flatMap((p) => TARGETS.map((target) => ({ path: `targets.${p}.${target}`, value: d.targets[p][target], kind: 'minutes' as const }))),
    { path: 'atRiskShare', value: d.atRiskPercent, kind: 'percent' as const },
  ]);

function policyOf(d: PolicyDraft): SlaPolicy {
  return {
    id: d.id.trim(),
    name: storedSlaName('policy', d.id.trim(), d.name.trim()),
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

/** Where an editor keeps this policy's unsaved changes (null: a new one). */
export const policyDraftKey = (id: string | null): string => `sla.policy.${id ?? 'new'}`;

/** Whether this policy has changes typed and not saved (kept from an earlier visit to its editor). */
export function policyHasDraft(policy: SlaPolicy): boolean {
  return keptDraftDiffers(keptDraft<PolicyDraft>(policyDraftKey(policy.id)), draftOf(policy), policyOf);
}

/** A new policy typed on an earlier visit and not saved: its name as typed ('' if none), or null. */
export function newPolicyDraftName(settings: SlaSettings): string | null {
  return keptNewDraftName(keptDraft<PolicyDraft>(policyDraftKey(null)), newDraft(settings), policyOf);
}

const PLACED = ['id', 'name', 'segment', 'serviceLevel', 'calendarId', 'atRiskShare', 'reopenRule', 'targets'];

export function PolicyEditor({ settings, policyId, readOnly, saving }: { settings: SlaSettings; policyId: string | null; readOnly: boolean; saving: <T>(persist: () => Promise<T>) => Promise<T> }) {
  const existing = policyId === null ? null : (settings.policies.find((p) => p.id === policyId) ?? null);
  const isNew = policyId === null;
  const { version, ...stored } = existing ?? { version: undefined };
  const { draft, edit, at, frame } = useSettingsEditor({
    entity: 'policy',
    settings,
    draftOf,
    stored: existing ? stored : null,
    ...(version === undefined ? {} : { version }),
    draftKey: policyDraftKey(policyId),
    initial: existing ? draftOf(existing) : newDraft(settings),
    isNew,
    readOnly,
    valueOf: policyOf,
    original: existing ? policyOf(draftOf(existing)) : null,
    validate: policyIssues,
    unreadable,
    takenIds: settings.policies.map((p) => p.id),
    placed: PLACED,
    persist: (p, expected) => call('sla.savePolicy', { ...p, expected }),
    savedMessage: (saved) => slaSavedMessage('policy', saved),
    saving,
  });

  if (!isNew && !existing) return <MissingItem title={t('slaEdit.policyMissing')} />;

  // The name alone in the field: "Weekdays 08:00–18:00 (London) · Europe/London" was cut in a
  // third of the row. The time zone goes under each name in the list, and under the field.
  const calendarOptions = settings.calendars.map((c) => ({ value: c.id, label: slaName('calendar', c) }));
  const zoneOf = (id: string | null) => settings.calendars.find((c) => c.id === id)?.timeZone ?? null;
  const zoneNameOf = (id: string | null) => {
    const zone = zoneOf(id);
    return zone === null ? null : zoneName(zone);
  };
  const chosenZone = zoneNameOf(draft.calendarId || null);

  return (
    <EditorFrame
      {...frame}
      title={slaEditorTitle('policy', isNew ? null : (existing ?? { id: '', name: '' }))}
      description={
        existing
          ? t(readOnly ? 'slaEdit.readOnlyVersion' : 'slaEdit.version', { version: existing.version })
          : readOnly
            ? t('slaEdit.readOnly')
            : t('slaEdit.newPolicyLead')
      }
      saveLabel={t('slaEdit.savePolicy')}
    >
          <Section title={t('slaEdit.covers')} id="policy-covers">
            <Grid gap="sm">
              <NameAndIdFields draft={draft} edit={edit} at={at} isNew={isNew} readOnly={readOnly} />
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
                  description={chosenZone ? t('slaEdit.calendarHintZone', { zone: chosenZone }) : t('slaEdit.calendarHint')}
                  inputWrapperOrder={HINT_UNDER}
                  data={calendarOptions}
                  renderOption={({ option }) => (
                    <div>
                      <Text size="sm">{option.label}</Text>
                      <Text size="xs" c="dimmed">
                        <bdi>{zoneNameOf(option.value)}</bdi>
                      </Text>
                    </div>
                  )}
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
            {/* Below 620 px of box (a 420 px window) a priority is one block: its name, then its
                three targets side by side as room allows, each field named above it, instead of
                columns off the box's side (CSS container query). The fields stay in the same
                order, a priority's three in turn. */}
            <FitTable>
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
                            <LocalNumberInput
                              keepTyped
                              size="xs"
                              value={value}
                              readOnly={readOnly}
                              min={1}
                              clampBehavior="none"
                              step={15}
                              hideControls
                              rightSection={<Text size="xs" c="dimmed">{t('slaEdit.min')}</Text>}
                              rightSectionWidth={40}
                              aria-label={t('slaEdit.targetLabel', { priority: priorityLabel(priority), target: t(`slaTarget.${target}`) })}
                              description={minutesHint(value) ?? undefined}
                              label={t(`slaTarget.${target}`)}
                              labelProps={{ className: classes.targetLabel }}
                              inputWrapperOrder={HINT_UNDER}
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
            </FitTable>
          </Section>

          <Section title={t('slaEdit.behaviour')} id="policy-behaviour">
            <Grid gap="md">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <LocalNumberInput
                  keepTyped
                  label={t('slaEdit.atRisk')}
                  description={Number.isNaN(toNumber(draft.atRiskPercent)) ? undefined : t('slaEdit.atRiskHint', { percent: toNumber(draft.atRiskPercent) })}
                  inputWrapperOrder={HINT_UNDER}
                  value={draft.atRiskPercent}
                  readOnly={readOnly}
                  min={1}
                  max={99}
                  clampBehavior="none"
                  allowDecimal={false}
                  suffix=" %"
                  onChange={(v) => edit({ atRiskPercent: v })}
                  error={at('atRiskShare')}
                  maw={260}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Stack gap={4}>
                  <Input.Label labelElement="div" id="reopen-rule-label">
                    {t('slaEdit.reopenRule')}
                  </Input.Label>
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

    </EditorFrame>
  );
}
