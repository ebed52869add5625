import { sql, type Kysely } from 'kysely';

// "Solved with this article" can be taken back (pressed on the wrong article). What the mark
// changed is kept with the rating it marked, kb_ratings.solved_undo (JSON, null when not
// marked): the rating before it (null: none), the model's weights before and after its step
// of learning, and the kind's "Relevant lately" before and after. Taking the mark back puts
// them back exactly while nothing has learnt since, and takes the mark's step back otherwise.
// A mark made before this has none: taken back, it leaves the article very relevant.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE kb_ratings ADD COLUMN solved_undo TEXT`.execute(db);
}
