#!/usr/bin/env node
// The `tagdesk` command. The CLI is TypeScript run through tsx, so there is no build step
// between editing it and using it.
import { register } from 'tsx/esm/api';

const MIN_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_MAJOR) {
  // better-sqlite3 is built for the pinned Node; an older one fails with an obscure ABI error.
  console.error(
    `tagdesk needs Node ${MIN_MAJOR} or newer; this is Node ${process.versions.node}.\n` +
      'Run it as "npm run tagdesk -- <command>" to use the Node pinned by the project.',
  );
  process.exit(1);
}

register();
await import('../src/main/cli/index.ts');
