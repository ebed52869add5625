import { Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import type { AssetView, CustomerSummary, TicketRow } from '../../shared/api';
import { SameSystemNotice } from './SameSystemNotice';
import { LOGGED_CHANNELS, LOGGED_DIRECTIONS, LOGGED_NOTES_MAX } from '../../shared/customerEvents';
import { call, issueFor, otherIssues, problemOf, type Problem } from '../backend';
import { useDraft } from '../drafts';
import { ownDirection } from '../direction';
import { useFocusBack } from '../focusBack';
import { t } from '../i18n';
import { KeptWhole } from '../i18n/KeptWhole';
import { channelLabel, directionLabel } from '../labels';
import { SystemSelect } from './SystemSelect';
import { DraftFormButtons, FormProblem, submitOnChordKey } from '../page';
import { useRefusedFocus } from '../refusedFocus';

// "Log a contact" on the 360° view: a call taken or made, an email, a chat, that needs no
// ticket. It joins the customer's interactions at once, in every window and, through the hub,
// on every desk. What is typed is kept (per person, drafts.ts) until it is logged or discarded,
// across a reload.

type Channel = (typeof LOGGED_CHANNELS)[number];
type Direction = (typeof LOGGED_DIRECTIONS)[number];
interface Draft {
  channel: Channel;
  direction: Direction;
  assetId: string;
  summary: string;
}

const FIELDS = ['channel', 'direction', 'assetId', 'summary'] as const;

/** The draft's key: one contact being logged per customer, per person. */
export const logContactDraftKey = (customerId: string): string => `logContact.${customerId}`;

export function LogContactModal({ customer, assets, openTickets = [], onClose }: { customer: CustomerSummary; assets: AssetView[]; openTickets?: TicketRow[]; onClose: () => void }) {
  const [draft, setDraft, clearDraft] = useDraft<Draft>(logContactDraftKey(customer.id), { channel: 'phone', direction: 'inbound', assetId: '', summary: '' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useRefusedFocus(problem, form);
  useFocusBack();

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await call('customers.logInteraction', { customerId: customer.id, channel: draft.channel, direction: draft.direction, summary: draft.summary, assetId: draft.assetId || null });
      clearDraft();
      onClose();
      notifications.show({ color: 'teal', message: <KeptWhole k="logContact.saved" vars={{ name: customer.name }} wrap /> });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const others = otherIssues(problem, FIELDS);

  return (
    <Modal opened onClose={onClose} title={t('logContact.title', { name: customer.name })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
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
          {problem && <FormProblem problem={problem} unplaced={others} title={t('logContact.failed')} />}
          <div>
            <Text size="sm" fw={500} id="log-contact-channel" mb={4}>
              {t('logContact.channel')}
            </Text>
            <SegmentedControl
              aria-labelledby="log-contact-channel"
              fullWidth
              data={LOGGED_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))}
              value={draft.channel}
              onChange={(v) => setDraft({ channel: LOGGED_CHANNELS.find((c) => c === v) ?? 'phone' })}
            />
          </div>
          <div>
            <Text size="sm" fw={500} id="log-contact-direction" mb={4}>
              {t('logContact.direction')}
            </Text>
            <SegmentedControl
              aria-labelledby="log-contact-direction"
              fullWidth
              data={LOGGED_DIRECTIONS.map((d) => ({ value: d, label: directionLabel(d) }))}
              value={draft.direction}
              onChange={(v) => setDraft({ direction: LOGGED_DIRECTIONS.find((d) => d === v) ?? 'inbound' })}
            />
          </div>
          <SystemSelect assets={assets} value={draft.assetId} onChange={(assetId) => setDraft({ assetId })} problem={problem} />
          {/* A call about a ticket already open belongs on that ticket's history too. */}
          <SameSystemNotice assetId={draft.assetId} assets={assets} openTickets={openTickets} pastTickets={[]} onLeave={onClose} />
          <Textarea
            label={t('logContact.notes')}
            description={t('logContact.notesHint')}
            withAsterisk
            ref={ownDirection}
            value={draft.summary}
            onChange={(e) => setDraft({ summary: e.currentTarget.value })}
            error={issueFor(problem, 'summary')}
            autosize
            minRows={4}
            maxRows={12}
            maxLength={LOGGED_NOTES_MAX}
            data-autofocus
          />
          <DraftFormButtons
            hintId="log-contact-submit-keys"
            typed={draft.summary.trim() !== ''}
            discardAsk={t('logContact.discardAsk')}
            busy={busy}
            submitLabel={t('logContact.save')}
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
