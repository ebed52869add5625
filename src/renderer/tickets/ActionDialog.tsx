import { Alert, Button, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useRef, useState } from 'react';
import type { TicketActReply, TicketDetail } from '../../shared/api';
import { ESCALATION_REASONS, PRIORITIES, RESOLUTION_CODES } from '../../shared/domain';
import { tierAfter, type TicketCommand, type TicketEventType } from '../../shared/ticketMachine';
import { call, issueFor, otherIssues, problemOf, useCall, type Problem } from '../backend';
import { useDraft } from '../drafts';
import { PriorityField } from './PriorityField';
import { priorityNotice } from './priorityNotice';
import { t } from '../i18n';
import { FormButtons, FormProblem, SUBMIT_KEYS, submitOnChordKey } from '../page';
import { noteTyping, stopTyping } from '../sync/presence';
import { useSyncStatus } from '../sync/syncStatus';
import { personName, reasonLabel, resolutionLabel, segmentLabel, tierLabel } from '../labels';
import { holdersOf } from './timelineMoves';
import { assigneeOptions } from './assignees';
import { assigneeChoice, loadsOf } from '../overview/drill';
import { doneMessage } from './doneMessage';
import { actionIntro } from './actionHelp';
import { ownDirection } from '../direction';
import { useRefusedFocus } from '../refusedFocus';
import { useFocusBack } from '../focusBack';
import { slaName } from '../sla/shippedNames';

// One dialog for every ticket action that needs words or a choice. What the person types
// is a draft (per ticket and action) in sessionStorage; a refusal or invalid input keeps
// the dialog open with the text, shows the back end's message, and puts each issue under
// its field.

export type DialogAction = Exclude<TicketEventType, 'TAKE' | 'SLA_WARNING' | 'SLA_BREACH'>;

interface ActDraft {
  reason: string;
  code: string;
  note: string;
  priority: string;
  assigneeId: string;
}

const NOTE_REQUIRED: ReadonlySet<DialogAction> = new Set(['ESCALATE', 'DEESCALATE', 'ADD_NOTE', 'RESOLVE']);
const NOTE_OPTIONAL: ReadonlySet<DialogAction> = new Set(['WAIT_ON_CUSTOMER', 'CUSTOMER_REPLIED', 'REOPEN', 'RETURN_TO_QUEUE']);
const FIELDS = ['reason', 'code', 'note', 'priority', 'assigneeId'] as const;

