// This desk's own accounts, which the hub has none for: the stand-ins an empty desk was set up
// with and an import's accounts (both `…@tagdesk.local`), never signed in through the hub nor
// heard of from it. An admin carries their work to the hub (access.ts mayCarryDeskWork) and
// answers for what the hub refused of it (answersForDeskWork).

/** SQL: whether the user whose id is `column` is one of this desk's own accounts. */
export const isDeskAccountSql = (column: string): string =>
  `EXISTS (SELECT 1 FROM users u WHERE u.id = ${column} AND u.email LIKE '%@tagdesk.local' AND NOT EXISTS (SELECT 1 FROM user_events e WHERE e.user_id = u.id) AND NOT EXISTS (SELECT 1 FROM hub_accounts a WHERE a.user_id = u.id))`;
