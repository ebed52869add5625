import { sql, type Kysely } from 'kysely';

// Each person's open tickets at risk and breached, kept beside their load as the queue
// counters keep a queue's: the board shows whose tickets are about to miss their SLA without
// reading the tickets. Filled from the few open tickets at risk or breached (tickets_sla_status).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE agent_load ADD COLUMN at_risk INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE agent_load ADD COLUMN breached INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE agent_load SET at_risk = g.at_risk, breached = g.breached
            FROM (SELECT assignee_id, sum(sla_status = 'atRisk') AS at_risk, sum(sla_status = 'breached') AS breached
                  FROM tickets INDEXED BY tickets_sla_status
                  WHERE is_open = 1 AND sla_status IN ('atRisk', 'breached') AND assignee_id IS NOT NULL
                  GROUP BY assignee_id) AS g
            WHERE agent_load.user_id = g.assignee_id`.execute(db);
}
