import { Alert, Box, Button, Card, Center, Code, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconDatabase, IconNetwork, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { call, problemOf, useCall, type Problem } from '../backend';
import { t } from '../i18n';
import { Brand } from '../shell/Brand';
import { ColorSchemeToggle } from '../shell/ColorSchemeToggle';
import { LanguagePicker } from '../shell/LanguagePicker';
import { JoinHubForm } from './JoinHubForm';

/** The desk has no data yet: load the demo set, start empty, or join the centre's hub. */
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

  // Joined, the desk is set up empty (its people and records come from the hub), and the
  // sign-in screen asks for the hub account's email and password.
  const joined = async () => {
    setProblem(null);
    try {
      await call('desk.initialize', { mode: 'empty' });
    } catch (error) {
      const p = problemOf(error);
      // Another window set the desk up meanwhile: it has data now, and the sign-in follows.
      if (p.code !== 'conflict') {
        setProblem(p);
        return;
      }
    }
    onDone();
  };

  return (
    <Box mih="100vh" p="md">
      {/* The reader's language before anyone has signed in, as on the sign-in screen. */}
      <Group justify="flex-end" gap="xs">
        <LanguagePicker userId={null} />
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
          <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="first-start-hub">
            <Stack gap="sm">
              <Group gap="sm" wrap="nowrap">
                <ThemeIcon size={38} radius="md" variant="light" color="teal" aria-hidden>
                  <IconNetwork size={20} />
                </ThemeIcon>
                <Title order={2} fz="lg" id="first-start-hub">
                  {t('firstStart.hubTitle')}
                </Title>
              </Group>
              <Text size="sm" c="dimmed">
                {t('firstStart.hubText')}
              </Text>
              {/* Remounted with the address once it is known (a desk started with --hub). */}
              <JoinHubForm key={hubUrl ?? ''} initialUrl={hubUrl ?? ''} disabled={busy !== null} onJoined={joined} />
            </Stack>
          </Card>
          <Text size="xs" c="dimmed">
            {t('firstStart.dataDir')} <Code>{dataDir}</Code>
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
