import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import type { Problem } from '../backend';
import { t } from '../i18n';
import { Brand } from '../shell/Brand';

export function GateLoading() {
  return (
    <Center h="100vh">
      <Stack align="center" gap="md">
        <Brand size="lg" />
        <Loader size="sm" role="progressbar" aria-label={t('common.loading')} />
      </Stack>
    </Center>
  );
}

export function GateError({ problem, onRetry }: { problem: Problem; onRetry: () => void }) {
  return (
    <Center h="100vh" p="md">
      <Stack maw={460} gap="md">
        <Brand size="lg" />
        <Alert color="red" icon={<IconPlugConnectedX size={18} />} title={t('gate.errorTitle')} role="alert">
          <Text size="sm">{problem.message}</Text>
        </Alert>
        <Button onClick={onRetry} variant="light">
          {t('common.retry')}
        </Button>
      </Stack>
    </Center>
  );
}
