import { Anchor, Box, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconCloud, IconCloudOff, IconLock } from '@tabler/icons-react';
import { useNow } from '../backend';
import { useBriefText } from '../briefText';
import { formatRelative, t, tc } from '../i18n';
import { hrefOf } from '../route';
import { sayMessage } from '../sayMessage';
import { useStickyHeight } from '../stickyHeight';
import { useSession } from '../session';
import { hasLinks, syncAnnouncement, syncPlace, type SyncPlace } from './syncPlace';
import { useSyncStatus } from './syncStatus';
import classes from './Sync.module.css';

/**
 * The desk's sync state in the header, on every page: online or offline, how many changes
 * wait to be accepted, and the conflicts (a link to their page); the tooltip says when the
 * desk last heard from the hub. Not online because no one here has a hub session any more is
 * said as that (sign in again), not as a hub that cannot be reached: telling people to keep
 * working and wait for the hub would be wrong, since nothing goes until someone signs in.
 * A desk that works alone shows nothing. On a phone-width window (`compact`) the state keeps its
 * word, on a line above the pending count: the header has no room for one line, and the icon
 * alone did not say offline to anyone who had not learnt it. With a link as well (sign in
 * again, conflicts), in a `narrow` window it leaves the header for a row of its own under it,
 * on one line or two (`place` 'row', syncPlace.ts): beside the lookup field, "Hub session
 * ended · 12 pending" over "Sign in again ⚠ 3 conflicts" ran over the field at 420 px.
 * It is a group, not a live region: it is drawn anew when it moves, and a region drawn anew
 * may not be heard. The shell's one SyncLiveRegion, always there, says the changes.
 */
export function SyncIndicator({ compact, narrow, place }: { compact: boolean; narrow: boolean; place: Exclude<SyncPlace, 'none'> }) {
  const status = useSyncStatus();
  const { signOut } = useSession();
  const now = useNow(15_000);
  const shown = Boolean(status && status.mode !== 'alone' && syncPlace(status, narrow) === place);
  // Its height on the page (--sync-row-height): what is scrolled into view stops under it.
  const rowBox = useStickyHeight('--sync-row-height', shown && place === 'row');
  if (!status || status.mode === 'alone' || syncPlace(status, narrow) !== place) return null;
  const row = place === 'row';
  const { online, pending, conflicts, lastSyncedAt, url } = status;
  const sessionless = !online && status.noSession === true;
  const lines = [
    // Which desk this is, by the name the centre's other desks and the hub know it by.
    status.deskName === undefined ? null : t('sync.deskName', { name: status.deskName }),
    t(online ? 'sync.onlineDetail' : sessionless ? 'sync.noSessionDetail' : 'sync.offlineDetail', { url }),
    lastSyncedAt === null ? t('sync.neverSynced') : t('sync.lastSynced', { when: formatRelative(lastSyncedAt, now) }),
    pending > 0 ? t('sync.pendingDetail', { pending: tc('sync.pending', pending) }) : null,
    // Why some of them cannot go yet, the engine's sentences in the reader's language.
    ...(status.waiting ?? []).map(sayMessage),
  ].filter((line): line is string => Boolean(line));
  const detail = lines.join(' ');
  const links = hasLinks(status);
  const stateCompact = compact && !row;
  return (
    <Box ref={rowBox} role="group" aria-label={t('sync.label')} className={classes.indicator} data-online={online || undefined} data-compact={stateCompact || undefined} data-row={row || undefined}>
      <Group gap={row ? 12 : 8} style={{ rowGap: 2 }} wrap={row ? 'wrap' : 'nowrap'} className={classes.lines}>
        <Tooltip
          label={lines.map((line) => (
            <Text key={line} size="sm" inherit>
              {line}
            </Text>
          ))}
          multiline
          w={300}
          withArrow
          events={{ hover: true, focus: true, touch: true }}
        >
          <Group gap={6} wrap="nowrap" tabIndex={0} className={classes.state} aria-description={detail} data-stacked={(stateCompact && !links) || undefined}>
            <Group gap={6} wrap="nowrap">
              {online ? <IconCloud size={16} aria-hidden /> : sessionless ? <IconLock size={16} aria-hidden /> : <IconCloudOff size={16} aria-hidden />}
              <Text size="sm" fw={600}>
                {t(online ? 'sync.online' : sessionless ? 'sync.noSession' : 'sync.offline')}
              </Text>
            </Group>
            {pending > 0 && (
              <Text size="sm" className={classes.pending}>
                {tc('sync.pending', pending)}
              </Text>
            )}
          </Group>
        </Tooltip>
        {links && (
          <Group gap={row ? 12 : 8} style={{ rowGap: 2 }} wrap={row ? 'wrap' : 'nowrap'}>
            {status.signInAgain && (
              // The hub ended this person's session: nothing of theirs goes until they sign in again.
              <Anchor component="button" type="button" size="sm" fw={600} className={classes.conflicts} onClick={() => void signOut()}>
                <IconAlertTriangle size={15} aria-hidden />
                {t('sync.signInAgain')}
              </Anchor>
            )}
            {conflicts > 0 && (
              <Anchor href={hrefOf({ name: 'conflicts' })} size="sm" fw={600} className={classes.conflicts}>
                <IconAlertTriangle size={15} aria-hidden />
                {tc('sync.conflicts', conflicts)}
              </Anchor>
            )}
          </Group>
        )}
      </Group>
    </Box>
  );
}

/**
 * The desk's sync state for a screen reader, in one polite live region that the shell keeps
 * mounted wherever the indicator is drawn: "Offline, 1 pending" is heard when it changes, once,
 * also when the change moves the indicator between the header and its row (syncAnnouncement).
 * It holds the words a few seconds only (briefText.ts): kept, they were read a second time,
 * after the indicator's, by anyone reading the page line by line.
 */
export function SyncLiveRegion() {
  const status = useSyncStatus();
  const said = useBriefText(syncAnnouncement(status));
  // A desk alone has no sync state to say, and no region (as it has no indicator).
  if (!status || status.mode === 'alone') return null;
  return (
    <VisuallyHidden role="status" aria-live="polite" data-testid="sync-live">
      {said}
    </VisuallyHidden>
  );
}
