import { Alert, Anchor, Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconPlugConnectedX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { mayViewDesks } from '../../shared/access';
import { useCall } from '../backend';
import { isolated, t, tc } from '../i18n';
import { FailedPage, PageHeader, PageLoading, RefusedPage, Section } from '../page';
import { hrefOf } from '../route';
import { sayMessage } from '../sayMessage';
import { useSession } from '../session';
import { DeskNameSection } from './DeskNameSection';
import { deskLines, type DeskLine } from './desks';

// The admins' Desks page: every desk of the centre as its hub last heard from it (its version,
// last call, unsent changes, how far it has read the hub's log, clock and who was last there; src/hub/deskContacts.ts), the desks
// that need someone first (desks.ts). Only a desk joined to a hub has other desks to show.

/** The seven columns' room: narrower, each desk is a block of labelled lines. */
const STACK_BELOW = 760;

const red = (on: boolean) => (on ? 'red' : undefined);

/** The desk's name (its short id beneath it), or its short id alone for a desk that has said none. */
function DeskName({ line }: { line: DeskLine }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      {line.name === null ? (
        <Text size="sm" ff="monospace" dir="ltr" title={line.id}>
          {line.shortId}
        </Text>
      ) : (
        <Stack gap={0}>
          <Text size="sm" fw={600} data-testid="desk-name">
            {isolated(line.name)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" dir="ltr" title={line.id} style={{ alignSelf: 'flex-start' }}>
            {line.shortId}
          </Text>
        </Stack>
      )}
      {line.thisDesk && (
        <Badge size="sm" variant="light" color="gray" style={{ minInlineSize: 'max-content' }}>
          {t('desks.thisDesk')}
        </Badge>
      )}
    </Group>
  );
}

function Version({ line }: { line: DeskLine }) {
  return (
    <Stack gap={2}>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {line.version}
      </Text>
      {line.upgrade && (
        <Text size="sm" c="red" fw={600} data-testid="desk-upgrade">
          {line.upgrade}
        </Text>
      )}
    </Stack>
  );
}

function Contact({ line }: { line: DeskLine }) {
  return (
    <Group gap={4} wrap="nowrap" title={line.silent ? t('desks.silent') : undefined}>
      {line.silent && <IconPlugConnectedX size={16} color="var(--mantine-color-red-6)" aria-label={t('desks.silent')} />}
      <Text size="sm" c={red(line.silent)} fw={line.silent ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
        {line.contact}
      </Text>
    </Group>
  );
}

/** How far it has read the hub's log, and in orange why that needs someone. */
function Behind({ line }: { line: DeskLine }) {
  return (
    <Stack gap={2} data-testid="desk-behind">
      <Text size="sm" c={line.lagging ? 'orange.8' : undefined} fw={line.lagging ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
        {line.behind}
      </Text>
      {line.lagging && (
        <Text size="xs" c="orange.8" data-testid="desk-lagging">
          {line.lagging}
        </Text>
      )}
    </Stack>
  );
}

function cells(line: DeskLine): { key: string; label: string; value: ReactNode }[] {
  return [
    { key: 'version', label: t('desks.col.version'), value: <Version line={line} /> },
    { key: 'contact', label: t('desks.col.contact'), value: <Contact line={line} /> },
    { key: 'unsent', label: t('desks.col.unsent'), value: <Text size="sm" c={line.waiting ? 'orange.8' : undefined} fw={line.waiting ? 600 : undefined}>{line.unsent}</Text> },
    { key: 'behind', label: t('desks.col.behind'), value: <Behind line={line} /> },
    { key: 'clock', label: t('desks.col.clock'), value: <Text size="sm" c={line.clockOff ? 'orange.8' : undefined} fw={line.clockOff ? 600 : undefined}>{line.clock}</Text> },
    { key: 'who', label: t('desks.col.who'), value: <Text size="sm">{isolated(line.who)}</Text> },
  ];
}

export function DesksPage() {
  const { user } = useSession();
  const refusal = user ? mayViewDesks(user) : null;
  const hub = useCall('hub.status', {});
  const joined = hub.data?.joined === true;
  const desks = useCall('hubDesks.list', !refusal && joined ? {} : null, { live: () => false });
  const box = useElementSize();
  // This desk's name as just saved (its row says it at once; the hub hears it at the next call).
  const [renamed, setRenamed] = useState<string | null>(null);
  const stacked = box.width > 0 && box.width < STACK_BELOW;
  if (refusal) return <RefusedPage page={t('desks.title')} title={t('desks.forbiddenTitle')} message={sayMessage(refusal)} />;
  if (hub.loading && !hub.data) return <PageLoading />;
  if (hub.data && !joined)
    return (
      <Stack gap="lg" maw={900}>
        <PageHeader title={t('desks.title')} description={t('desks.lead')} />
        <DeskNameSection />
        <Alert color="blue" variant="light" title={t('desks.noHubTitle')} data-testid="desks-no-hub">
          <Stack gap={6}>
            <Text size="sm">{t('desks.noHub')}</Text>
            <Anchor href={hrefOf({ name: 'hubUsers' })} size="sm" fw={600}>
              {t('nav.hubUsers')}
            </Anchor>
          </Stack>
        </Alert>
      </Stack>
    );
  if (desks.problem && !desks.data) return <FailedPage page={t('desks.title')} problem={desks.problem} onRetry={() => void desks.refetch()} />;
  if (!desks.data) return <PageLoading />;
  const lines = deskLines(desks.data, renamed);
  const needing = lines.filter((l) => l.problems > 0).length;
  return (
    <Stack gap="lg">
      <PageHeader title={t('desks.title')} description={t('desks.lead')} />
      <DeskNameSection onSaved={setRenamed} />
      {lines.length === 0 ? (
        <Alert color="blue" variant="light" data-testid="desks-empty">
          <Text size="sm">{t('desks.empty')}</Text>
        </Alert>
      ) : (
        <Section title={needing > 0 ? tc('desks.needs', needing) : t('desks.allWell')} padding={0}>
          <div ref={box.ref} data-testid="desks">
            {stacked ? (
              <Stack gap={0}>
                {lines.map((line) => (
                  <Stack key={line.id} gap={8} p="md" style={{ borderBlockEnd: '1px solid var(--mantine-color-default-border)' }} data-testid="desk-row" data-problems={line.problems}>
                    <Group gap={8} wrap="nowrap">
                      {line.problems > 0 ? <IconAlertTriangle size={18} color="var(--mantine-color-red-6)" aria-hidden /> : <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />}
                      <DeskName line={line} />
                    </Group>
                    <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
                      {cells(line).map((c) => [
                        <Text key={`${c.key}-l`} size="xs" c="dimmed">
                          {c.label}
                        </Text>,
                        <div key={c.key}>{c.value}</div>,
                      ])}
                    </SimpleGrid>
                  </Stack>
                ))}
              </Stack>
            ) : (
              <Table verticalSpacing="sm" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('desks.col.desk')}</Table.Th>
                    {cells(lines[0]!).map((c) => (
                      <Table.Th key={c.key}>{c.label}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lines.map((line) => (
                    <Table.Tr key={line.id} data-testid="desk-row" data-problems={line.problems}>
                      <Table.Td>
                        <DeskName line={line} />
                      </Table.Td>
                      {cells(line).map((c) => (
                        <Table.Td key={c.key}>{c.value}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </div>
        </Section>
      )}
    </Stack>
  );
}
