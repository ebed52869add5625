import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

// Vitest's global setup: the `tagdesk` command bundled into one file for the tests that run
// it as a process (src/main/core/testing/processes.ts). bin/tagdesk.mjs loads the CLI through
// tsx, which resolves and transforms each of its modules as it starts: about 1.2 s a run on
// the CI machine, against 0.65 s for the same code bundled, and the tests run it some ninety
// times. The bundle is the same TypeScript, compiled by the same esbuild tsx uses; packages
// stay outside it and load from node_modules as they do under tsx. A test of bin/tagdesk.mjs
// itself runs BIN.

export const CLI_BUNDLE_ENV = 'TAGDESK_TEST_CLI';

export async function setup(): Promise<() => void> {
  const root = join(import.meta.dirname, '..');
  // Inside node_modules, so the bundle's bare imports (kysely, zod, better-sqlite3) resolve.
  const dir = join(root, 'node_modules', '.cache', 'tagdesk-tests');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `tagdesk-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, 'src', 'main', 'cli', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  process.env[CLI_BUNDLE_ENV] = outfile;
  return () => rmSync(outfile, { force: true });
}
