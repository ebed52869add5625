import { useCallback, useEffect, useRef, useState } from 'react';
import type { TicketRow } from '../../shared/api';
import type { Segment, Tier } from '../../shared/domain';
import { call, onSlaSettingsChanged, onTicketChanged, problemOf, type Problem } from '../backend';
import { client } from '../client';
import { coalescer } from '../coalesce';
import { namedCustomers } from '../overview/namedCustomers';

// A queue can hold thousands of tickets; they are fetched a page at a time as the table
// scrolls, and the pages in hand are refetched when a ticket of this segment changes, or an SLA
// policy or calendar does (a row's time left is read on its ticket's calendar), or the record of
// a customer a row names does (an erasure takes the name off at once: it changes no ticket).

const PAGE = 200;

export interface QueueRows {
  total: number | null;
  rowAt: (index: number) => TicketRow | undefined;
  onRangeChange: (start: number, end: number) => void;
  problem: Problem | null;
  reload: () => void;
}

export type QueueOrder = 'urgency' | 'priority';

export function useQueueRows(segment: Segment, tier: Tier, order: QueueOrder = 'urgency'): QueueRows {
  const [pages, setPages] = useState<Map<number, TicketRow[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  const loaded = useRef(new Set<number>());
  const range = useRef({ start: 0, end: 0 });
  const shown = useRef(pages);
  shown.current = pages;

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      if (inFlight.current.has(page)) return;
      inFlight.current.add(page);
      try {
        const result = await call('queues.tickets', { segment, tier, order, offset: page * PAGE, limit: PAGE });
        if (gen !== generation.current) return;
        loaded.current.add(page);
        setTotal(result.total);
        setProblem(null);
        setPages((prev) => new Map(prev).set(page, result.rows));
      } catch (error) {
        if (gen === generation.current) setProblem(problemOf(error));
      } finally {
        inFlight.current.delete(page);
      }
    },
    [segment, tier, order],
  );

  /** Refetches the pages in view (and drops the others) without blanking the table. */
  const refresh = useCallback(() => {
    const gen = ++generation.current;
    inFlight.current.clear();
    const first = Math.floor(range.current.start / PAGE);
    const last = Math.floor(range.current.end / PAGE);
    loaded.current = new Set();
    setPages((prev) => {
      const kept = new Map<number, TicketRow[]>();
      for (let p = first; p <= last; p++) {
        const rows = prev.get(p);
        if (rows) kept.set(p, rows);
      }
      return kept;
    });
    for (let p = first; p <= last; p++) void fetchPage(p, gen);
  }, [fetchPage]);

  useEffect(() => {
    range.current = { start: 0, end: 0 };
    setPages(new Map());
    setTotal(null);
    refresh();
  }, [refresh]);

  useEffect(() => {
    const refetch = coalescer(refresh, 150);
    const off = onTicketChanged((change) => {
      if (change && change.segment !== segment) return;
      refetch.trigger();
    });
    const offSla = onSlaSettingsChanged(() => refetch.trigger());
    const offCustomer = client.on('customer.changed', (c) => {
      if (c.segment === segment && namedCustomers([...shown.current.values()].flat())(c.customerId)) refetch.trigger();
    });
    return () => {
      refetch.cancel();
      off();
      offSla();
      offCustomer();
    };
  }, [segment, refresh]);

  const onRangeChange = useCallback(
    (start: number, end: number) => {
      range.current = { start, end };
      const gen = generation.current;
      for (let p = Math.floor(start / PAGE); p <= Math.floor(end / PAGE); p++) {
        if (!loaded.current.has(p)) void fetchPage(p, gen);
      }
    },
    [fetchPage],
  );

  const rowAt = useCallback((index: number) => pages.get(Math.floor(index / PAGE))?.[index % PAGE], [pages]);

  return { total, rowAt, onRangeChange, problem, reload: refresh };
}
