import { Alert, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { SegmentBadge } from '../badges';
import { useCall } from '../backend';
import { formatDate, formatNumber, t, tc } from '../i18n';
import { lookupMessage, matchedWhat, matchLabel } from '../labels';
import { Phone } from './CustomerFinder';
import { MatchedName } from './MatchedName';
import { FitTable, PageHeader, PageLoading, ProblemAlert } from '../page';
import { customerHref, navigate } from '../route';
import classes from './CandidatesPage.module.css';

/** Several customers fit the lookup: list every one, with what matched; choosing opens the 360° view. */
export function CandidatesPage({ query }: { query: string }) {
  const result = useCall('lookup.search', query ? { query } : null);
  const data = result.data;

  useEffect(() => {
    if (data?.kind === 'match') navigate(customerHref(data.view.customer.id, data.view.matchedAssetId, data.matchedBy, data.ticketNumber ?? null, query), { replace: true });
  }, [data, query]);

  return (
    <>
      <PageHeader title={t('candidates.title', { query })} description={data?.kind === 'candidates' ? (data.more ? t('candidates.countMore', { count: data.candidates.length }) : tc('candidates.count', data.candidates.length)) : undefined} />
      {result.problem && <ProblemAlert problem={result.problem} onRetry={() => void result.refetch()} />}
      {result.loading && !data && <PageLoading />}
      {(data?.kind === 'none' || data?.kind === 'invalid') && (
        <Alert color={data.kind === 'none' ? 'yellow' : 'red'} icon={<IconAlertCircle size={18} />} role="alert">
          {lookupMessage(data)}
        </Alert>
      )}
      {data?.kind === 'candidates' && (
        <Paper withBorder radius="md">
          {/* Below 600 px of box (a 420 px window) each candidate is one cell: the name, then its
              phone and email, segment, what matched, systems and last contact under it; the
              phone and email that tell two Jordans apart were off the box's side. */}
          <FitTable>
            <Table verticalSpacing={10} highlightOnHover className={classes.table}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('candidates.col.customer')}</Table.Th>
                  <Table.Th className={classes.wideOnly}>{t('candidates.col.segment')}</Table.Th>
                  <Table.Th className={classes.wideOnly}>{t('candidates.col.matchedBy')}</Table.Th>
                  <Table.Th className={classes.wideOnly}>{t('candidates.col.contact')}</Table.Th>
                  <Table.Th className={classes.wideOnly}>{t('candidates.col.systems')}</Table.Th>
                  <Table.Th className={classes.wideOnly}>{t('candidates.col.lastContact')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.candidates.map((c) => (
                  <Table.Tr key={`${c.customerId}-${c.assetId ?? ''}-${c.matchedBy}`} className={classes.row} onClick={() => navigate(customerHref(c.customerId, c.assetId, c.matchedBy, c.params?.number ?? null, query))}>
                    <Table.Td>
                      {/* A link, not a button: Back from the customer opened puts focus on it again
                          (pageFocus.ts), where the agent who opened the wrong Jordan goes on down the
                          list; from a button it went to the page's heading. */}
                      <a
                        href={customerHref(c.customerId, c.assetId, c.matchedBy, c.params?.number ?? null, query)}
                        className={classes.name}
                        // Read as the one name it is, whatever part of it is marked.
                        aria-label={c.customerName}
                        onClick={(e) => e.stopPropagation()}
                      >
                        <bdi>
                          <MatchedName name={c.customerName} query={query} byName={c.matchedBy === 'name'} />
                        </bdi>
                      </a>
                      <div className={classes.narrowOnly}>
                        <Text size="sm">{c.phone ? <Phone e164={c.phone} /> : <Text span size="sm" c="dimmed">{t('customer.noPhone')}</Text>}</Text>
                        <Text size="xs" c="dimmed">
                          {c.email ? <bdi dir="ltr">{c.email}</bdi> : t('customer.noEmail')}
                        </Text>
                        <Group gap={4} mt={4}>
                          <SegmentBadge segment={c.segment} />
                          <Badge variant="light" color="gray" tt="none" size="sm">
                            {matchLabel(c.matchedBy)}
                          </Badge>
                        </Group>
                        {matchedWhat(c) && (
                          <Text size="xs" c="dimmed" mt={2}>
                            <bdi>{matchedWhat(c)}</bdi>
                          </Text>
                        )}
                        <Text size="xs" c="dimmed" mt={2}>
                          {tc('candidates.systems', c.systems)}
                          {' · '}
                          {c.lastContactAt === null ? t('candidates.neverContacted') : t('candidates.lastContact', { date: formatDate(c.lastContactAt) })}
                        </Text>
                      </div>
                    </Table.Td>
                    <Table.Td className={`${classes.wideOnly} ${classes.segment}`}>
                      <SegmentBadge segment={c.segment} />
                    </Table.Td>
                    <Table.Td className={classes.wideOnly}>
                      <Badge variant="light" color="gray" tt="none" size="sm">
                        {matchLabel(c.matchedBy)}
                      </Badge>
                      {matchedWhat(c) && (
                        <Text size="xs" c="dimmed" mt={2} data-testid="matched-detail">
                          <bdi>{matchedWhat(c)}</bdi>
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className={classes.wideOnly} data-testid="candidate-contact">
                      <Text size="sm">{c.phone ? <Phone e164={c.phone} /> : <Text span size="sm" c="dimmed">{t('customer.noPhone')}</Text>}</Text>
                      <Text size="xs" c="dimmed">
                        {c.email ? <bdi dir="ltr">{c.email}</bdi> : t('customer.noEmail')}
                      </Text>
                    </Table.Td>
                    <Table.Td className={classes.wideOnly} data-testid="candidate-systems">
                      <Text size="sm">{formatNumber(c.systems)}</Text>
                    </Table.Td>
                    <Table.Td className={classes.wideOnly} data-testid="candidate-last-contact">
                      <Text size="sm" c={c.lastContactAt === null ? 'dimmed' : undefined}>
                        {c.lastContactAt === null ? t('candidates.neverContacted') : formatDate(c.lastContactAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </FitTable>
        </Paper>
      )}
      {!query && (
        <Stack>
          <Text c="dimmed">{t('candidates.noQuery')}</Text>
        </Stack>
      )}
    </>
  );
}
