import { Alert, Box, Button, Card, Center, Code, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconDatabase, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { call, problemOf, useCall, type Problem } from '../backend';
import { t } from '../i18n';
import { Brand } from '../shell/Brand';
import { ColorSchemeToggle } from '../shell/ColorSchemeToggle';

/** The desk has no data yet: load the demo set or start empty. */
export function FirstStart({ dataDir, onDone }: { dataDir: string; onDone: () => void }) {
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // A desk joined to a hub takes its people and records from there: no demo data.
  const hub = useCall('hub.status', {});
  const hubUrl = hub.data?.joined ? hub.data.url : null;

  const initialize = async (mode: 'demo' | 'empty') => {
    setBusy(mode);
    setProblem(null);
    try {
      await call('desk.initialize', { mode });
      onDone();
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(null);
    }
  };

  return (
    <Box mih="100vh" p="md">
      <Group justify="flex-end">
        <ColorSchemeToggle />
      </Group>
      <Center mih="80vh">
        <Stack maw={720} w="100%" gap="lg">
          <Brand size="lg" />
          <div>
            <Title order={1} fz={28}>
              {t('firstStart.title')}
            </Title>
            <Text c="dimmed" mt={6}>
              {t('firstStart.lead')}
            </Text>
          </div>
          {problem && (
            <Alert color="red" role="alert" title={t('firstStart.failed')}>
              {problem.message}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Card withBorder padding="lg" radius="md">
              <Stack gap="sm" h="100%">
                <ThemeIcon size={38} radius="md" variant="light" aria-hidden>
                  <IconSparkles size={20} />
                </ThemeIcon>
                <Title order={2} fz="lg">
                  {t('firstStart.demoTitle')}
                </Title>
                <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                  {hubUrl ? t('firstStart.demoJoined', { url: hubUrl }) : t('firstStart.demoText')}
                </Text>
                <Button onClick={() => void initialize('demo')} loading={busy === 'demo'} disabled={busy !== null || hubUrl !== null}>
                  {t('firstStart.demoButton')}
                </Button>
              </Stack>
            </Card>
            <Card withBorder padding="lg" radius="md">
              <Stack gap="sm" h="100%">
                <ThemeIcon size={38} radius="md" variant="light" color="gray" aria-hidden>
                  <IconDatabase size={20} />
                </ThemeIcon>
                <Title order={2} fz="lg">
                  {t('firstStart.emptyTitle')}
                </Title>
                <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                  {t('firstStart.emptyText')}
                </Text>
                <Button variant="default" onClick={() => void initialize('empty')} loading={busy === 'empty'} disabled={busy !== null}>
                  {t('firstStart.emptyButton')}
                </Button>
              </Stack>
            </Card>
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('firstStart.dataDir')} <Code>{dataDir}</Code>
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
