import { nameMarks } from '../../shared/nameWords';
import classes from './MatchedName.module.css';

/**
 * A customer's name as a lookup found it: when it matched by name, the part each typed word
 * matched is marked (the lookup's own word rule, src/shared/nameWords.ts); otherwise the name.
 */
export function MatchedName({ name, query, byName }: { name: string; query: string; byName: boolean }) {
  if (!byName) return <>{name}</>;
  return (
    <>
      {nameMarks(name, query).map((part, i) =>
        part.marked ? (
          <mark key={i} className={classes.match}>
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
