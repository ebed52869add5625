import { ActionIcon, Anchor, Badge, Box, Button, Group, Menu, Popover, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconDots, IconEdit, IconHistory, IconPlus, IconShieldLock } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { keepRead, useCall } from '../backend';
import { formatDate, formatDateTime, t, tc } from '../i18n';
import { CONTACT_FIELD_LABEL, CUSTOMER_FIELD_LABEL, SYSTEM_FIELD_LABEL } from './fieldLabels';
import { formatPhone, personName } from '../labels';
import { contactButtonName, historyChange, historyOrigins, historyTitle, qualityHint } from './historyValue';
import { Muted, ProblemAlert, Section } from '../page';
import { currentRoute, customerHref, hrefOf, navigate, withoutFix } from '../route';
import { useSession } from '../session';
import { administers } from '../../shared/access';
import { fixDialogOf } from './fixDialog';
import { addSystemKey } from './onScreen';
import { useSessionValue } from '../drafts';
import { RecordDialogs, type RecordDialog } from './RecordDialogs';
import classes from './CustomerPage.module.css';

// The record behind the 360° view: edit it, its contacts and systems, hand a system to a
// new owner, confirm stale details with the caller, and read every change with who made it.

const HISTORY_SHOWN = 12;

/**
 * After an action whose button goes with it ("Still right" on the stale-details prompt, a
 * system handed to a new owner), focus goes to the Record card's first control (its data-quality
 * badge), as Take sends it on to the action bar, not to the page's heading: the agent stays
 * where they were working, and the success notice (role alert) says what happened. Only when
 * focus was lost (on the page's body, or already sent to the heading); false if there is no card.
 */
export function focusRecordCard(): boolean {
  const active = document.activeElement;
  if (active !== null && active !== document.body && !active.matches('h1')) return false;
  const first = document.querySelector<HTMLElement>('section[aria-labelledby="record"] button:not(:disabled), section[aria-labelledby="record"] a[href]');
  first?.focus();
  return first !== null && document.activeElement === first;
}

