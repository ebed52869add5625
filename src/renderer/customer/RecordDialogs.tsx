import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { MERGE_FIELDS, type CustomerRecord } from '../../shared/customerApi';
import { TRANSFER_KINDS, type TransferKind } from '../../shared/customerEvents';
import { formatDate as isoDate } from '../../shared/customerRules';
import { call, issueFor, otherIssues, problemOf, refreshEverything, type Problem } from '../backend';
import { useFocusBack } from '../focusBack';
import { useDraft, useSessionValue } from '../drafts';
import { DateField } from '../dates/DateField';
import { t, type MessageKey } from '../i18n';
import { CONTACT_FIELD_LABEL, refusedFieldKeys, SYSTEM_FIELD_LABEL, TRANSFER_FIELD_LABEL } from './fieldLabels';
import { FormProblem } from '../page';
import { useRefusedFocus } from '../refusedFocus';
import { useSession } from '../session';
import { CustomerFinder } from './CustomerFinder';
import type { FixField } from './fixDialog';
import { CUSTOMER_FIELD_LABEL, CustomerFields, emptySystem, SystemFields, systemDraftOf, type SystemDraftState } from './CustomerFields';
import { customerDraftOf, type CustomerDraftState } from '../../shared/customerApi';
import { formatPhone } from '../labels';
import { DuplicateHints } from './DuplicateHints';
import { rebase, type Clash, type EditBase } from './recordRebase';
import { segmentsFor } from '../../shared/access';

// The dialogs that change a record: its details, a contact, a system, a system's new owner.
// Each keeps its draft until the desk accepts it, and shows the desk's messages per field.

export type RecordDialog =
  | { kind: 'customer' }
  | { kind: 'contact'; contactId: string | null }
  | { kind: 'system'; assetId: string | null }
  | { kind: 'transfer'; assetId: string };

function useSave(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await fn();
      refreshEverything();
      onDone();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  /** Refused here, before asking the desk: the form says what to fix. */
  const refuse = (field: string, message: string) => setProblem({ code: 'invalid_input', message, issues: [{ path: field, message }] });
  return { busy, problem, run, refuse, dismiss: () => setProblem(null) };
}

function DialogForm({ title, opened, onClose, problem, fields, labels, busy, submitLabel, onSubmit, children }: {
  title: string;
  opened: boolean;
  onClose: () => void;
  problem: Problem | null;
  fields: readonly string[];
  /** Each field's label, to name the fields a refusal marked. */
  labels?: Readonly<Record<string, MessageKey>>;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const others = otherIssues(problem, fields);
  // A refused save takes the keyboard to the first field it marked: the busy Save button had
  // been disabled, focus fell to the page's body behind the dialog, and Tab left the dialog.
  const form = useRef<HTMLFormElement>(null);
  useRefusedFocus(problem, form);
  // Drawn only while open, so Mantine cannot give focus back on close: Cancel, Escape or Save
  // left the keyboard on the page's heading, not on Edit (or Register system) it had pressed.
  useFocusBack();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        ref={form}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        noValidate
      >
        <Stack gap="sm">
          {problem && (
            <FormProblem problem={problem} unplaced={others} title={t('record.notSaved')} fields={labels ? refusedFieldKeys(problem.issues, labels).map((k) => t(k)) : []} />
          )}
          {children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function RecordDialogs({ record, dialog, focus = null, onClose }: { record: CustomerRecord; dialog: RecordDialog | null; focus?: FixField | null; onClose: () => void }) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'customer':
      return <CustomerDialog record={record} focus={focus} onClose={onClose} />;
    case 'contact':
      return <ContactDialog record={record} contactId={dialog.contactId} onClose={onClose} />;
    case 'system':
      return <SystemDialog record={record} assetId={dialog.assetId} onClose={onClose} />;
    case 'transfer':
      return <TransferDialog record={record} assetId={dialog.assetId} onClose={onClose} />;
  }
}

const CUSTOMER_FIELDS: string[] = [...MERGE_FIELDS];

/** The values an edit started from and their version, as kept beside its draft. */
function parseBase(text: string | null): EditBase | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as { version?: unknown; values?: unknown };
    return typeof v.version === 'number' && typeof v.values === 'object' && v.values !== null ? { version: v.version, values: v.values as CustomerDraftState } : null;
  } catch {
    return null;
  }
}

