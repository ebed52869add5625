import { parseArgs } from 'node:util';
import { z } from 'zod';
import { defaultDataDir } from '../core/dataDir';
import { deskArgs, type DeskArgs } from '../core/shellArgs';
import { classify, DeskOpenError, EXIT_CODE_OF } from '../core/db/database';
import { couldNotStartText } from '../core/db/openErrors';
import { dataFolderAnswer, HOST_FLAG_ANSWER, portFlagAnswer, PortInUseError, runningAnswer, startWebShell, STOP_ANSWER, UPGRADING_FIRST_ANSWER, WEB_USAGE } from './server';

// `npm run web`: the desk in a browser tab. Deliberately no --host: the shell has no login
// of its own beyond the token, so it never listens beyond this machine.


const portSchema = z.coerce.number().int().min(0).max(65_535);

async function main(argv: string[]): Promise<void> {
  if (argv.some((a) => a === '--host' || a.startsWith('--host='))) {
    fail(HOST_FLAG_ANSWER);
  }
  let values: { data?: string | undefined; demo?: boolean | undefined; debug?: boolean | undefined; port?: string | undefined; help?: boolean | undefined; 'test-clock'?: boolean | undefined; hub?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, demo: { type: 'boolean' }, debug: { type: 'boolean' }, 'test-clock': { type: 'boolean' }, port: { type: 'string' }, hub: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(WEB_USAGE);
    return;
  }
  const port = portSchema.safeParse(values.port ?? '4173');
  if (!port.success) fail(portFlagAnswer(String(values.port)));

  // The desk's own flags (--data, --hub, --demo, --test-clock), read as the Electron shell reads them.
  let desk: DeskArgs;
  try {
    desk = deskArgs(argv);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const dataDir = desk.dataDir ?? defaultDataDir();
  // Seconds a socket may leave over the limit unread before it is closed (tests shorten it).
  const stall = Number(process.env.TAGDESK_WS_STALL_MS);
  // The address as soon as there is something to see there: at once when the desk's file is
  // being upgraded first (the page shows how far it has got), else once the desk is open.
  let announced = false;
  const announce = (url: string) => {
    if (announced) return;
    announced = true;
    console.log(runningAnswer(url));
  };
  const shell = await startWebShell({
    dataDir,
    demo: desk.demo,
    port: port.data,
    testClock: desk.testClock,
    automaticBackups: true,
    ...(desk.hubUrl ? { hubUrl: desk.hubUrl } : {}),
    ...(Number.isInteger(stall) && stall > 0 ? { limits: { stallCloseMs: stall } } : {}),
    onUpgradeStarted: (url) => {
      announce(url);
      console.log(UPGRADING_FIRST_ANSWER);
    },
  });
  announce(shell.url);
  console.log(dataFolderAnswer(shell.dataDir));
  console.log(STOP_ANSWER);

  const stop = () => {
    void shell.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function fail(message: string): never {
  console.error(`${message}\n\n${WEB_USAGE}`);
  process.exit(2);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // One line saying what is wrong and what to do; the stack only with --debug.
  if (process.argv.includes('--debug')) console.error(error);
  if (error instanceof PortInUseError) {
    console.error(error.text);
    process.exit(1);
  }
  const known = error instanceof DeskOpenError ? error : classify(error, '');
  // In English, then (a reason the core said by key) in Persian, as a page asked for meanwhile is told.
  console.error(couldNotStartText(known));
  process.exit(known instanceof DeskOpenError ? EXIT_CODE_OF[known.kind] : 1);
});
