// What `tagdesk` (bin/tagdesk.mjs) and every npm script (scripts/check-node.mjs) say on a Node
// too old for the project, in the reader's language. Plain JavaScript, importing only plain
// JavaScript: it runs before TypeScript can be loaded, on whatever Node the person has. The
// language is chosen as the desk's and the hub's command lines choose it (src/shared/cliLanguage.mjs).

/** The oldest Node the project runs on (better-sqlite3 is built for the pinned one). */
export const MIN_NODE_MAJOR = 24;

export { cliLanguageOf, takeLanguage } from '../../shared/cliLanguage.mjs';

// In a Persian line, Latin (a command, a path, a version) is isolated, so it keeps its own order.
const latin = (/** @type {string} */ s) => `\u2068${s}\u2069`;
const persianNumber = (/** @type {number} */ n) => new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(n);

/**
 * The refusal of a Node older than MIN_NODE_MAJOR: from `tagdesk` ('cli'), or from an npm
 * script ('npm', which names the Node's path as well).
 *
 * @param {'en' | 'fa'} language
 * @param {'cli' | 'npm'} from
 * @param {{ version: string, execPath: string }} node
 * @returns {string}
 */
export function nodeTooOldText(language, from, node) {
  if (language === 'fa') {
    const need = `تگ‌دسک به ${latin('Node')} نسخهٔ ${persianNumber(MIN_NODE_MAJOR)} یا تازه‌تر نیاز دارد`;
    if (from === 'cli') {
      return `${need}؛ این یکی نسخهٔ ${latin(node.version)} است.\nآن را با ${latin('npm run tagdesk --')} و سپس فرمان اجرا کنید تا همان ${latin('Node')} به کار رود که پروژه تعیین کرده است.`;
    }
    return (
      `\n${need}؛ این یکی نسخهٔ ${latin(node.version)} است (${latin(node.execPath)}).\n` +
      `آن را از راه ${latin('npm')} اجرا کنید (${latin('npm start')}، ${latin('npm test')}) تا همان ${latin('Node')} به کار رود که پروژه در ${latin('node_modules/.bin')} گذاشته است،\n` +
      `یا نسخهٔ پشتیبانی‌شدهٔ کنونی ${latin('Node')} (${latin('LTS')}) را نصب کنید.\n`
    );
  }
  if (from === 'cli') {
    return `tagdesk needs Node ${MIN_NODE_MAJOR} or newer; this is Node ${node.version}.\nRun it as "npm run tagdesk -- <command>" to use the Node pinned by the project.`;
  }
  return (
    `\nTagdesk needs Node ${MIN_NODE_MAJOR} or newer; this is Node ${node.version} (${node.execPath}).\n` +
    'Run it through npm ("npm start", "npm test") so the pinned Node from node_modules/.bin is used,\n' +
    'or install a current LTS Node.\n'
  );
}
