import { z } from 'zod';
import { say } from './messageKeys';

// A desk's name, for people: the machine's host name at the desk's first start ("FRONT-ROW-07",
// what a call centre already calls its machines), which an admin may change on the Desks page.
// It travels to the hub in a header on each of the desk's calls (deskReport.ts), and is shown
// wherever a desk is, instead of its id; a desk that has none (one older than this) is shown by
// the first characters of its id.

export const DESK_NAME_MAX = 60;

/** What an admin types: trimmed, 1 to 60 characters. */
export const deskNameSchema = z
  .string()
  .trim()
  .min(1, say('deskNameEmpty'))
  .max(DESK_NAME_MAX, say('deskNameTooLong', { max: DESK_NAME_MAX }));

/** A desk's name from its machine's host name (null: the host has none that makes a name). */
export function deskNameFromHost(host: string): string | null {
  // Spaces and control characters never make a host name; cut to the longest name kept.
  const name = host.replace(/[\p{Cc}\s]+/gu, ' ').trim().slice(0, DESK_NAME_MAX).trim();
  return name === '' ? null : name;
}

/**
 * A desk's id as people read it when it has no name: its last eight characters. Ids are UUID
 * v7, whose first eight are the time it was made to about a minute: a centre setting up its
 * desks together got the same short id on each (the last twelve are random).
 */
export const shortDeskId = (id: string): string => id.slice(-8);

/** How a desk is called: its name, else its short id. */
export const deskCalled = (id: string, name: string | null | undefined): string => name ?? shortDeskId(id);