function CustomerDialog({ record, focus, onClose }: { record: CustomerRecord; focus: FixField | null; onClose: () => void }) {
  const { user } = useSession();
  const segments = segmentsFor(user);
  // The draft is the record's, not one version's: keyed by the version, it was replaced by the
  // new version's values, without a word, when someone else changed the record while this was
  // open (the page reads a changed record again), and what had been typed was gone. The values
  // the draft started from are kept beside it, with their version. When the record moves on,
  // each field the person has not touched takes the new value, each field they typed in keeps
  // what they typed, and the dialog says so, naming the fields both changed, with a way to
  // take the other version (recordRebase.ts).
  //
  // Save sends the version the draft is based on. The desk refuses it (a conflict) when a field
  // typed here was changed meanwhile and this window has not shown it yet: the dialog then
  // reads the record as it is now and moves the draft onto it the same way, so Save again puts
  // what was typed over their change, knowingly.
  const key = `record.customer.${record.customer.id}`;
  const theirs = customerDraftOf(record.customer);
  const [draft, setDraft, clear] = useDraft<CustomerDraftState>(key, theirs);
  const [baseText, setBaseText] = useSessionValue(`${key}.base`);
  const base = parseBase(baseText);
  const [clash, setClash] = useState<Clash | null>(null);
  // The latest of each, for a refusal that comes back after an await.
  const latest = useRef({ draft, base, clash });
  latest.current = { draft, base, clash };
  const moveOnto = (customer: CustomerRecord['customer']) => {
    const now = latest.current;
    if (now.base === null) return;
    const r = rebase(now.draft, now.base, { version: customer.version, values: customerDraftOf(customer) }, now.clash);
    if (!r) return;
    setDraft(r.patch);
    setBaseText(JSON.stringify(r.base));
    setClash(r.clash);
  };
  useEffect(() => {
    if (base === null) setBaseText(JSON.stringify({ version: record.customer.version, values: theirs } satisfies EditBase));
    else moveOnto(record.customer);
  }, [record.customer.version, baseText]);
  const save = useSave(() => {
    clear();
    setBaseText(null);
    onClose();
  });
  const takeTheirs = () => {
    if (clash) setDraft(clash.theirs);
    setClash(null);
    save.dismiss();
  };
  const submit = async () => {
    const customerId = record.customer.id;
    try {
      await call('customers.update', { customerId, version: (base ?? { version: record.customer.version }).version, customer: draft });
    } catch (error) {
      if (problemOf(error).code === 'conflict') {
        // Nothing was saved: the draft stays as typed and moves onto the record as it is now.
        const now = await call('customers.record', { customerId }).catch(() => null);
        if (now) moveOnto(now.customer);
      }
      throw error;
    }
  };
  return (
    <DialogForm
      title={t('record.editTitle', { name: record.customer.name })}
      opened
      onClose={onClose}
      problem={save.problem}
      fields={CUSTOMER_FIELDS}
      labels={CUSTOMER_FIELD_LABEL}
      busy={save.busy}
      submitLabel={t('record.save')}
      onSubmit={() => void save.run(submit)}
    >
      {clash && (
        <Alert color="orange" variant="light" role="status" data-testid="record-moved-on">
          <Text size="sm">
            {clash.fields.length > 0
              ? t('record.changedMeanwhileBoth', { name: record.customer.name, fields: clash.fields.map((f) => t(CUSTOMER_FIELD_LABEL[f])).join(t('list.separator')) })
              : t('record.changedMeanwhile', { name: record.customer.name })}
          </Text>
          <Button size="compact-sm" variant="default" mt="xs" onClick={takeTheirs}>
            {t('record.takeTheirs')}
          </Button>
        </Alert>
      )}
      <CustomerFields draft={draft} onChange={setDraft} problem={save.problem} segments={segments} focus={focus} />
      <DuplicateHints probe={draft} excludeId={record.customer.id} />
    </DialogForm>
  );
}

