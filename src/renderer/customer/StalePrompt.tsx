import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { CustomerRecord } from '../../shared/customerApi';
import { call, problemOf, refreshEverything, useCall } from '../backend';
import { t } from '../i18n';
import { KeptWhole } from '../i18n/KeptWhole';
import { formatPhone } from '../labels';
import { RecordDialogs, type RecordDialog } from './RecordDialogs';
import { focusRecordCard } from './RecordPanel';

// Keeping records current: when nobody has confirmed a caller's details for a year, the
// 360° view asks the agent to read them back to the caller.

export function StalePrompt({ customerId }: { customerId: string }) {
  const record = useCall('customers.record', { customerId }, { live: true });
  const [dialog, setDialog] = useState<RecordDialog | null>(null);
  const r = record.data;
  const shown = !!r && r.quality.stale && r.customer.erasedAt === null && r.contacts !== null;
  // "Still right" pressed: the prompt goes with its button, and focus to the Record card (as
  // after a transfer), not the page's heading; the notice says the details are confirmed.
  const confirmed = useRef(false);
  useEffect(() => {
    if (shown || !confirmed.current) return;
    confirmed.current = false;
    focusRecordCard();
  }, [shown]);
  if (!r || !shown) return null;
  return (
    <>
      <ConfirmPrompt record={r} onEdit={() => setDialog({ kind: 'customer' })} onConfirmed={() => (confirmed.current = true)} />
      <RecordDialogs record={r} dialog={dialog} onClose={() => setDialog(null)} />
    </>
  );
}

function ConfirmPrompt({ record, onEdit, onConfirmed }: { record: CustomerRecord; onEdit: () => void; onConfirmed: () => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const c = record.customer;
  return (
    <Alert color="blue" icon={<IconUserCheck size={18} />} title={t('quality.confirmTitle')} role="status" data-testid="confirm-details">
      <Text size="sm">
        <KeptWhole k="quality.confirmText" vars={{ phone: c.phone ? formatPhone(c.phone) : t('customer.noPhone'), email: c.email ?? t('customer.noEmail') }} />
      </Text>
      {problem && (
        <Text size="sm" c="red" role="alert">
          {problem}
        </Text>
      )}
      <Group gap="xs" mt="xs">
        <Button
          size="xs"
          onClick={() =>
            void call('customers.confirm', { customerId: c.id })
              .then(() => {
                onConfirmed();
                refreshEverything();
                // The prompt goes away with its buttons: said, or a screen reader heard nothing.
                // The name isolated: a Persian one in an English sentence took the sentence with it,
                // right to left (".s details are confirmed’چاپخانه کیان").
                notifications.show({ color: 'teal', message: <KeptWhole k="quality.confirmedDone" vars={{ name: c.name }} wrap /> });
              })
              .catch((e) => setProblem(problemOf(e).message))
          }
        >
          {t('quality.confirmed')}
        </Button>
        <Button size="xs" variant="default" onClick={onEdit}>
          {t('quality.changed')}
        </Button>
      </Group>
    </Alert>
  );
}

