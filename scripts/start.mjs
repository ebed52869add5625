// `npm start`: build, then open the desk in Electron, or in the browser shell where Electron
// cannot run. Electron's binary is downloaded on first launch from outside the package
// registry; machines without that access (build boxes, locked-down desks) still get a
// working desk, and are told why it is in a browser.
//
//   TAGDESK_SHELL=web|electron   force one shell (electron then fails instead of falling back)
//   TAGDESK_ELECTRON_DOWNLOAD_TIMEOUT=ms   how long to wait for the download (default 20000)
//   npm start -- --data DIR --port N      passed on to the shell (--hub URL too: no demo data then)

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webShellArgs } from './startArgs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);

/** Electron would exit this fast only because it could not start at all (no display, missing libraries). */
const EARLY_EXIT_MS = 5_000;

const forced = process.env.TAGDESK_SHELL || undefined;
if (forced !== undefined && forced !== 'web' && forced !== 'electron') {
  console.error(`TAGDESK_SHELL must be "web" or "electron", not "${forced}".`);
  process.exit(2);
}

build();
if (forced === 'web') {
  startWebShell();
} else {
  const electron = electronBinary();
  if (electron.ok) launchElectron(electron.path);
  else fallBack(electron.reason);
}

function build() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(result.status ?? 1);
  }
}

/** The binary on disk, downloading it once if needed; never `require('electron')`, which would block on the download. */
function electronBinary() {
  const found = binaryOnDisk();
  if (found) return { ok: true, path: found };
  const timeout = Number(process.env.TAGDESK_ELECTRON_DOWNLOAD_TIMEOUT ?? 20_000);
  console.log('Downloading Electron (first run)...');
  const download = spawnSync(process.execPath, [join(electronPackage, 'install.js')], { cwd: electronPackage, stdio: ['ignore', 'ignore', 'pipe'], timeout, encoding: 'utf8' });
  if (download.error?.code === 'ETIMEDOUT') return { ok: false, reason: `the Electron download did not finish within ${Math.round(timeout / 1000)} s` };
  if (download.error) return { ok: false, reason: `the Electron download could not run: ${download.error.message}` };
  if (download.status !== 0) return { ok: false, reason: `the Electron download failed: ${firstLine(download.stderr) || `exit code ${download.status}`}` };
  const downloaded = binaryOnDisk();
  return downloaded ? { ok: true, path: downloaded } : { ok: false, reason: 'the Electron download left no binary behind' };
}

function binaryOnDisk() {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronPackage, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function launchElectron(binary) {
  const startedAt = Date.now();
  const child = spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit' });
  forwardSignals(child);
  child.once('error', (error) => fallBack(`it could not be launched: ${error.message}`));
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal === null && Date.now() - startedAt < EARLY_EXIT_MS) {
      fallBack(`it exited at once with code ${code}`);
      return;
    }
    process.exit(code ?? 1);
  });
}

function fallBack(reason) {
  if (forced === 'electron') {
    console.error(`Electron could not be started on this machine (${reason}), and TAGDESK_SHELL=electron asks for nothing else.`);
    process.exit(1);
  }
  console.log(`Electron could not be started on this machine (${reason}); starting the browser shell instead.`);
  startWebShell();
}

function startWebShell() {
  // --demo (added unless --hub is given) fills the desk only while it is empty: the first run
  // gets demo data, later runs keep what was done in it.
  const webArgs = webShellArgs(args);
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'main', 'web', 'index.ts'), ...webArgs], { cwd: root, stdio: 'inherit' });
  forwardSignals(child);
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

function firstLine(text) {
  return (text ?? '').split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}