function ContactDialog({ record, contactId, onClose }: { record: CustomerRecord; contactId: string | null; onClose: () => void }) {
  const existing = record.contacts?.find((c) => c.id === contactId) ?? null;
  const [draft, setDraft, clear] = useDraft(`record.contact.${record.customer.id}.${contactId ?? 'new'}`, {
    name: existing?.name ?? '',
    role: existing?.role ?? '',
    email: existing?.email ?? '',
    // As the app shows it (customerDraftOf does the same for the customer's own number).
    phone: existing?.phone ? formatPhone(existing.phone) : '',
  });
  const save = useSave(() => {
    clear();
    onClose();
  });
  // Removing a contact cannot be undone from here: it asks once, next to the button.
  const [removing, setRemoving] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const removeYes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (removing) removeYes.current?.focus();
  }, [removing]);
  const err = (f: string) => issueFor(save.problem, `contact.${f}`);
  return (
    <DialogForm
      title={existing ? t('record.editContact', { name: existing.name }) : t('record.addContact')}
      opened
      onClose={onClose}
      problem={save.problem}
      fields={['name', 'role', 'email', 'phone']}
      labels={CONTACT_FIELD_LABEL}
      busy={save.busy}
      submitLabel={t('record.save')}
      onSubmit={() => void save.run(() => call('customers.saveContact', { customerId: record.customer.id, contactId, contact: draft }))}
    >
      <TextInput label={t('record.name')} withAsterisk value={draft.name} onChange={(e) => setDraft({ name: e.currentTarget.value })} error={err('name')} data-autofocus maxLength={200} />
      <TextInput label={t('record.contactRole')} value={draft.role} onChange={(e) => setDraft({ role: e.currentTarget.value })} error={err('role')} maxLength={100} />
      <Group grow align="flex-start">
        <TextInput label={t('customer.phone')} value={draft.phone} onChange={(e) => setDraft({ phone: e.currentTarget.value })} error={err('phone')} dir="ltr" maxLength={40} />
        <TextInput label={t('customer.email')} value={draft.email} onChange={(e) => setDraft({ email: e.currentTarget.value })} error={err('email')} dir="ltr" maxLength={254} />
      </Group>
      {existing && (
        <Button ref={removeButton} variant="subtle" color="red" w="fit-content" onClick={() => setRemoving(true)} aria-expanded={removing}>
          {t('record.removeContact')}
        </Button>
      )}
      {existing && removing && (
        <Alert color="red" role="alertdialog" aria-labelledby="remove-contact-question" p="sm">
          <Text size="sm" id="remove-contact-question" mb="xs">
            {t('record.removeContactConfirm', { name: existing.name })}
          </Text>
          <Group gap="xs">
            <Button
              size="compact-sm"
              color="red"
              ref={removeYes}
              loading={save.busy}
              onClick={() => void save.run(() => call('customers.removeContact', { customerId: record.customer.id, contactId: existing.id }))}
            >
              {t('record.removeContactYes')}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => {
                setRemoving(false);
                removeButton.current?.focus();
              }}
            >
              {t('record.removeContactKeep')}
            </Button>
          </Group>
        </Alert>
      )}
    </DialogForm>
  );
}

const SYSTEM_FIELDS = ['serviceTag', 'productLine', 'model', 'shipDate', 'warrantyLevel', 'warrantyEnd'];