export function RecordPanel({ customerId, fix = null }: { customerId: string; fix?: string | null }) {
  const record = useCall('customers.record', { customerId }, { live: true, customerId });
  // Arrived from a data-quality fix ("Add an email"): its dialog opens, its field focused.
  const [opening] = useState(() => fixDialogOf(fix));
  const [dialog, setDialog] = useState<RecordDialog | null>(opening?.dialog ?? null);
  // Opened, the fix leaves the address: a reload, or Back then Forward, opened its dialog again.
  useEffect(() => {
    const after = withoutFix(currentRoute());
    if (after) navigate(after, { replace: true });
  }, []);
  // The lookup's "register it on this record" (onScreen.ts): Register system, its tag filled in.
  const [addSystem, setAddSystem] = useSessionValue(addSystemKey(customerId));
  useEffect(() => {
    if (addSystem === null) return;
    setAddSystem(null);
    setDialog({ kind: 'system', assetId: null });
  }, [addSystem]);
  const [all, setAll] = useState(false);
  const { user } = useSession();
  // The system being handed on: once it has left the record and its dialog is closed, its row
  // (and the actions button that opened the dialog) is gone, and focus goes to the card.
  const handing = useRef<string | null>(null);
  if (dialog?.kind === 'transfer') handing.current = dialog.assetId;
  const assets = record.data?.assets;
  useEffect(() => {
    const gone = handing.current;
    if (dialog !== null || gone === null || !assets) return;
    if (assets.some((a) => a.id === gone)) return;
    handing.current = null;
    focusRecordCard();
  }, [assets, dialog]);
  if (record.problem && !record.data) return <ProblemAlert problem={record.problem} onRetry={() => void record.refetch()} />;
  const r = record.data;
  if (!r) return null;
  const history = all ? r.history : r.history.slice(0, HISTORY_SHOWN);
  const originOf = historyOrigins(r.history, r.customer.id);
  const historyHeading = `record-history-${customerId}`;
  return (
    <Stack gap="md">
      <Section
        id="record"
        title={t('record.title')}
        actions={
          <Group gap={6}>
            {/* What would raise the score: a button that opens it on click or tap (a touch screen has
                no hover), on Enter or Space; Escape closes it and the button has focus again. */}
            <QualityBadge quality={r.quality} />
            <Button size="compact-sm" variant="light" leftSection={<IconEdit size={14} />} onClick={() => setDialog({ kind: 'customer' })} disabled={r.customer.erasedAt !== null}>
              {t('record.edit')}
            </Button>
            {r.contacts && (
              <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'contact', contactId: null })}>
                {t('record.addContact')}
              </Button>
            )}
            <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'system', assetId: null })}>
              {t('record.addSystem')}
            </Button>
            {administers(user) && (
              <Button
                component="a"
                href={hrefOf({ name: 'dataQuality', privacyFor: customerId })}
                // The request names her from this record, kept in memory: not read (and audited) again.
                onClick={() => keepRead('customers.record', { customerId }, r)}
                size="compact-sm"
                variant="subtle"
                leftSection={<IconShieldLock size={14} />}
              >
                {t('record.privacy')}
              </Button>
            )}
          </Group>
        }
      >
        <Stack gap="md">
          {r.contacts && r.contacts.length > 0 && (
            <Group gap="xs" wrap="wrap">
              {r.contacts.map((c) => (
                <Button key={c.id} size="compact-xs" variant="default" onClick={() => setDialog({ kind: 'contact', contactId: c.id })} rightSection={<IconEdit size={12} />} aria-label={contactButtonName(c)}>
                  <bdi>{c.name}</bdi>
                  {c.phone && (
                    <>
                      {/* No-break spaces: the button's label is a flex box, which drops an item's edge spaces. */}
                      {'\u00a0·\u00a0'}
                      <bdi dir="ltr">{formatPhone(c.phone)}</bdi>
                    </>
                  )}
                </Button>
              ))}
            </Group>
          )}
          {/* Tag, product (wrapping) and the actions button fit a 420 px window as they are. */}
          {r.assets.length > 0 && (
            <Table.ScrollContainer minWidth={0} type="native">
              <Table fz="sm" verticalSpacing={4}>
                <Table.Tbody>
                  {r.assets.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td ff="monospace">{a.serviceTag}</Table.Td>
                      <Table.Td>{a.model}</Table.Td>
                      <Table.Td ta="end">
                        <SystemActions tag={a.serviceTag} onEdit={() => setDialog({ kind: 'system', assetId: a.id })} onTransfer={() => setDialog({ kind: 'transfer', assetId: a.id })} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {r.formerAssets.length > 0 && (
            <Box>
              <Text size="sm" fw={600} mb={4}>
                {t('record.formerSystems')}
              </Text>
              {r.formerAssets.map((f) => (
                <Text size="sm" key={`${f.assetId}/${f.to}`}>
                  <Text span ff="monospace">
                    {f.serviceTag}
                  </Text>{' '}
                  {f.model} ·{' '}
                  {t('record.formerLine', { from: formatDate(f.from), to: formatDate(f.to), how: f.how ? t(`transfer.how.${f.how}`) : t('record.formerMoved') })}{' '}
                  <Anchor href={customerHref(f.nowOwnedBy.id)} underline="always"><bdi>{f.nowOwnedBy.name}</bdi></Anchor>
                </Text>
              ))}
            </Box>
          )}
          {r.mergedFrom.length > 0 && <Muted>{tc('record.mergedFrom', r.mergedFrom.length)}</Muted>}
          <Box>
            {/* A heading and a list of its own: a screen reader's user reaches the history by
                heading, and hears how many changes it lists. */}
            <Group gap={6} mb={6}>
              <IconHistory size={16} aria-hidden />
              <Title order={3} fz="sm" fw={600} id={historyHeading}>
                {t('record.history')}
              </Title>
            </Group>
            {/* A record loaded by an import or the demo has no changes yet: said, not an empty box. */}
            {history.length === 0 && <Muted>{t('record.noHistory')}</Muted>}
            <Timeline bulletSize={10} lineWidth={2} data-testid="record-history" role={history.length ? 'list' : undefined} aria-labelledby={history.length ? historyHeading : undefined}>
              {history.map((e) => (
                <Timeline.Item key={e.id} role="listitem" title={<span className={classes.sm}>{historyTitle(e)}</span>}>
                  {originOf(e) && <p className={`${classes.xs} ${classes.dimmed}`}>{originOf(e)}</p>}
                  <p className={`${classes.xs} ${classes.dimmed}`}>{t('record.by', { name: personName(e.actor.name), at: formatDateTime(e.at) })}</p>
                  {e.payload.changes.length > 0 && e.type !== 'CUSTOMER_CREATED' && e.type !== 'ASSET_REGISTERED' && e.type !== 'INTERACTION_LOGGED' && (
                    <div className={classes.changes}>
                      {e.payload.changes.map((c) => (
                        <p className={classes.xs} key={c.field}>
                          <span className={classes.semibold}>{fieldLabel(c.field)}</span>: {historyChange(c.field, c.from, c.to)}
                        </p>
                      ))}
                    </div>
                  )}
                </Timeline.Item>
              ))}
            </Timeline>
            {r.history.length > HISTORY_SHOWN && (
              <Button size="compact-xs" variant="subtle" onClick={() => setAll(!all)} mt={4}>
                {all ? t('common.showFewer') : t('common.showAll')}
              </Button>
            )}
          </Box>
        </Stack>
      </Section>
      <RecordDialogs record={r} dialog={dialog} focus={opening?.dialog === dialog ? opening.focus : null} onClose={() => setDialog(null)} />
    </Stack>
  );
}

/**
 * A system's actions. The menu is made when it is first opened: a menu per row costs time to
 * mount and to take apart, and most records are read, not edited.
 */
function SystemActions({ tag, onEdit, onTransfer }: { tag: string; onEdit: () => void; onTransfer: () => void }) {
  const [made, setMade] = useState(false);
  const [opened, setOpened] = useState(false);
  const target = useRef<HTMLButtonElement>(null);
  // The button is made anew with its menu: focus goes back to it before the menu opens, so the
  // menu returns focus there when it closes, as it would to the button that was pressed.
  useEffect(() => {
    if (!made) return;
    target.current?.focus();
    setOpened(true);
  }, [made]);
  // A menu opens next to its button, and is hidden while its button is out of view: the page
  // can move under a focused button (a section drawn above it, a scroll), so opening brings
  // the button into view first, or Enter would open a menu nobody sees.
  const open = (next: boolean) => {
    if (next) target.current?.scrollIntoView({ block: 'nearest' });
    setOpened(next);
  };
  const label = t('record.systemActions', { tag });
  if (!made)
    return (
      <ActionIcon variant="subtle" aria-label={label} aria-haspopup="menu" aria-expanded={false} onClick={() => setMade(true)}>
        <IconDots size={16} />
      </ActionIcon>
    );
  return (
    <Menu position="bottom-end" withinPortal opened={opened} onChange={open}>
      <Menu.Target>
        <ActionIcon
          ref={target}
          variant="subtle"
          aria-label={label}
          // Escape closes the menu even when pressed before focus has moved into it (the menu
          // takes focus once it has opened): otherwise that key was lost and the menu stayed.
          onKeyDown={(e) => {
            if (e.key === 'Escape' && opened) {
              e.preventDefault();
              setOpened(false);
            }
          }}
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={onEdit}>{t('record.editSystemShort')}</Menu.Item>
        <Menu.Item onClick={onTransfer}>{t('transfer.action')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}


// The history names a field by its form's label: a customer's, a contact's or a system's.
const FIELD_KEYS = {
  ...CUSTOMER_FIELD_LABEL,
  role: CONTACT_FIELD_LABEL.role,
  ...SYSTEM_FIELD_LABEL,
  owner: 'record.owner',
} as const;
const fieldLabel = (f: string): string => (f in FIELD_KEYS ? t(FIELD_KEYS[f as keyof typeof FIELD_KEYS]) : f);

function QualityBadge({ quality }: { quality: { score: number; fixes: Parameters<typeof qualityHint>[0]['fixes'] } }) {
  const [opened, setOpened] = useState(false);
  const hint = qualityHint(quality);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow shadow="md" returnFocus closeOnEscape>
      <Popover.Target>
        <Badge
          component="button"
          type="button"
          variant="light"
          color={quality.score >= 80 ? 'teal' : quality.score >= 50 ? 'yellow' : 'red'}
          data-testid="quality-score"
          style={{ cursor: 'pointer' }}
          onClick={() => setOpened((o) => !o)}
          // Focus stays on the badge as it opens (the popover closes on Escape only from inside it).
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || !opened) return;
            e.preventDefault();
            e.stopPropagation();
            setOpened(false);
          }}
        >
          {t('quality.score', { score: quality.score })}
        </Badge>
      </Popover.Target>
      <Popover.Dropdown data-testid="quality-hint" maw={320}>
        <Text size="sm">{hint}</Text>
      </Popover.Dropdown>
    </Popover>
  );
}
