import { Alert, Anchor, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowForwardUp } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { showSaidAnew } from '../shell/saidAnew';
import { useRef, useState } from 'react';
import { mayTakeNewTicket } from '../../shared/access';
import type { AssetView, CustomerSummary, TicketLink, TicketRow } from '../../shared/api';
import { SameSystemNotice } from './SameSystemNotice';
import { CHANNELS, PRIORITIES, type Channel, type Priority } from '../../shared/domain';
import { call, issueFor, otherIssues, problemOf, type Problem } from '../backend';
import { patchDraft, useDraft } from '../drafts';
import { t } from '../i18n';
import { DraftFormButtons, FormProblem, submitOnChordKey } from '../page';
import { channelLabel } from '../labels';
import { SystemSelect } from './SystemSelect';
import { navigate, ticketHref } from '../route';
import { sayMessage } from '../sayMessage';
import { useSession } from '../session';
import { ownDirection } from '../direction';
import { useRefusedFocus } from '../refusedFocus';
import { useFocusBack } from '../focusBack';
import { PriorityField } from '../tickets/PriorityField';

// Opening a ticket from the 360° view, prefilled with the customer and the system. What
// the agent types is a draft in sessionStorage until the back end accepts it.

interface Draft {
  assetId: string;
  subject: string;
  description: string;
  priority: Priority;
  channel: Channel;
  /** "Assign to me" as she left it; absent: on, where the rules let her take the ticket. */
  assignToMe?: boolean;
  /** The earlier ticket this one follows up (its reopen window passed): recorded on both. */
  follows?: TicketLink | null;
}

const FIELDS = ['subject', 'description', 'priority', 'channel', 'assetId'] as const;

export function NewTicketModal({ customer, assets, openTickets = [], pastTickets = [], opened, onClose }: {
  customer: CustomerSummary;
  assets: AssetView[];
  /** The customer's tickets, so a second ticket on a system that has one open is warned of. */
  openTickets?: TicketRow[];
  pastTickets?: TicketRow[];
  opened: boolean;
  onClose: () => void;
}) {
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`newTicket.${customer.id}`, {
    assetId: '',
    subject: '',
    description: '',
    priority: 'normal',
    channel: 'phone',
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // A refusal takes the keyboard to the field to fix (the busy Create button had lost it).
  const form = useRef<HTMLFormElement>(null);
  useRefusedFocus(problem, form);
  // Drawn only while open (CustomerPage): the button that opened it ("New ticket", a system
  // row's) gets focus back when it closes.
  useFocusBack();
  const { user } = useSession();
  // On the phone with the caller, she takes the ticket she opens: offered (and on) where the
  // machine's TAKE rule lets her take it at first line of the customer's segment.
  const whyNotMine = mayTakeNewTicket(user, customer.segment);
  const assignToMe = whyNotMine === null && (draft.assignToMe ?? true);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const detail = await call('tickets.create', {
        customerId: customer.id,
        assetId: draft.assetId || null,
        subject: draft.subject,
        description: draft.description,
        priority: draft.priority,
        channel: draft.channel,
        assignToMe,
        ...(draft.follows ? { follows: draft.follows.id } : {}),
      });
      clearDraft();
      onClose();
      const number = detail.ticket.number;
      if (detail.takeRefused !== null) {
        // Created all the same, with everything she typed; the take is what did not happen.
        const refused = detail.takeRefused;
        showSaidAnew(() => ({ color: 'yellow', autoClose: false, title: t('newTicket.notTakenTitle', { number }), message: t('newTicket.notTaken', { reason: sayMessage(refused) }) }));
      } else {
        notifications.show({ color: 'teal', message: t(detail.ticket.assigneeId === user.id ? 'newTicket.createdMine' : 'newTicket.created', { number }) });
      }
      navigate(ticketHref(detail.ticket.id));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  const others = otherIssues(problem, FIELDS);

  return (
    <Modal opened={opened} onClose={onClose} title={t('newTicket.title', { name: customer.name })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        ref={form}
        onKeyDownCapture={submitOnChordKey(busy)}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          {problem && (
            <FormProblem problem={problem} unplaced={others} title={t('newTicket.failed')} />
          )}
          <SystemSelect assets={assets} value={draft.assetId} onChange={(assetId) => setDraft({ assetId })} problem={problem} />
          {draft.follows ? (
            <Alert color="gray" icon={<IconArrowForwardUp size={18} />} data-testid="new-ticket-follows" p="xs">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text size="sm">
                  {t('newTicket.follows.label')}{' '}
                  <Anchor href={ticketHref(draft.follows.id)} onClick={onClose} dir="ltr">
                    {draft.follows.number}
                  </Anchor>
                </Text>
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setDraft({ follows: null })}>
                  {t('newTicket.follows.remove')}
                </Button>
              </Group>
            </Alert>
          ) : (
            <SameSystemNotice assetId={draft.assetId} assets={assets} openTickets={openTickets} pastTickets={pastTickets} onLeave={onClose} onFollow={(r) => setDraft({ follows: { id: r.id, number: r.number } })} />
          )}
          <TextInput
            label={t('newTicket.subject')}
            withAsterisk
            ref={ownDirection}
            value={draft.subject}
            onChange={(e) => setDraft({ subject: e.currentTarget.value })}
            error={issueFor(problem, 'subject')}
            data-autofocus
            maxLength={200}
          />
          <Textarea
            label={t('newTicket.description')}
            ref={ownDirection}
            value={draft.description}
            onChange={(e) => setDraft({ description: e.currentTarget.value })}
            error={issueFor(problem, 'description')}
            autosize
            minRows={4}
            maxRows={12}
          />
          {/* Side by side where the four priorities fit whole beside the channel; stacked in a narrow window (English's "Low" was cut at 420 px). */}
          <SimpleGrid type="container" cols={{ base: 1, '520px': 2 }} spacing="md" verticalSpacing="sm">
            <PriorityField
              id="new-ticket-priority"
              label={t('newTicket.priority')}
              value={draft.priority}
              onChange={(v) => setDraft({ priority: PRIORITIES.find((p) => p === v) ?? 'normal' })}
              error={issueFor(problem, 'priority')}
              size="xs"
            />
            <Select
              label={t('newTicket.channel')}
              data={CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))}
              value={draft.channel}
              onChange={(v) => setDraft({ channel: CHANNELS.find((c) => c === v) ?? 'phone' })}
              allowDeselect={false}
              error={issueFor(problem, 'channel')}
            />
          </SimpleGrid>
          <Checkbox
            label={t('newTicket.assignToMe')}
            checked={assignToMe}
            disabled={whyNotMine !== null}
            onChange={(e) => setDraft({ assignToMe: e.currentTarget.checked })}
            description={whyNotMine === null ? t('newTicket.assignToMeHint') : t('newTicket.assignToMeNot', { reason: sayMessage(whyNotMine) })}
          />
          <DraftFormButtons
            hintId="new-ticket-submit-keys"
            typed={draft.subject.trim() !== '' || draft.description.trim() !== ''}
            discardAsk={t('newTicket.discardAsk')}
            busy={busy}
            submitLabel={t('newTicket.submit')}
            onDiscard={() => {
              clearDraft();
              onClose();
            }}
          />
        </Stack>
      </form>
    </Modal>
  );
}

/** Called when "New ticket" is pressed on a system row: the draft starts with that system. */
export function presetDraftSystem(customerId: string, assetId: string | null): void {
  patchDraft<Draft>(`newTicket.${customerId}`, { assetId: assetId ?? '' });
}