function SystemDialog({ record, assetId, onClose }: { record: CustomerRecord; assetId: string | null; onClose: () => void }) {
  const existing = record.assets.find((a) => a.id === assetId) ?? null;
  const [draft, setDraft, clear] = useDraft<SystemDraftState>(`record.system.${record.customer.id}.${assetId ?? 'new'}`, existing ? systemDraftOf(existing) : emptySystem());
  const save = useSave(() => {
    clear();
    onClose();
  });
  return (
    <DialogForm
      title={existing ? t('record.editSystem', { tag: existing.serviceTag }) : t('record.addSystemOn', { name: record.customer.name })}
      opened
      onClose={onClose}
      problem={save.problem}
      fields={SYSTEM_FIELDS}
      labels={SYSTEM_FIELD_LABEL}
      busy={save.busy}
      submitLabel={t('record.save')}
      onSubmit={() => void save.run(() => call('customers.saveAsset', { customerId: record.customer.id, assetId, asset: draft }))}
    >
      <SystemFields draft={draft} onChange={setDraft} problem={save.problem} owner={{ customerId: record.customer.id, segment: record.customer.segment }} />
    </DialogForm>
  );
}

function TransferDialog({ record, assetId, onClose }: { record: CustomerRecord; assetId: string; onClose: () => void }) {
  const asset = record.assets.find((a) => a.id === assetId);
  const [draft, setDraft, clear] = useDraft(`record.transfer.${assetId}`, { query: '', toCustomerId: '', how: 'sold' as TransferKind, date: isoDate(Date.now()) });
  const save = useSave(() => {
    clear();
    onClose();
  });
  return (
    <DialogForm
      title={t('transfer.title', { tag: asset?.serviceTag ?? '' })}
      opened
      onClose={onClose}
      problem={save.problem}
      fields={['toCustomerId', 'how', 'date']}
      labels={TRANSFER_FIELD_LABEL}
      busy={save.busy}
      submitLabel={t('transfer.submit')}
      onSubmit={() =>
        draft.toCustomerId === ''
          ? save.refuse('toCustomerId', t('transfer.chooseFirst'))
          : void save.run(async () => {
          const r = await call('customers.transferAsset', { assetId, toCustomerId: draft.toCustomerId, how: draft.how, date: draft.date });
          notifications.show({
            color: 'teal',
            autoClose: r.openTickets.length ? false : 5000,
            message:
              r.openTickets.length === 0
                ? t('transfer.done', { tag: asset?.serviceTag ?? '', name: r.to.name })
                : t('transfer.doneWithTickets', { tag: asset?.serviceTag ?? '', name: r.to.name, tickets: r.openTickets.map((x) => x.number).join(', '), from: r.from.name }),
          });
        })
      }
    >
      <CustomerFinder
        label={t('transfer.newOwner')}
        description={t('transfer.newOwnerHint')}
        chooseLabel={t('transfer.choose')}
        query={draft.query}
        onQuery={(query) => setDraft({ query })}
        chosen={draft.toCustomerId}
        onChoose={(toCustomerId) => {
          setDraft({ toCustomerId });
          save.dismiss();
        }}
        exclude={record.customer.id}
        error={issueFor(save.problem, 'toCustomerId')}
        autoFocus
      />
      <Group grow align="flex-start">
        <Select
          label={t('transfer.how')}
          data={TRANSFER_KINDS.map((k) => ({ value: k, label: t(`transfer.kind.${k}`) }))}
          value={draft.how}
          onChange={(v) => setDraft({ how: TRANSFER_KINDS.find((k) => k === v) ?? 'sold' })}
          allowDeselect={false}
        />
        <DateField label={t('transfer.date')} name={t('transfer.date')} value={draft.date} onChange={(date) => setDraft({ date })} error={issueFor(save.problem, 'date')} placeholder={t('record.placeholder.date')} dir="ltr" maxLength={10} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('transfer.openTicketsRule')}
      </Text>
    </DialogForm>
  );
}
