// `npm run faults`: the long fault suite. One JSON line per fault on stdout:
// {"name":"crash_loop","kills":N,"confirmed":N,"lost":0,"doubled":0,"integrity":"ok",...}
// and {"name":...,"pass":true|false,...} for the others. Progress goes to stderr.
// Options: --kills N (default 50).
import { parseArgs } from 'node:util';
import { corruptedCopy, crashLoop, readOnlyFolder, removeFolder, seededFolder, slowConsumer, startingTogether } from './scenarios';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '50' } } });
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 1) {
  console.error('--kills must be a whole number of at least 1.');
  process.exit(2);
}

const folder = await seededFolder('run');
let failed = false;
const report = (line: { pass: boolean }) => {
  failed ||= !line.pass;
  console.log(JSON.stringify(line));
};
try {
  report(await crashLoop(folder.desk, kills, (line) => console.error(line)));
  report(await corruptedCopy(folder.desk, folder.root));
  report(await readOnlyFolder(folder.desk, folder.root));
  report(await startingTogether(folder.root, 4));
  report(await slowConsumer(folder.root, 3_000, 120 * 1024 * 1024));
} finally {
  removeFolder(folder.root);
}
process.exitCode = failed ? 1 : 0;
