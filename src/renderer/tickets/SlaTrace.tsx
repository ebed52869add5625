import { Badge, Box, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlayerPause } from '@tabler/icons-react';
import type { SlaTargetTrace, TicketSlaTrace } from '../../shared/api';
import { formatDateTime, formatDuration, t, zoneName } from '../i18n';
import { slaTargetLabel } from '../labels';
import { dueText } from '../sla/countdown';
import classes from './TicketPage.module.css';
import { slaName } from '../sla/shippedNames';
import { slaLeft } from './slaLeft';

// Where a ticket's SLA figures come from: the policy and calendar that apply, and per target
// when its clock started, when it is due (in the reader's zone, and on the calendar's own
// wall clock and display calendar), business time elapsed and left, the waits on the
// customer that paused it, and how it ended or stands now. Everything is computed by the
// desk from the pure SLA clock (tickets.get → sla); this only puts it into words.

type Calendar = TicketSlaTrace['calendar'];

const STATUS_COLOR: Record<SlaTargetTrace['status'], string> = {
  ok: 'gray',
  atRisk: 'orange',
  breached: 'red.8',
  paused: 'gray',
  met: 'teal',
  none: 'gray',
};

const readerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function SlaTrace({ sla }: { sla: TicketSlaTrace }) {
  return (
    <Stack gap="sm">
      <dl className={classes.facts}>
        <dt>{t('slaTrace.policy')}</dt>
        {/* Named as the SLA settings name it (a shipped policy in the reader's language, an admin's
            as typed), not by its id: "home-basic" was Latin inside a Persian sentence, and a slug. */}
        <dd data-policy-id={sla.policy.id}>{t('slaTrace.policyValue', { name: slaName('policy', sla.policy), version: sla.policy.version })}</dd>
        <dt>{t('slaTrace.calendar')}</dt>
        <dd>
          <Group gap={6} wrap="wrap">
            <span>{t('slaTrace.calendarValue', { name: slaName('calendar', sla.calendar), zone: zoneName(sla.calendar.timeZone) })}</span>
            {sla.calendar.displayCalendar === 'persian' && (
              <Badge size="xs" variant="light" color="grape" tt="none">
                {t('slaTrace.persian')}
              </Badge>
            )}
          </Group>
        </dd>
      </dl>
      {sla.paused && (
        <Group gap={6} wrap="nowrap" className={classes.pausedNote} role="status">
          <IconPlayerPause size={14} aria-hidden />
          <Text size="sm">{t('slaTrace.waiting')}</Text>
        </Group>
      )}
      <SimpleGrid type="container" cols={{ base: 1, '620px': 3 }} spacing="sm">
        {sla.targets.map((target) => (
          <TargetCard key={target.target} trace={target} calendar={sla.calendar} current={sla.policy} />
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('slaTrace.asOf', { when: formatDateTime(sla.asOf) })}
      </Text>
    </Stack>
  );
}

function TargetCard({ trace, calendar, current }: { trace: SlaTargetTrace; calendar: Calendar; current: TicketSlaTrace['policy'] }) {
  const title = slaTargetLabel(trace.target);
  const headingId = `sla-trace-${trace.target}`;
  if (trace.phase === 'idle') {
    return (
      <Paper withBorder radius="sm" p="sm" component="section" aria-labelledby={headingId} data-target={trace.target} data-phase="idle">
        <Text id={headingId} fw={650} size="sm" mb={4}>
          {title}
        </Text>
        <Text size="sm" c="dimmed">
          {t('slaTrace.notStarted')}
        </Text>
      </Paper>
    );
  }
  const finished = trace.phase === 'met' || trace.phase === 'stopped';
  const share = trace.targetMs > 0 ? Math.min(100, (trace.elapsedMs / trace.targetMs) * 100) : 0;
  const left = slaLeft(trace);
  const otherPolicy = trace.policy.id !== current.id || trace.policy.version !== current.version;
  return (
    <Paper withBorder radius="sm" p="sm" component="section" aria-labelledby={headingId} data-target={trace.target} data-phase={trace.phase} data-status={trace.status}>
      <Group justify="space-between" gap={6} wrap="wrap" mb={6}>
        <Text id={headingId} fw={650} size="sm">
          {title}
        </Text>
        <Badge size="sm" tt="none" color={STATUS_COLOR[trace.status]} variant={trace.status === 'breached' ? 'filled' : 'light'} style={{ minInlineSize: 'max-content' }}>
          {statusWord(trace)}
        </Badge>
      </Group>
      <Progress value={share} size="sm" color={STATUS_COLOR[trace.status]} aria-hidden mb={8} />
      <dl className={classes.traceFacts}>
        <dt>{finished ? t('slaTrace.outcome') : t('slaTrace.status')}</dt>
        <dd>{statusText(trace)}</dd>
        <dt>{t('slaTrace.target')}</dt>
        <dd>
          {t('slaTrace.targetValue', { duration: formatDuration(trace.targetMs) })}
          {otherPolicy && (
            <Text size="xs" c="dimmed">
              {t('slaTrace.judgedBy', { name: slaName('policy', trace.policy), version: trace.policy.version })}
            </Text>
          )}
        </dd>
        <dt>{t('slaTrace.started')}</dt>
        <dd>{trace.startedAt === null ? '—' : formatDateTime(trace.startedAt)}</dd>
        <dt>{t('slaTrace.due')}</dt>
        <dd>
          <Due dueAt={trace.dueAt} calendar={calendar} />
          {trace.heldDueAt !== undefined && (
            <Text size="xs" c="orange.8" data-held-due>
              {t('slaTrace.heldDue', { when: formatDateTime(trace.heldDueAt) })}
            </Text>
          )}
        </dd>
        <dt>{t('slaTrace.elapsed')}</dt>
        <dd>{formatDuration(trace.elapsedMs)}</dd>
        {left && (
          <>
            <dt>{left.label}</dt>
            <dd>{left.value}</dd>
          </>
        )}
        <dt>{t('slaTrace.pauses')}</dt>
        <dd>
          {trace.pauses.length === 0 ? (
            t('slaTrace.noPauses')
          ) : (
            <Box component="ul" className={classes.pauses}>
              {trace.pauses.map((p) => (
                <li key={p.from}>
                  <Text size="sm" component="span">
                    {p.to === null ? t('slaTrace.pauseOpen', { from: formatDateTime(p.from) }) : t('slaTrace.pause', { from: formatDateTime(p.from), to: formatDateTime(p.to) })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('slaTrace.pauseBusiness', { duration: formatDuration(p.businessMs) })}
                  </Text>
                </li>
              ))}
            </Box>
          )}
        </dd>
      </dl>
    </Paper>
  );
}

/** The due time in the reader's zone, and on the calendar's wall clock when that says more. */
function Due({ dueAt, calendar }: { dueAt: number | null; calendar: Calendar }) {
  if (dueAt === null) return <>{t('slaTrace.dueWhilePaused')}</>;
  const onCalendar = calendar.displayCalendar !== 'gregory' || calendar.timeZone !== readerZone();
  return (
    <>
      {formatDateTime(dueAt)}
      {onCalendar && (
        <Text size="xs" c="dimmed">
          {t('slaTrace.dueOnCalendar', { when: dueText(dueAt, { timeZone: calendar.timeZone, displayCalendar: calendar.displayCalendar }) })}
        </Text>
      )}
    </>
  );
}

function statusWord(trace: SlaTargetTrace): string {
  if (trace.phase === 'met') return trace.status === 'met' ? t('drill.outcome.met') : t('drill.outcome.missed');
  if (trace.phase === 'stopped') return trace.status === 'breached' ? t('drill.outcome.missed') : t('slaTrace.status.none');
  switch (trace.status) {
    case 'ok':
      return t('sla.running');
    case 'atRisk':
      return t('slaTrace.status.atRiskNoTime');
    case 'breached':
      return t('sla.breached');
    case 'paused':
      return t('slaTrace.status.paused');
    case 'met':
      return t('slaTrace.status.met');
    case 'none':
      return t('slaTrace.status.none');
  }
}

function statusText(trace: SlaTargetTrace): string {
  const at = (ms: number | null) => (ms === null ? '—' : formatDateTime(ms));
  if (trace.phase === 'met') return trace.status === 'met' ? t('slaTrace.metAt', { when: at(trace.metAt) }) : t('slaTrace.metLate', { when: at(trace.metAt) });
  if (trace.phase === 'stopped') return trace.status === 'breached' ? t('slaTrace.missedClosed', { when: at(trace.dueAt) }) : t('slaTrace.stopped', { when: at(trace.endedAt) });
  switch (trace.status) {
    case 'atRisk':
      return trace.atRiskAt === null ? t('slaTrace.status.atRiskNoTime') : t('slaTrace.status.atRisk', { when: at(trace.atRiskAt) });
    case 'breached':
      return t('slaTrace.status.breached', { when: at(trace.dueAt) });
    case 'paused':
      return t('slaTrace.status.paused');
    case 'ok':
      return t('slaTrace.status.ok');
    case 'met':
      return t('slaTrace.status.met');
    case 'none':
      return t('slaTrace.status.none');
  }
}

