import { words as wordsOf } from './normalize';

// The kind of problem a ticket is about, from the words of its subject and notes. Two uses:
// the ranker's "similar tickets" are tickets of the same product line and category, and the
// board's trends count tickets per product line and category per week. A fixed list (not a
// model) on purpose: a supervisor must be able to read why a ticket was counted where.

export const CATEGORIES = [
  'power', 'battery', 'display', 'network', 'storage', 'input', 'thermal', 'boot', 'ports', 'performance', 'software', 'feature_request', 'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

// First match wins, in this order: "battery not charging" is a battery problem before a power one.
const KEYWORDS: ReadonlyArray<[Exclude<Category, 'other'>, readonly string[]]> = [
  ['feature_request', ['feature', 'wish', 'suggestion', 'suggest', 'request', 'option', 'offer', 'add', 'would', 'like', 'درخواست', 'پیشنهاد']],
  ['battery', ['battery', 'charging', 'charge', 'charger', 'باتری', 'شارژ']],
  ['thermal', ['fan', 'overheating', 'overheat', 'hot', 'heat', 'thermal', 'noise', 'noisy', 'فن', 'داغ']],
  ['display', ['display', 'screen', 'monitor', 'monitors', 'flicker', 'flickers', 'brightness', 'lcd', 'panel', 'نمایشگر', 'صفحه']],
  ['network', ['wi', 'fi', 'wifi', 'wireless', 'network', 'ethernet', 'vpn', 'bluetooth', 'drops', 'شبکه', 'وایفای']],
  ['storage', ['drive', 'disk', 'ssd', 'hdd', 'smart', 'raid', 'storage', 'nvme', 'دیسک', 'هارد']],
  ['input', ['keyboard', 'keys', 'key', 'touchpad', 'trackpad', 'mouse', 'pen', 'کیبورد', 'صفحه‌کلید']],
  ['boot', ['boot', 'bootable', 'bios', 'post', 'bitlocker', 'recovery', 'بوت']],
  ['ports', ['dock', 'docking', 'thunderbolt', 'usb', 'port', 'hdmi', 'displayport', 'پورت']],
  ['power', ['power', 'adapter', 'ac', 'dead', 'shutdown', 'shuts', 'برق', 'آداپتور']],
  ['performance', ['slow', 'freeze', 'freezes', 'lag', 'performance', 'memory', 'ram', 'کند']],
  ['software', ['blue', 'bsod', 'crash', 'driver', 'update', 'windows', 'install', 'sleep', 'wake', 'ویندوز', 'درایور']],
];

/** Feature-request words count only with a request-like phrase; "like" alone is not a request. */
const REQUEST_CUES = ['feature', 'wish', 'suggestion', 'suggest', 'would', 'درخواست', 'پیشنهاد'];

export function categorize(text: string): Category {
  const words = new Set(wordsOf(text));
  for (const [category, keys] of KEYWORDS) {
    if (category === 'feature_request') {
      if (REQUEST_CUES.some((c) => words.has(c))) return category;
      continue;
    }
    if (keys.some((k) => words.has(k))) return category;
  }
  return 'other';
}

/** The key under which the desk keeps precision and rating history for similar tickets. */
export function ticketKind(productLine: string | null | undefined, text: string): string {
  return `${productLine ?? '*'}|${categorize(text)}`;
}
