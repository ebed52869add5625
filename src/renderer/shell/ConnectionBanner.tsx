import { Alert, Loader } from '@mantine/core';
import { useEffect, useState } from 'react';
import { transport } from '../client';
import { t } from '../i18n';

/** Says so while the link to the desk is down; the transport reconnects by itself. */
export function ConnectionBanner() {
  const [lost, setLost] = useState(false);
  useEffect(() => transport.onState((state) => setLost(state === 'lost')), []);
  if (!lost) return null;
  return (
    <Alert color="yellow" radius={0} py={6} role="status" icon={<Loader size={14} color="yellow" />} styles={{ root: { position: 'sticky', top: 0, zIndex: 150 } }}>
      {t('shell.reconnecting')}
    </Alert>
  );
}
