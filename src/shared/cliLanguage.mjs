// Which language a command line speaks (the desk's `tagdesk`, the hub's `npm run hub`, and the
// refusal of a Node too old): plain JavaScript with no imports, as it runs before TypeScript
// can be loaded, on whatever Node the person has (bin/tagdesk.mjs, scripts/check-node.mjs).

/**
 * The language asked for: `--lang X` or `--lang=X` (when given), then TAGDESK_LANG, then the
 * locale (LC_ALL, LC_MESSAGES, LANG); Persian for `fa`, `fa_IR.UTF-8`, `fa-IR`; else English.
 *
 * @param {string | null} flag
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {'en' | 'fa'}
 */
export function cliLanguageOf(flag, env) {
  const wanted = flag ?? env.TAGDESK_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^fa([_-]|$|\.)/i.test(wanted.trim()) ? 'fa' : 'en';
}

/**
 * Takes `--lang X` or `--lang=X` out of the arguments (every command has it).
 *
 * @param {readonly string[]} argv
 * @returns {{ flag: string | null, rest: string[] }}
 */
export function takeLanguage(argv) {
  /** @type {string[]} */
  const rest = [];
  /** @type {string | null} */
  let flag = null;
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (a === '--lang') flag = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) flag = a.slice('--lang='.length);
    else rest.push(a);
  }
  return { flag, rest };
}
