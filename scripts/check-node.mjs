// Tagdesk runs on the Node pinned in devDependencies ("node"), which npm puts first on PATH
// for every script. An older Node (the system's 20, say) fails loudly here instead of
// failing obscurely later, in the CLI's language (TAGDESK_LANG, the locale).
import { cliLanguageOf, MIN_NODE_MAJOR, nodeTooOldText } from '../src/main/cli/nodeTooOld.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (process.argv.includes('--install')) {
  // During install the pinned Node is not there yet; npm itself runs on the system Node.
  process.exit(0);
}
if (major < MIN_NODE_MAJOR) {
  console.error(nodeTooOldText(cliLanguageOf(null, process.env), 'npm', { version: process.versions.node, execPath: process.execPath }));
  process.exit(1);
}
