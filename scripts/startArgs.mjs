// What `npm start` (start.mjs) passes to the browser shell when it falls back to it (or is told
// to use it). Kept apart from start.mjs, which builds and launches as soon as it is loaded, so
// a test can ask it.

/**
 * The browser shell's arguments: the user's, with `--demo` added so that a first run has demo
 * data to look at (it fills the desk only while it is empty). Not when `--hub` is given: that
 * desk is about to join a hub, and a desk joined to a hub takes no demo data (its people and
 * records come from the hub; the demo people's changes could never be sent).
 *
 * @param {readonly string[]} args
 * @returns {string[]}
 */
export function webShellArgs(args) {
  const joining = args.some((a) => a === '--hub' || a.startsWith('--hub='));
  return args.includes('--demo') || joining ? [...args] : [...args, '--demo'];
}
