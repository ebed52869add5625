// JSON the hub sends as PostgreSQL stored it. Events and ticket states are kept as `json`
// (their text as the author sent it, not re-encoded as jsonb), so pull, snapshot and the live
// fan-out pass that text through without parsing and re-serialising it; only the hub's own
// global seq is written into each envelope on the way out.

/** A value the HTTP layer writes as it is, already JSON. */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * An envelope as stored, with the hub's global seq. The seq goes last: JSON readers keep the
 * last of a repeated key, so it wins over any `globalSeq` the stored text carries.
 */
export function withGlobalSeq(envelope: string, seq: number): string {
  const body = envelope.trimEnd();
  if (!body.startsWith('{') || !body.endsWith('}')) throw new Error(`Event ${seq} is stored as something other than a JSON object.`);
  return /^\{\s*\}$/.test(body) ? `{"globalSeq":${seq}}` : `${body.slice(0, -1)},"globalSeq":${seq}}`;
}

/** A JSON object from fields already encoded: `{ key: json text }`. */
export function rawObject(fields: Record<string, string>): string {
  return `{${Object.entries(fields)
    .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
    .join(',')}}`;
}