export function ActionDialog({ action, detail, onClose, onDone, onConflict }: {
  action: DialogAction;
  detail: TicketDetail;
  onClose: () => void;
  onDone: (next: TicketActReply) => void;
  onConflict: () => void;
}) {
  const { ticket } = detail;
  // Mounted only while open: the button that opened it gets focus back on close (focusBack.ts).
  useFocusBack();
  const [draft, setDraft, clearDraft] = useDraft<ActDraft>(`act.${ticket.id}.${action}`, {
    reason: '',
    code: '',
    note: '',
    priority: ticket.priority,
    assigneeId: '',
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // A refusal takes the keyboard to the field to fix (the busy submit button had lost it).
  const form = useRef<HTMLFormElement>(null);
  useRefusedFocus(problem, form);
  const users = useCall('users.list', action === 'ASSIGN' || action === 'DEESCALATE' ? {} : null);
  // Each assignee with the open tickets they hold now, live, as the board's drawer lists them.
  const board = useCall('supervisor.overview', action === 'ASSIGN' ? {} : null, { live: true, debounceMs: 300 });
  const loads = useMemo(() => (board.data ? loadsOf(board.data.agents) : null), [board.data]);
  const sync = useSyncStatus();
  const stillAllowed = detail.allowed.includes(action);
  // Handed back down, it goes to whoever held it at the tier below, named (the timeline says who
  // took it there; a supervisor's assignee is found among the people); or, when they can no longer
  // take it, it waits in the queue.
  const holderId = action === 'DEESCALATE' ? holdersOf(detail.timeline)[tierAfter(action, ticket.tier)] : null;
  const holderName = holderId ? (detail.timeline.find((e) => e.actorId === holderId)?.actorName ?? users.data?.find((u) => u.id === holderId)?.name ?? null) : null;
  const intro = actionIntro(
    action,
    ticket,
    (action === 'DEESCALATE' || action === 'REOPEN') && (detail.toQueue ?? []).includes(action),
    holderName ? personName(holderName) : null,
    detail.reopenWindowDays,
  );

  // Every field the form can tell is missing, at once: the choice and the note together.
  const local = (path: string, message: string): Problem => ({ code: 'invalid_input', message: t('act.fixFields'), issues: [{ path, message }, ...noteMissing()] });
  const noteMissing = () => (NOTE_REQUIRED.has(action) && !draft.note.trim() ? [{ path: 'note', message: t('apiError.noteNeeded') }] : []);

  const submit = async () => {
    const note = draft.note;
    let command: TicketCommand;
    switch (action) {
      case 'ESCALATE': {
        const reason = ESCALATION_REASONS.find((r) => r === draft.reason);
        if (!reason) return setProblem(local('reason', t('act.chooseReason')));
        command = { type: 'ESCALATE', reason, note };
        break;
      }
      case 'RESOLVE': {
        const code = RESOLUTION_CODES.find((c) => c === draft.code);
        if (!code) return setProblem(local('code', t('act.chooseCode')));
        command = { type: 'RESOLVE', code, note };
        break;
      }
      case 'CHANGE_PRIORITY': {
        const priority = PRIORITIES.find((p) => p === draft.priority);
        if (!priority) return setProblem(local('priority', t('act.choosePriority')));
        command = { type: 'CHANGE_PRIORITY', priority };
        break;
      }
      case 'ASSIGN':
        if (!draft.assigneeId) return setProblem(local('assigneeId', t('act.chooseAssignee')));
        command = { type: 'ASSIGN', assigneeId: draft.assigneeId };
        break;
      case 'DEESCALATE':
      case 'ADD_NOTE':
        command = { type: action, note };
        break;
      case 'WAIT_ON_CUSTOMER':
      case 'CUSTOMER_REPLIED':
      case 'REOPEN':
      case 'RETURN_TO_QUEUE':
        command = note.trim() ? { type: action, note } : { type: action };
        break;
      case 'CLOSE':
        command = { type: 'CLOSE' };
        break;
    }
    setBusy(true);
    setProblem(null);
    try {
      const next = await call('tickets.act', { ticketId: ticket.id, command, expectedSeq: ticket.seq });
      clearDraft();
      notifications.show({ color: 'teal', message: doneMessage(action, next.ticket, { offline: sync?.mode === 'hub' && !sync.online }) });
      const notice = action === 'CHANGE_PRIORITY' ? priorityNotice(ticket, next.ticket) : null;
      if (notice) notifications.show({ color: 'orange', message: notice, autoClose: 12_000 });
      onDone(next);
    } catch (error) {
      const p = problemOf(error);
      setProblem(p);
      if (p.code === 'conflict') onConflict();
    } finally {
      setBusy(false);
    }
  };

  const others = otherIssues(problem, FIELDS);
  const assignees = assigneeOptions(users.data ?? [], ticket.segment, ticket.tier);

  return (
    <Modal opened onClose={onClose} title={intro.title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        ref={form}
        noValidate
        onKeyDownCapture={submitOnChordKey(busy)}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {intro.queued ? (
            <Alert color="blue" role="note">
              {intro.help}
            </Alert>
          ) : (
            <Text size="sm" c="dimmed">
              {intro.help}
            </Text>
          )}
          {action === 'REOPEN' && detail.reopenRule && (
            // What reopening does to the resolution SLA, by the policy it will run under.
            <Text size="sm" data-testid="reopen-sla">
              {t(`act.reopenSla.${detail.reopenRule}`, { policy: detail.sla ? slaName('policy', detail.sla.policy) : '' })}
            </Text>
          )}
          {!stillAllowed && (
            <Alert color="yellow" role="status">
              {t('act.noLongerAllowed')}
            </Alert>
          )}
          {problem && (
            <FormProblem problem={problem} unplaced={others} title={problem.code === 'conflict' ? t('act.conflictTitle') : t('act.failedTitle')} />
          )}
          {action === 'ESCALATE' && (
            <Select
              label={t('act.reason')}
              placeholder={t('act.reasonPlaceholder')}
              withAsterisk
              data={ESCALATION_REASONS.map((r) => ({ value: r, label: reasonLabel(r) }))}
              value={draft.reason || null}
              onChange={(v) => setDraft({ reason: v ?? '' })}
              error={issueFor(problem, 'reason')}
              data-autofocus
            />
          )}
          {action === 'RESOLVE' && (
            <Select
              label={t('act.code')}
              placeholder={t('act.codePlaceholder')}
              withAsterisk
              data={RESOLUTION_CODES.map((c) => ({ value: c, label: resolutionLabel(c) }))}
              value={draft.code || null}
              onChange={(v) => setDraft({ code: v ?? '' })}
              error={issueFor(problem, 'code')}
              data-autofocus
            />
          )}
          {action === 'CHANGE_PRIORITY' && (
            <PriorityField id="act-priority" label={t('act.priority')} value={draft.priority} onChange={(v) => setDraft({ priority: v })} error={issueFor(problem, 'priority')} />
          )}
          {action === 'ASSIGN' && (
            <Select
              label={t('act.assignee')}
              placeholder={users.loading ? t('common.loading') : t('act.assigneePlaceholder')}
              description={t('act.assigneeHint', { segment: segmentLabel(ticket.segment), tier: tierLabel(ticket.tier) })}
              withAsterisk
              searchable
              data={assignees}
              // The list says each person's load; the field, once chosen, who they are.
              renderOption={({ option }) => assigneeChoice(option.label, loads?.get(option.value))}
              value={draft.assigneeId || null}
              onChange={(v) => setDraft({ assigneeId: v ?? '' })}
              error={issueFor(problem, 'assigneeId') ?? users.problem?.message}
              nothingFoundMessage={t('act.noAssignees')}
              data-autofocus
            />
          )}
          {(NOTE_REQUIRED.has(action) || NOTE_OPTIONAL.has(action)) && (
            <Textarea
              label={NOTE_REQUIRED.has(action) ? t('act.note') : t('act.noteOptional')}
              description={t(`act.noteHint.${action === 'ADD_NOTE' ? 'ADD_NOTE' : 'default'}`)}
              withAsterisk={NOTE_REQUIRED.has(action)}
              ref={ownDirection}
              value={draft.note}
              onChange={(e) => {
                setDraft({ note: e.currentTarget.value });
                noteTyping(detail.ticket.id);
              }}
              onBlur={() => stopTyping(detail.ticket.id)}
              error={issueFor(problem, 'note')}
              autosize
              minRows={4}
              maxRows={14}
              data-autofocus={action === 'DEESCALATE' || action === 'ADD_NOTE' || NOTE_OPTIONAL.has(action) ? true : undefined}
            />
          )}
          <FormButtons hintId="act-submit-keys">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} aria-keyshortcuts={SUBMIT_KEYS} aria-describedby="act-submit-keys" color={action === 'CLOSE' ? 'gray' : action === 'ESCALATE' ? 'orange' : undefined}>
              {intro.submit}
            </Button>
          </FormButtons>
        </Stack>
      </form>
    </Modal>
  );
}
