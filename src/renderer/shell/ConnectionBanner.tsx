import { Alert, Loader } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { transport } from '../client';
import { t } from '../i18n';
import { useStickyHeight } from '../stickyHeight';
import type { ConnectionState } from '../transport';

/**
 * Where the banner stays as the page scrolls: under the header and the sync row (it stuck to
 * the window's top, over the header and its lookup field).
 */
const STUCK = {
  position: 'sticky',
  top: 'calc(var(--app-shell-header-height, 60px) + var(--sync-row-height, 0px))',
  zIndex: 150,
} as const;

/**
 * Says so while the link to the desk is down; the transport reconnects by itself. When the
 * desk refuses this tab's token (it restarted with a new one), retrying cannot help: the
 * banner says plainly to open the address the desk printed. Its height is on the page
 * (--connection-banner-height), so what is scrolled into view stops under it (styles.css).
 */
export function ConnectionBanner() {
  const [state, setState] = useState<ConnectionState>('open');
  useEffect(() => transport.onState(setState), []);
  const box = useStickyHeight('--connection-banner-height', state === 'refused' || state === 'lost');
  if (state === 'refused') {
    return (
      <Alert ref={box} color="red" radius={0} py={6} role="alert" icon={<IconPlugConnectedX size={16} aria-hidden />} styles={{ root: STUCK }}>
        {t('shell.deskRestarted')}
      </Alert>
    );
  }
  if (state !== 'lost') return null;
  return (
    <Alert ref={box} color="yellow" radius={0} py={6} role="status" icon={<Loader size={14} color="yellow" />} styles={{ root: STUCK }}>
      {t('shell.reconnecting')}
    </Alert>
  );
}
