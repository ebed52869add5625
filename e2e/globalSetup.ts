import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk } from '../src/main/core/desk';

// The demo desk every test copies, seeded once for the whole run rather than once per worker
// (six workers over a run: three at the start, three for the specs with fixtures of their own).
export default async function globalSetup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'tagdesk-e2e-template-'));
  const desk = await openDesk({ dataDir: dir, demo: true });
  // Closing checkpoints the log, so the folder is a complete desk that copies cleanly.
  desk.close();
  process.env.TAGDESK_E2E_TEMPLATE = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
