import { userSchema, type Role, type Segment, type Tier, type User } from '../../shared/domain';
import type { Sql } from './db/exec';
import type { UserRow } from './db/schema';
import { uuidv7 } from './ids';

export function toUser(r: UserRow): User {
  return userSchema.parse({ ...r, segments: JSON.parse(r.segments), active: r.active === 1 });
}

export function userDirectory(db: Sql) {
  const k = db.kysely;
  let cache: Map<string, User> | null = null;
  const all = (): Map<string, User> => {
    cache ??= new Map(db.all(k.selectFrom('users').selectAll().orderBy('name')).map((r) => [r.id, toUser(r)]));
    return cache;
  };
  return {
    list: (): User[] => [...all().values()],
    get: (id: string): User | null => all().get(id) ?? null,
    names: (): Map<string, string> => new Map([...all().values()].map((u) => [u.id, u.name])),
    /** The users table changed behind this directory (accounts the hub synced): read it again. */
    invalidate(): void {
      cache = null;
    },
    create(u: { name: string; email: string; role: Role; tier: Tier; segments: readonly Segment[]; active?: boolean }, at: number): User {
      const id = uuidv7(at);
      db.run(k.insertInto('users').values({ id, name: u.name, email: u.email, role: u.role, tier: u.tier, segments: JSON.stringify(u.segments), active: u.active === false ? 0 : 1, created_at: at }));
      cache = null;
      return all().get(id)!;
    },
  };
}
export type UserDirectory = ReturnType<typeof userDirectory>;
