import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserExclamation } from '@tabler/icons-react';
import { useEffect } from 'react';
import { client } from '../client';
import { t } from '../i18n';
import { queueName, takeNext } from '../queues/takeNext';
import { showSaidAnew } from '../shell/saidAnew';

/**
 * Two people pressed Take next together and the hub had the other's take first: this person
 * is told at once who has the ticket (their own window was showing it as theirs), with a
 * button to take the next one from the same queue. The conflict stays on the conflicts page.
 */
export function TakenFirstWatch() {
  useEffect(
    () =>
      client.on('sync.takenFirst', (lost) => {
        const id = `taken-first-${lost.ticketId}`;
        // Said anew in the other language on a switch: it stays until closed.
        showSaidAnew(() => ({
          id,
          color: 'orange',
          icon: <IconUserExclamation size={18} />,
          title: t('sync.takenFirst', { name: lost.takenBy, number: lost.number }),
          autoClose: false,
          message: (
            <Stack gap={6} align="flex-start">
              <Text size="sm">{t('apiError.alreadyTaken')}</Text>
              <Button
                size="xs"
                onClick={() => {
                  notifications.hide(id);
                  void takeNext(lost.segment, lost.tier);
                }}
              >
                {t('queues.takeNextIn', { queue: queueName(lost.segment, lost.tier) })}
              </Button>
            </Stack>
          ),
        }));
      }),
    [],
  );
  return null;
}
