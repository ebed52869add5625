import { Alert, Badge, Button, Checkbox, Group, List, Modal, MultiSelect, PasswordInput, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconFlask, IconKey, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { AccountChange, Input, Output, PeopleChange } from '../../shared/api';
import { ACCOUNT_CHANGE_KINDS, ACCOUNT_CHANGES_MAX, type AccountChangeKind } from '../../shared/userStream';
import { peopleSheet } from './peopleSheet';
import { ROLES, SEGMENTS, type Role, type Segment, type Tier, type User } from '../../shared/domain';
import { call, problemOf, useCall, type Problem } from '../backend';
import { formatDateTime, t, tc } from '../i18n';
import { roleLabel, segmentLabel, tierLabel } from '../labels';
import { FailedPage, PageHeader, PageLoading, ProblemAlert, RefusedPage, Section } from '../page';
import { useSession } from '../session';
import { navigate } from '../route';
import { administers, mayJoinHub, maySetActive, maySetRole, seesBoard, worksChosenSegments } from '../../shared/access';
import { say } from '../../shared/messageKeys';
import { sayMessage } from '../sayMessage';
import { JoinHubForm } from '../signin/JoinHubForm';
import { accountChangeText, leaverTickets, passwordHint, namesakeWarning, segmentsOnRoleChange, passwordError, personErrors, personLabel, refusedFields, segmentsText, type FieldErrors, type PersonField } from './people';

// The hub's people, for admins of a desk joined to a hub: create someone, change their
// role, tier and segments, deactivate them, reset a password. Every change is the hub's
// (this desk only carries it); a change of powers ends the person's sessions there.

/** The five columns' room (the table used to scroll sideways below it). */
const STACK_BELOW = 640;

/**
 * An admin at a desk that works alone: what joining a hub means, and the form to join one; at
 * a desk of demo data, in the form's place, why it cannot join one and what to do instead
 * (access.ts mayJoinHub), rather than a refusal once the address is typed; at one that left
 * its hub when opened (joined before that rule), which hub it left, why, and what to do.
 */
function JoinHub({ onJoined }: { onJoined: () => Promise<void> }) {
  const { user } = useSession();
  const desk = useCall('desk.status', {});
  if (!desk.data) return desk.problem ? <FailedPage page={t('hubUsers.title')} problem={desk.problem} onRetry={() => void desk.refetch()} /> : <PageLoading />;
  const refusal = mayJoinHub(user, { hasData: desk.data.initialized, demo: desk.data.demo });
  // A desk of demo data that left its hub when opened (it had joined before the rule): which
  // hub, why, and what to do, rather than only that it cannot join one.
  const left = desk.data.leftHub;
  return (
    <Stack gap="lg">
      <PageHeader title={t('hubUsers.title')} description={t('hubUsers.aloneLead')} />
      <Section title={t('hubUsers.joinTitle')} id="join-hub">
        <Stack gap="md">
          <List size="sm" spacing={6}>
            <List.Item>{t('hubUsers.joinAccounts')}</List.Item>
            <List.Item>{t('hubUsers.joinSync')}</List.Item>
            <List.Item>{t('hubUsers.joinSignIn')}</List.Item>
          </List>
          {refusal ? (
            <Alert color="orange" variant="light" icon={<IconFlask size={18} />} data-testid="demo-desk-join">
              <Text size="sm">{sayMessage(left && desk.data.demo ? say('demoDeskLeftHub', { url: left.url }) : refusal)}</Text>
            </Alert>
          ) : (
            <JoinHubForm onJoined={onJoined} />
          )}
        </Stack>
      </Section>
    </Stack>
  );
}

/**
 * The hub this desk works with, and its change to the new address of a hub that moved (the
 * desk asks that the same hub answers there, with this admin's hub session). Shown while the
 * people cannot be listed too: that is when a moved hub shows.
 */
function HubAddress({ url, onChanged }: { url: string; onChanged: (status: Output<'hub.join'>) => void }) {
  const [changing, setChanging] = useState(false);
  return (
    <Section
      title={t('hubUsers.addressTitle')}
      id="hub-address"
      actions={
        !changing && (
          <Button size="compact-sm" variant="default" onClick={() => setChanging(true)}>
            {t('hubUsers.changeAddress')}
          </Button>
        )
      }
    >
      <Stack gap="sm">
        <Text size="sm">{t('hubUsers.addressNow', { url })}</Text>
        {changing && (
          <>
            <Text size="sm" c="dimmed">
              {t('hubUsers.addressLead')}
            </Text>
            <JoinHubForm
              initialUrl={url}
              submitLabel={t('hubUsers.changeAddress')}
              onCancel={() => setChanging(false)}
              onJoined={(status) => {
                setChanging(false);
                onChanged(status);
              }}
            />
          </>
        )}
      </Stack>
    </Section>
  );
}

type Editing = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

export function HubUsersPage() {
  const { user, switchUser } = useSession();
  const hub = useCall('hub.status', {});
  const allowed = administers(user) && hub.data?.joined === true;
  // Live: another admin's change reaches this desk as the hub's 'user' event, and the desk then
  // tells its windows (desk.changed), as the pages of tickets are told; ticket changes cannot
  // change the people.
  const users = useCall('hubUsers.list', allowed ? {} : null, { live: () => false });
  const [editing, setEditing] = useState<Editing>(null);
  // A person just deactivated who still holds open tickets: what they need, and where.
  const [leaver, setLeaver] = useState<{ user: User; open: number } | null>(null);
  const box = useElementSize();
  const stacked = box.width > 0 && box.width < STACK_BELOW;
  if (hub.loading && !hub.data) return <PageLoading />;
  // Joined, the desk signs people in with their hub accounts: this admin (a person of the desk
  // alone, with no hub session to ask the hub's people with) signs in again with theirs, and
  // is back on this page when the account is an admin's.
  if (administers(user) && hub.data?.joined === false) return <JoinHub onJoined={switchUser} />;
  if (!allowed) return <RefusedPage page={t('hubUsers.title')} title={t('hubUsers.forbiddenTitle')} message={t('hubUsers.forbidden')} />;
  const hubUrl = hub.data?.joined ? hub.data.url : '';
  const addressChanged = (status: Output<'hub.join'>) => {
    hub.show(status);
    if (status.joined) notifications.show({ color: 'teal', message: t('hubUsers.addressChanged', { url: status.url }) });
    void users.refetch();
  };
  const address = <HubAddress url={hubUrl} onChanged={addressChanged} />;
  if (users.problem && !users.data)
    return (
      <Stack gap="lg">
        <FailedPage page={t('hubUsers.title')} problem={users.problem} onRetry={() => void users.refetch()} />
        {address}
      </Stack>
    );
  if (!users.data) return <PageLoading />;
  const people = users.data;
  const done = (message: string) => {
    notifications.show({ color: 'teal', message });
    setEditing(null);
    void users.refetch();
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('hubUsers.title')}
        description={t('hubUsers.lead')}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setEditing({ kind: 'create' })}>
            {t('hubUsers.new')}
          </Button>
        }
      />
      {leaver && leaverTickets(leaver.user.name, leaver.open) ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('hubUsers.leaverTitle')} withCloseButton closeButtonLabel={t('common.close')} onClose={() => setLeaver(null)} data-testid="leaver-tickets">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{leaverTickets(leaver.user.name, leaver.open)?.after}</Text>
            {/* An admin sees the board (access.ts seesBoard) and the tickets there; only a supervisor hands them over (mayAssign). */}
            {seesBoard(user) && (
              <Button size="compact-sm" variant="light" color="orange" onClick={() => navigate({ name: 'overview', drill: { filter: 'agent', assigneeId: leaver.user.id } })}>
                {t('hubUsers.leaverOpen', { name: leaver.user.name })}
              </Button>
            )}
          </Stack>
        </Alert>
      ) : null}
      <Section title={tc('hubUsers.count', users.data.length)} padding={0}>
        {/* Narrower than the five columns need (a phone, a window at 420 px), each person is one
            row of two cells, the status and actions under each other at the end: the table no
            longer scrolls sideways with Edit and Reset password out of sight. */}
        <div ref={box.ref}>
          <Table.ScrollContainer minWidth={stacked ? 0 : STACK_BELOW}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('hubUsers.name')}</Table.Th>
                  {!stacked && <Table.Th>{t('hubUsers.role')}</Table.Th>}
                  {!stacked && <Table.Th>{t('hubUsers.segments')}</Table.Th>}
                  <Table.Th ta={stacked ? 'end' : undefined}>{t('hubUsers.status')}</Table.Th>
                  {/* Positioned: the hidden name is placed inside its cell, not off the page's edge (which widened a narrow page; CalendarEditor.tsx had the same). */}
                  {!stacked && (
                    <Table.Th pos="relative">
                      <VisuallyHidden>{t('hubUsers.actions')}</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.map((u) => {
                  // One line: "Specialist · Tier 2" was broken into "Specialist · Tier" and "2" (in Persian "سطح" and "دو") while the name column had room to spare.
                  const role = (
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }} data-testid="person-role">
                      {roleLabel(u.role)}
                      {worksChosenSegments(u.role) ? ` · ${tierLabel(u.tier)}` : ''}
                    </Text>
                  );
                  const segments = <Text size="sm">{segmentsText(u)}</Text>;
                  // Never cut: the table gave the status column too little room for "ACTIVE" ("ACT…").
                  const status = (
                    <Badge variant="light" color={u.active ? 'teal' : 'gray'} style={{ minInlineSize: 'max-content' }}>
                      {u.active ? t('hubUsers.active') : t('hubUsers.inactive')}
                    </Badge>
                  );
                  const actions = (
                    <>
                      <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setEditing({ kind: 'edit', user: u })} aria-label={t('hubUsers.editOne', { name: personLabel(u, people) })}>
                        {t('hubUsers.edit')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" leftSection={<IconKey size={14} />} onClick={() => setEditing({ kind: 'password', user: u })} aria-label={t('hubUsers.resetOne', { name: personLabel(u, people) })}>
                        {t('hubUsers.reset')}
                      </Button>
                    </>
                  );
                  return (
                    <Table.Tr key={u.id}>
                      <Table.Td>
                        {/* A long email or name breaks anywhere: unbroken, "maximiliana.vandenberghe@very-" made the
                            column too wide for 420 px and pushed the status column past the window ("Statu"). */}
                        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                          <bdi>{u.name}</bdi>
                        </Text>
                        {/* Left to right in a Persian page too ("1400.zahra@desk.test" read "zahra@desk.test.1400"), as the customers' emails are. */}
                        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          <bdi dir="ltr">{u.email}</bdi>
                        </Text>
                        {stacked && (
                          <Stack gap={2} mt={6}>
                            {role}
                            {segments}
                          </Stack>
                        )}
                      </Table.Td>
                      {!stacked && <Table.Td>{role}</Table.Td>}
                      {!stacked && <Table.Td>{segments}</Table.Td>}
                      <Table.Td>
                        {stacked ? (
                          <Stack gap={6} align="flex-end">
                            {status}
                            {actions}
                          </Stack>
                        ) : (
                          status
                        )}
                      </Table.Td>
                      {!stacked && (
                        <Table.Td>
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            {actions}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      </Section>
      <PeopleChanges people={people} />
      {address}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} closeButtonProps={{ 'aria-label': t('common.close') }} title={editing?.kind === 'create' ? t('hubUsers.new') : editing?.kind === 'password' ? t('hubUsers.resetOne', { name: personLabel(editing.user, people) }) : editing ? t('hubUsers.editOne', { name: personLabel(editing.user, people) }) : ''}>
        {editing?.kind === 'password' ? <PasswordForm user={editing.user} onDone={() => done(t('hubUsers.passwordReset', { name: editing.user.name }))} /> : null}
        {editing?.kind === 'create' || editing?.kind === 'edit' ? <UserForm user={editing.kind === 'edit' ? editing.user : null} people={people} onDone={(u, open) => {
              setLeaver(open > 0 ? { user: u, open } : null);
              done(t('hubUsers.saved', { name: u.name }));
            }} /> : null}
        {editing?.kind === 'edit' ? <PersonHistory user={editing.user} /> : null}
      </Modal>
    </Stack>
  );
}

/** `onDone`'s `open`: how many open tickets a person just deactivated still holds (0 otherwise). */
function UserForm({ user, people, onDone }: { user: User | null; people: readonly User[]; onDone: (u: User, open: number) => void }) {
  const { user: me } = useSession();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [tier, setTier] = useState<Tier>(user?.tier ?? 1);
  const [segments, setSegments] = useState<Segment[]>(user?.segments ?? []);
  const [active, setActive] = useState(user?.active ?? true);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const works = worksChosenSegments(role);
  // Two people may share a name: said, not refused (on an edit, once the name is changed).
  const namesake = user !== null && name === user.name ? undefined : namesakeWarning(name, people, user?.id ?? null);
  // One's own account is never turned off here (access.ts): the box is fixed, and says why.
  const selfRefusal = user !== null ? maySetActive(me, user, false) : null;
  // Nor is an admin's own role changed away from admin: the role is fixed, and says why.
  const roleRefusal = user !== null ? maySetRole(me, user, 'agent') : null;
  // The open tickets of an active person (this desk's count): a deactivation leaves them with them.
  const held = useCall('supervisor.tickets', user?.active && seesBoard(me) ? { filter: 'agent', assigneeId: user.id, limit: 1 } : null);
  const open = held.data?.total ?? 0;
  const leaving = user !== null && user.active && !active ? leaverTickets(user.name, open) : null;
  // A field's message goes as soon as that field is changed.
  const edited = (field: PersonField) => setErrors((old) => ({ ...old, [field]: undefined }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const local = personErrors({ name, email, password: user === null ? password : null, role, segments });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const effectiveTier: Tier = role === 'agent' ? 1 : role === 'specialist' ? (tier === 1 ? 2 : tier) : 3;
    try {
      const saved = user
        ? await call('hubUsers.update', { id: user.id, name, ...(email.trim() !== user.email ? { email } : {}), role, tier: effectiveTier, segments, active })
        : await call('hubUsers.create', { email, name, role, tier: effectiveTier, segments, password });
      onDone(saved, user?.active && !saved.active ? open : 0);
    } catch (error) {
      const refused = problemOf(error);
      const fields = refusedFields(refused);
      setErrors(fields);
      setProblem(Object.keys(fields).length > 0 ? { ...refused, message: t('hubUsers.fixFields') } : refused);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {problem && <ProblemAlert title={t('hubUsers.failed')} problem={problem} />}
        <TextInput label={t('hubUsers.name')} required value={name} error={errors.name} description={namesake} inputWrapperOrder={['label', 'input', 'description', 'error']} styles={{ description: { color: 'light-dark(var(--mantine-color-orange-text), var(--mantine-color-orange-4))' } }} onChange={(e) => {
            setName(e.currentTarget.value);
            edited('name');
          }} data-autofocus />
        <TextInput label={t('signIn.email')} type="email" dir="ltr" required value={email} error={errors.email} onChange={(e) => {
            setEmail(e.currentTarget.value);
            edited('email');
          }} />
        <Select label={t('hubUsers.role')} data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} value={role} disabled={roleRefusal !== null} description={roleRefusal && sayMessage(roleRefusal)} inputWrapperOrder={['label', 'input', 'description', 'error']} onChange={(v) => {
            if (!v) return;
            setSegments((old) => segmentsOnRoleChange(role, v as Role, old));
            setRole(v as Role);
          }} allowDeselect={false} />
        {role === 'specialist' && (
          <Select label={t('hubUsers.tier')} data={[2, 3].map((n) => ({ value: String(n), label: tierLabel(n as Tier) }))} value={String(tier === 1 ? 2 : tier)} onChange={(v) => v && setTier(Number(v) as Tier)} allowDeselect={false} />
        )}
        {works && (
          <MultiSelect label={t('hubUsers.segments')} required data={SEGMENTS.map((s) => ({ value: s, label: segmentLabel(s) }))} value={segments} error={errors.segments} onChange={(v) => {
              setSegments(v as Segment[]);
              edited('segments');
            }} />
        )}
        {user === null ? (
          <PasswordInput label={t('signIn.password')} description={t('hubUsers.passwordHint')} visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }} required value={password} error={errors.password} onChange={(e) => {
            setPassword(e.currentTarget.value);
            edited('password');
          }} />
        ) : (
          <Checkbox label={t('hubUsers.activeLabel')} checked={active} disabled={selfRefusal !== null} description={selfRefusal && sayMessage(selfRefusal)} onChange={(e) => setActive(e.currentTarget.checked)} />
        )}
        {leaving && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="leaver-before">
            <Text size="sm">{leaving.before}</Text>
          </Alert>
        )}
        {user !== null && <Text size="xs" c="dimmed">{t('hubUsers.sessionsEnd')}</Text>}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {user ? t('hubUsers.save') : t('hubUsers.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Who changed this account, and what, newest first (the hub's 'user' events this desk keeps):
 * the hub recorded who made each change, and no screen said it. A page at a time, by kind.
 */
function PersonHistory({ user }: { user: User }) {
  const [kind, setKind] = useState<AccountChangeKind | null>(null);
  const pages = useChangePages('hubUsers.history', { id: user.id, kind });
  return (
    <Stack gap={6} mt="lg" component="section" aria-labelledby="person-history">
      <Text id="person-history" fw={600} size="sm">
        {t('hubUsers.history')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('hubUsers.historyLead')}
      </Text>
      <KindSelect kind={kind} onChange={setKind} />
      {pages.first.problem && !pages.first.data ? <ProblemAlert title={t('hubUsers.history')} problem={pages.first.problem} /> : null}
      {pages.first.data && pages.changes.length === 0 ? <Text size="sm">{kind === null ? t('hubUsers.historyEmpty') : t('hubUsers.changesNone')}</Text> : null}
      {pages.changes.length > 0 ? <ChangeList changes={pages.changes} testId="person-history" /> : null}
      <PagesFooter pages={pages} fileName={`tagdesk-history-${user.name}`} person={{ id: user.id, name: user.name }} />
    </Stack>
  );
}

const KIND_KEY = {
  created: 'hubUsers.kindCreated',
  name: 'hubUsers.name',
  email: 'signIn.email',
  role: 'hubUsers.role',
  tier: 'hubUsers.tier',
  segments: 'hubUsers.segments',
  active: 'hubUsers.kindActive',
  passwordReset: 'hubUsers.kindPasswordReset',
} as const satisfies Record<AccountChangeKind, string>;

function KindSelect({ kind, onChange }: { kind: AccountChangeKind | null; onChange: (kind: AccountChangeKind | null) => void }) {
  return (
    <Select label={t('hubUsers.changesKind')} placeholder={t('hubUsers.changesAnyKind')} clearable data={ACCOUNT_CHANGE_KINDS.map((k) => ({ value: k, label: t(KIND_KEY[k]) }))} value={kind} onChange={(v) => onChange(v as AccountChangeKind | null)} miw={200} comboboxProps={{ withinPortal: true }} />
  );
}

type PagedMethod = 'hubUsers.changes' | 'hubUsers.history';
type Paged = AccountChange & Partial<Pick<PeopleChange, 'name' | 'userId'>>;

/**
 * A history of changes to accounts a page at a time, newest first: the first page loaded for
 * the filter, older pages added below it ("Show older changes", keyset on the hub's seq). A
 * new filter starts again at the newest.
 */
function useChangePages<M extends PagedMethod>(method: M, query: Input<M>) {
  const first = useCall(method, query, method === 'hubUsers.changes' ? { live: () => false } : {});
  const key = JSON.stringify(query);
  // Older pages follow the first page they were loaded below: a new filter, or the first page
  // loaded again (a change arrived, moving its last row down), starts again at the newest, so
  // no row is skipped between pages.
  const [more, setMore] = useState<{ key: string; below: Output<M> | undefined; pages: Output<M>[] }>({ key, below: undefined, pages: [] });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const pages = more.key === key && more.below === first.data ? more.pages : [];
  const last = pages.length > 0 ? pages[pages.length - 1] : first.data;
  const changes: Paged[] = [first.data, ...pages].flatMap((p) => (p ? (p.changes as Paged[]) : []));
  const older = last?.older ?? null;
  const loadOlder = async () => {
    if (older === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const next = (await call(method, { ...query, before: older } as Input<M>)) as Output<M>;
      setMore({ key, below: first.data, pages: [...pages, next] });
    } catch (thrown) {
      setProblem(problemOf(thrown));
    } finally {
      setBusy(false);
    }
  };
  /** Every change the filter matches, every page of it, for the export. */
  const everything = async (): Promise<Paged[]> => {
    const all: Paged[] = [];
    let before: number | null = null;
    do {
      const p = (await call(method, { ...query, before, limit: ACCOUNT_CHANGES_MAX } as Input<M>)) as Output<M>;
      all.push(...(p.changes as Paged[]));
      before = p.older;
    } while (before !== null);
    return all;
  };
  return { first, changes, total: last?.total ?? 0, older, loadOlder, busy, problem, setProblem, everything };
}

type Pages = Omit<ReturnType<typeof useChangePages>, 'first'> & { first: { data?: unknown } };

/** How many of how many are shown, "Show older changes" while there are, and the export. */
function PagesFooter({ pages, fileName, person }: { pages: Pages; fileName: string; person?: { id: string; name: string } }) {
  const [exporting, setExporting] = useState(false);
  if (!pages.first.data || pages.changes.length === 0) return pages.problem ? <ProblemAlert title={t('hubUsers.changesOlderFailed')} problem={pages.problem} /> : null;
  const exportSheet = async () => {
    setExporting(true);
    pages.setProblem(null);
    try {
      const rows = await pages.everything();
      const text = peopleSheet(rows, { headings: { when: t('hubUsers.sheetWhen'), by: t('hubUsers.changesBy'), person: t('hubUsers.changesPerson'), change: t('hubUsers.sheetChange'), personId: t('hubUsers.sheetPersonId') }, by: (by) => by ?? t('hubUsers.historySystem'), change: accountChangeText }, person);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      a.download = `${fileName}-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (thrown) {
      pages.setProblem(problemOf(thrown));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Stack gap="xs">
      {pages.problem ? <ProblemAlert title={t('hubUsers.changesOlderFailed')} problem={pages.problem} /> : null}
      <Group gap="sm" justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="changes-count">
          {pages.older === null ? tc('hubUsers.changesAll', pages.changes.length) : t('hubUsers.changesShown', { shown: pages.changes.length, total: pages.total })}
        </Text>
        <Group gap="xs">
          {pages.older !== null ? (
            <Button size="compact-sm" variant="light" loading={pages.busy} onClick={() => void pages.loadOlder()}>
              {t('hubUsers.changesOlder')}
            </Button>
          ) : null}
          <Button size="compact-sm" variant="default" loading={exporting} onClick={() => void exportSheet()}>
            {t('hubUsers.changesExportCsv')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

/**
 * Changes to accounts, as History and "Changes to people" say them: when, who made it, what
 * (accountChangeText), and, given `names` (the centre-wide list), whose account.
 */
function ChangeList({ changes, testId, names = false }: { changes: ReadonlyArray<AccountChange & Partial<Pick<PeopleChange, 'name'>>>; testId: string; names?: boolean }) {
  return (
    <List size="sm" spacing={6} listStyleType="none" data-testid={testId}>
      {changes.map((change, i) => (
        <List.Item key={i}>
          <Text size="xs" c="dimmed">
            {t('hubUsers.historyLine', { when: formatDateTime(change.at), who: change.by ?? t('hubUsers.historySystem') })}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {names && change.name !== undefined ? (
              <>
                <Text span fw={600} size="sm">
                  <bdi>{change.name}</bdi>
                </Text>
                {t('hubUsers.changesNameSeparator')}
              </>
            ) : null}
            <bdi>{accountChangeText(change)}</bdi>
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/**
 * "Changes to people": every account's changes this desk has, newest first, a page at a time,
 * narrowed (by the desk, over the whole history) by person, by kind of change, by who made them.
 */
function PeopleChanges({ people }: { people: readonly User[] }) {
  const [person, setPerson] = useState<string | null>(null);
  const [kind, setKind] = useState<AccountChangeKind | null>(null);
  const [by, setBy] = useState<string | null>(null);
  const pages = useChangePages('hubUsers.changes', { person, kind, by });
  const whoChanged = (pages.first.data?.actors ?? (by === null ? [] : [by])).map((name) => ({ value: name, label: name || t('hubUsers.historySystem') }));
  return (
    <Section title={t('hubUsers.changesTitle')} id="people-changes">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('hubUsers.changesLead')}
        </Text>
        <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <Select label={t('hubUsers.changesPerson')} placeholder={t('hubUsers.changesAnyone')} clearable searchable data={people.map((p) => ({ value: p.id, label: personLabel(p, people) }))} value={person} onChange={setPerson} miw={200} comboboxProps={{ withinPortal: true }} />
          <KindSelect kind={kind} onChange={setKind} />
          <Select label={t('hubUsers.changesBy')} placeholder={t('hubUsers.changesAnyone')} clearable data={whoChanged} value={by} onChange={setBy} miw={200} comboboxProps={{ withinPortal: true }} />
        </Group>
        {pages.first.problem && !pages.first.data ? <ProblemAlert title={t('hubUsers.changesTitle')} problem={pages.first.problem} /> : null}
        {pages.first.data && pages.changes.length === 0 ? <Text size="sm">{t('hubUsers.changesNone')}</Text> : null}
        {pages.changes.length > 0 ? <ChangeList changes={pages.changes} testId="people-changes" names /> : null}
        <PagesFooter pages={pages} fileName="tagdesk-people-changes" />
      </Stack>
    </Section>
  );
}

function PasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { user: me } = useSession();
  // A new password ends every session of its account: one's own, this window's too.
  const own = me?.id === user.id;
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const local = passwordError(password);
    setError(local);
    if (local) return;
    setBusy(true);
    try {
      await call('hubUsers.resetPassword', { id: user.id, password });
      onDone();
    } catch (thrown) {
      const refused = problemOf(thrown);
      const fields = refusedFields(refused);
      setError(fields.password);
      setProblem(fields.password ? { ...refused, message: t('hubUsers.fixFields') } : refused);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {problem && <ProblemAlert title={t('hubUsers.failed')} problem={problem} />}
        {/* Said where it is seen (it was small grey text under the field): the new password signs this admin out everywhere. */}
        {own && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('hubUsers.ownPasswordTitle')} data-testid="own-password-warning">
            <Text size="sm">{t('hubUsers.ownPasswordSignsOut')}</Text>
          </Alert>
        )}
        <PasswordInput label={t('hubUsers.newPassword')} description={passwordHint(own)} visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }} required value={password} error={error} onChange={(e) => {
            setPassword(e.currentTarget.value);
            setError(undefined);
          }} data-autofocus />
        <Text size="xs" c="dimmed">
          {t('hubUsers.sessionsEnd')}
        </Text>
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('hubUsers.reset')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
