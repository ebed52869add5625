import { Alert, Avatar, Box, Button, Center, Group, Loader, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { IconChevronRight, IconPlugConnectedX } from '@tabler/icons-react';
import type { Output } from '../../shared/api';
import { ROLES, SEGMENTS, type Role, type User } from '../../shared/domain';
import { problemNow, problemOf, useCall, type Problem } from '../backend';
import { t } from '../i18n';
import { initials, userMeta } from '../labels';
import { rememberedUserId } from '../session';
import { Brand } from '../shell/Brand';
import { ColorSchemeToggle } from '../shell/ColorSchemeToggle';
import { LanguagePicker } from '../shell/LanguagePicker';
import { JoinHubForm } from './JoinHubForm';
import classes from './SignIn.module.css';

const ROLE_COLOR: Record<Role, string> = { agent: 'indigo', specialist: 'teal', supervisor: 'orange', admin: 'gray' };

/**
 * Who is at the desk: on a desk joined to a hub, email and password (checked by the hub, or
 * against what this desk kept when the hub is unreachable); on a desk alone, a choice among
 * its local users, grouped by role.
 */
export function SignIn({
  problem,
  ended,
  onChoose,
  onPassword,
}: {
  problem: Problem | null;
  /** Why this window's session ended (a refused resume after a reload or a reconnect). */
  ended: Problem | null;
  onChoose: (userId: string) => void;
  onPassword: (email: string, password: string) => Promise<void>;
}) {
  const hub = useCall('hub.status', {});
  if (hub.loading && !hub.data) return <Loader size="sm" role="progressbar" aria-label={t('common.loading')} m="md" />;
  if (hub.data?.joined) return <PasswordSignIn hubUrl={hub.data.url} problem={problem} ended={ended} onPassword={onPassword} onAddressChanged={hub.show} />;
  return <Picker problem={problem} onChoose={onChoose} />;
}

function PasswordSignIn({
  hubUrl,
  problem,
  ended,
  onPassword,
  onAddressChanged,
}: {
  hubUrl: string;
  problem: Problem | null;
  ended: Problem | null;
  onPassword: (email: string, password: string) => Promise<void>;
  onAddressChanged: (status: Output<'hub.join'>) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const passwordField = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    void onPassword(email, password).finally(() => {
      setBusy(false);
      setPassword('');
      // Refused (a signed-in person leaves this screen, and the field with it): the busy
      // button had taken the focus with it to the page's body, so someone at the keyboard had
      // to find the emptied field again. It goes back to the password, the email kept.
      passwordField.current?.focus();
    });
  };
  return (
    <Box mih="100vh" p="md">
      <Group justify="space-between">
        <Brand />
        {/* The reader's language before anyone has signed in, as on a desk alone. */}
        <Group gap="xs">
          <LanguagePicker userId={null} />
          <ColorSchemeToggle />
        </Group>
      </Group>
      <Center mih="85vh">
        <Stack maw={420} w="100%" gap="md">
          <Paper withBorder radius="md" p="xl" w="100%" component="form" onSubmit={submit}>
            <Stack gap="md">
              <div>
                <Title order={1} fz={24}>
                  {t('signIn.hubTitle')}
                </Title>
                <Text c="dimmed" size="sm" mt={6}>
                  {t('signIn.hubLead', { url: hubUrl })}
                </Text>
              </div>
              {/* Said anew from what the desk said on a switch of language made here (problemNow). */}
              {problem ? (
                <Alert color="red" role="alert" title={t('signIn.failed')}>
                  {problemNow(problem).message}
                </Alert>
              ) : (
                ended && (
                  <Alert color="yellow" role="status" title={t('signIn.ended')}>
                    {problemNow(ended).message}
                  </Alert>
                )
              )}
              <TextInput label={t('signIn.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-autofocus />
              <PasswordInput ref={passwordField} label={t('signIn.password')} visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              <Button type="submit" loading={busy}>
                {t('signIn.submit')}
              </Button>
              {/* A new centre's first admin, locked out, had nowhere to read what to do. */}
              <Text c="dimmed" size="xs">
                {t('signIn.forgot')}
              </Text>
            </Stack>
          </Paper>
          {/* Under the form, which does not move when it appears (the check takes up to a few seconds). */}
          <HubUnreachable onAddressChanged={onAddressChanged} />
        </Stack>
      </Center>
    </Box>
  );
}

/**
 * A joined desk whose hub does not answer, where nobody has signed in yet (so no password is
 * kept here to sign in offline with): nobody could sign in, and the screen said nothing of
 * why. It says what is tried and why it fails; at a desk with no data yet (mayJoinHub) it
 * offers another address, otherwise it says how an admin changes it.
 */
function HubUnreachable({ onAddressChanged }: { onAddressChanged: (status: Output<'hub.join'>) => void }) {
  const reach = useCall('hub.reach', {});
  const r = reach.data;
  if (!r?.why || r.anyoneSignedInHere) return null;
  const why = problemOf(r.why);
  return (
    <>
      <Alert color="yellow" role="status" title={t('signIn.unreachableTitle')} icon={<IconPlugConnectedX size={18} />}>
        <Stack gap="xs">
          <Text size="sm">{why.message}</Text>
          <Text size="sm">{t('signIn.unreachableNobody')}</Text>
          {!r.mayChangeAddress && <Text size="sm">{t('signIn.askAdmin')}</Text>}
          <Button size="xs" variant="light" color="yellow" w="fit-content" loading={reach.loading} onClick={() => void reach.refetch()}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Alert>
      {/* Its own form beside the sign-in's (forms do not nest), outside the alert's colour. */}
      {r.mayChangeAddress && (
        <Paper withBorder radius="md" p="xl" w="100%" component="section" aria-labelledby="hub-address-title">
          <Stack gap="sm">
            <Title order={2} fz="md" id="hub-address-title">
              {t('signIn.addressTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('signIn.changeAddress')}
            </Text>
            <JoinHubForm
              initialUrl={r.url}
              submitLabel={t('signIn.useAddress')}
              onJoined={(status) => {
                onAddressChanged(status);
                void reach.refetch();
              }}
            />
          </Stack>
        </Paper>
      )}
    </>
  );
}

function Picker({ problem, onChoose }: { problem: Problem | null; onChoose: (userId: string) => void }) {
  const users = useCall('session.users', {});
  const last = rememberedUserId();
  const active = (users.data ?? []).filter((u) => u.active);
  // After "Switch user" or "Sign out" the menu item that had focus is gone with the desk: focus
  // fell to the page's body, a screen reader said nothing of this screen, and Tab started over
  // from the window's top. The heading takes it, as every page's does (pageFocus.ts), unless
  // the person is already somewhere on the screen.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const now = document.activeElement;
    if (now === null || now === document.body) heading.current?.focus();
  }, []);

  return (
    <Box mih="100vh" p="md">
      <Group justify="space-between">
        <Brand />
        <Group gap="xs">
          <LanguagePicker userId={null} />
          <ColorSchemeToggle />
        </Group>
      </Group>
      <Center mih="85vh">
        <Stack maw={860} w="100%" gap="lg" py="xl">
          <div>
            <Title order={1} fz={28} ref={heading} tabIndex={-1}>
              {t('signIn.title')}
            </Title>
            <Text c="dimmed" mt={6}>
              {t('signIn.lead')}
            </Text>
          </div>
          {problem && (
            <Alert color="red" role="alert" title={t('signIn.failed')}>
              {problemNow(problem).message}
            </Alert>
          )}
          {users.problem && (
            <Alert color="red" role="alert">
              {users.problem.message}
            </Alert>
          )}
          {users.loading && <Loader size="sm" role="progressbar" aria-label={t('common.loading')} />}
          {users.data && active.length === 0 && <Text c="dimmed">{t('signIn.noUsers')}</Text>}
          {ROLES.map((role) => {
            const group = active.filter((u) => u.role === role);
            if (group.length === 0) return null;
            return (
              <section key={role} aria-labelledby={`role-${role}`}>
                <Title order={2} id={`role-${role}`} fz="xs" tt="uppercase" c="dimmed" fw={700} lts={0.6} mb={8}>
                  {t(`role.${role}.plural`)}
                </Title>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
                  {group.map((user) => (
                    <UserCard key={user.id} user={user} color={ROLE_COLOR[role]} last={user.id === last} onChoose={onChoose} />
                  ))}
                </SimpleGrid>
              </section>
            );
          })}
        </Stack>
      </Center>
    </Box>
  );
}

function UserCard({ user, color, last, onChoose }: { user: User; color: string; last: boolean; onChoose: (id: string) => void }) {
  return (
    <Paper withBorder radius="md" className={classes.card}>
      <UnstyledButton className={classes.button} onClick={() => onChoose(user.id)} aria-describedby={`user-meta-${user.id}`}>
        <Group gap="sm" wrap="nowrap">
          <Avatar color={color} radius="xl" aria-hidden>
            {initials(user.name)}
          </Avatar>
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Text fw={600} size="sm" truncate>
              <bdi>{user.name}</bdi>
            </Text>
            {/* Two lines rather than an ellipsis: "Tier 1 · Education, Gover…" hid which segments a person works. */}
            <Text size="xs" c="dimmed" lineClamp={2} id={`user-meta-${user.id}`}>
              {userMeta(user, SEGMENTS.length)}
              {last ? ` · ${t('signIn.lastUsed')}` : ''}
            </Text>
          </Box>
          <IconChevronRight size={16} className={classes.chevron} aria-hidden />
        </Group>
      </UnstyledButton>
    </Paper>
  );
}
