// A list that names customers (the board's satisfaction follow-ups, a drill's ticket rows, a queue,
// My tickets) follows their records: an edit shows, and an erasure takes the name off the screen at once
// (useCall's `customerId`), not at the next reload. A change to a customer it does not name
// reads nothing again.

/** Whether a change to this customer's record can change what `rows` show. */
export const namedCustomers =
  (rows: ReadonlyArray<{ customerId: string }> | undefined) =>
  (customerId: string): boolean =>
    rows?.some((r) => r.customerId === customerId) ?? false;
