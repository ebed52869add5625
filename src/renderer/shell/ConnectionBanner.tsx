import { Alert, Loader } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { transport } from '../client';
import { t } from '../i18n';
import type { ConnectionState } from '../transport';

/**
 * Says so while the link to the desk is down; the transport reconnects by itself. When the
 * desk refuses this tab's token (it restarted with a new one), retrying cannot help: the
 * banner says plainly to open the address the desk printed.
 */
export function ConnectionBanner() {
  const [state, setState] = useState<ConnectionState>('open');
  useEffect(() => transport.onState(setState), []);
  if (state === 'refused') {
    return (
      <Alert color="red" radius={0} py={6} role="alert" icon={<IconPlugConnectedX size={16} aria-hidden />} styles={{ root: { position: 'sticky', top: 0, zIndex: 150 } }}>
        {t('shell.deskRestarted')}
      </Alert>
    );
  }
  if (state !== 'lost') return null;
  return (
    <Alert color="yellow" radius={0} py={6} role="status" icon={<Loader size={14} color="yellow" />} styles={{ root: { position: 'sticky', top: 0, zIndex: 150 } }}>
      {t('shell.reconnecting')}
    </Alert>
  );
}
