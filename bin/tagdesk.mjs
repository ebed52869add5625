#!/usr/bin/env node
// The `tagdesk` command. The CLI is TypeScript run through tsx, so there is no build step
// between editing it and using it.
import { cliLanguageOf, MIN_NODE_MAJOR, nodeTooOldText, takeLanguage } from '../src/main/cli/nodeTooOld.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_NODE_MAJOR) {
  // better-sqlite3 is built for the pinned Node; an older one fails with an obscure ABI error.
  // Said in the language the CLI would speak (--lang, TAGDESK_LANG, the locale).
  const language = cliLanguageOf(takeLanguage(process.argv.slice(2)).flag, process.env);
  console.error(nodeTooOldText(language, 'cli', { version: process.versions.node, execPath: process.execPath }));
  process.exit(1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/main/cli/index.ts');
