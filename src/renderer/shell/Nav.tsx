import { ActionIcon, Avatar, Badge, Box, Divider, Group, Menu, NavLink, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconBook2,
  IconChevronsLeft,
  IconChevronsRight,
  IconClockCog,
  IconCloudExclamation,
  IconDatabase,
  IconDatabaseExport, IconDevicesPc,
  IconInbox,
  IconLanguage,
  IconNumbers,
  IconLayoutDashboard,
  IconLogout,
  IconSelector,
  IconStack2,
  IconSwitchHorizontal,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { SEGMENTS } from '../../shared/domain';
import { isOpenState } from '../../shared/ticketMachine';
import { useCall } from '../backend';
import { currentDirection, formatNumber, isLanguageForced, localeState, t } from '../i18n';
import { chooseDigits, chooseLanguage, otherLanguage } from '../language';
import { initials, userMeta } from '../labels';
import { hrefOf, type Route } from '../route';
import { useSession } from '../session';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import classes from './Nav.module.css';
import { administers, seesBoard } from '../../shared/access';
import { useSyncStatus } from '../sync/syncStatus';

interface Item {
  key: string;
  label: string;
  href: string;
  icon: ReactNode;
  active: boolean;
  count?: number;
}

export function Nav({ route, compact, canCollapse, onToggleCompact, onNavigate }: {
  route: Route;
  compact: boolean;
  canCollapse: boolean;
  onToggleCompact: () => void;
  onNavigate: () => void;
}) {
  const { user, switchUser, signOut } = useSession();
  const mine = useCall('inbox.mine', user.role === 'admin' ? null : {}, { live: true });
  const openMine = (mine.data ?? []).filter((r) => isOpenState(r.state)).length;
  const rtl = currentDirection() === 'rtl';
  const hub = useCall('hub.status', user.role === 'admin' ? {} : null);
  const sync = useSyncStatus();

  const items: Item[] = [
    { key: 'mine', label: t('nav.mine'), href: hrefOf({ name: 'home' }), icon: <IconInbox size={19} stroke={1.6} />, active: route.name === 'home', count: openMine },
    { key: 'queues', label: t('nav.queues'), href: hrefOf({ name: 'queues', segment: null, tier: null }), icon: <IconStack2 size={19} stroke={1.6} />, active: route.name === 'queues' },
  ];
  items.push({ key: 'kb', label: t('nav.kb'), href: hrefOf({ name: 'kb', query: '' }), icon: <IconBook2 size={19} stroke={1.6} />, active: route.name === 'kb' || route.name === 'kbArticle' || route.name === 'kbEdit' });
  if (seesBoard(user)) {
    items.push({ key: 'overview', label: t('nav.overview'), href: hrefOf({ name: 'overview' }), icon: <IconLayoutDashboard size={19} stroke={1.6} />, active: route.name === 'overview' });
  }
  if (seesBoard(user)) {
    items.push({
      key: 'sla',
      label: t('nav.slaSettings'),
      href: hrefOf({ name: 'slaSettings' }),
      icon: <IconClockCog size={19} stroke={1.6} />,
      active: route.name === 'slaSettings' || route.name === 'slaPolicy' || route.name === 'slaCalendar',
    });
    items.push({ key: 'customerData', label: t('nav.customerData'), href: hrefOf({ name: 'dataQuality' }), icon: <IconDatabase size={19} stroke={1.6} />, active: route.name === 'dataQuality' });
  }

  if (sync?.mode === 'hub') {
    items.push({ key: 'conflicts', label: t('nav.conflicts'), href: hrefOf({ name: 'conflicts' }), icon: <IconCloudExclamation size={19} stroke={1.6} />, active: route.name === 'conflicts', count: sync.conflicts });
  }

  // An admin's People: the hub's accounts on a joined desk, and on a desk alone the way to join one.
  if (user.role === 'admin' && hub.data) {
    items.push({ key: 'people', label: t('nav.hubUsers'), href: hrefOf({ name: 'hubUsers' }), icon: <IconUsers size={19} stroke={1.6} />, active: route.name === 'hubUsers' });
  }
  // The centre's desks: only a joined desk's hub knows them (the page says so on a desk alone).
  if (administers(user) && hub.data) {
    items.push({ key: 'desks', label: t('nav.desks'), href: hrefOf({ name: 'desks' }), icon: <IconDevicesPc size={19} stroke={1.6} />, active: route.name === 'desks' });
  }
  if (administers(user)) {
    items.push({ key: 'backups', label: t('nav.backups'), href: hrefOf({ name: 'backups' }), icon: <IconDatabaseExport size={19} stroke={1.6} />, active: route.name === 'backups' });
  }

  const tooltipSide = rtl ? 'left' : 'right';

  return (
    <Stack h="100%" gap={0} justify="space-between">
      <nav aria-label={t('nav.label')}>
        <Stack gap={4}>
          {items.map((item) =>
            compact ? (
              <Tooltip key={item.key} label={item.label} position={tooltipSide} withArrow>
                <UnstyledButton component="a" href={item.href} aria-label={item.label} aria-current={item.active ? 'page' : undefined} className={classes.rail} data-active={item.active || undefined} onClick={onNavigate}>
                  {item.icon}
                  {item.count ? <span className={classes.dot} aria-hidden /> : null}
                </UnstyledButton>
              </Tooltip>
            ) : (
              <NavLink
                key={item.key}
                href={item.href}
                label={item.label}
                leftSection={item.icon}
                rightSection={item.count ? <Badge size="sm" variant="light" circle={item.count < 10}>{formatNumber(item.count)}</Badge> : null}
                active={item.active}
                aria-current={item.active ? 'page' : undefined}
                onClick={onNavigate}
                className={classes.link}
              />
            ),
          )}
        </Stack>
      </nav>

      <Stack gap="xs">
        <Divider />
        <Group gap={6} justify={compact ? 'center' : 'space-between'} wrap="nowrap">
          {!compact && <ColorSchemeToggle />}
          {canCollapse && (
            <Tooltip label={compact ? t('nav.expand') : t('nav.collapse')} position={tooltipSide} withArrow>
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={compact ? t('nav.expand') : t('nav.collapse')} onClick={onToggleCompact}>
                {compact !== rtl ? <IconChevronsRight size={18} /> : <IconChevronsLeft size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        {compact && (
          <Group justify="center">
            <ColorSchemeToggle />
          </Group>
        )}
        <Menu position={compact ? (rtl ? 'left-end' : 'right-end') : 'top-start'} width={230} withArrow>
          <Menu.Target>
            <UnstyledButton className={classes.user} aria-label={t('user.menu', { name: user.name })}>
              <Group gap="sm" wrap="nowrap" justify={compact ? 'center' : 'flex-start'}>
                <Avatar color="indigo" radius="xl" size={compact ? 32 : 34} aria-hidden>
                  {initials(user.name)}
                </Avatar>
                {!compact && (
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate>
                      <bdi>{user.name}</bdi>
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {userMeta(user, SEGMENTS.length)}
                    </Text>
                  </Box>
                )}
                {!compact && <IconSelector size={14} aria-hidden />}
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{user.email}</Menu.Label>
            <Menu.Label>{t('language.label')}</Menu.Label>
            <Menu.Item leftSection={<IconLanguage size={16} />} onClick={() => chooseLanguage(user.id, otherLanguage())} disabled={isLanguageForced()}>
              <span lang={otherLanguage()}>{t(`language.${otherLanguage()}`)}</span>
            </Menu.Item>
            <Menu.Item leftSection={<IconNumbers size={16} />} onClick={() => chooseDigits(user.id, localeState().digits === 'latn' ? 'arabext' : 'latn')}>
              {t(localeState().digits === 'latn' ? 'digits.arabext' : 'digits.latn')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item leftSection={<IconSwitchHorizontal size={16} />} onClick={() => void switchUser()}>
              {t('user.switch')}
            </Menu.Item>
            <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
              {t('user.signOut')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Stack>
    </Stack>
  );
}
