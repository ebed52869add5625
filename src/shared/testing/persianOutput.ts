// What a Persian command line's output may not hold, for the tests of the desk's `tagdesk`
// (src/main/cli/cliPersian.test.ts) and the hub's `npm run hub` (src/hub/hubPersian.test.ts).
// A value filled in (isolated FSI … PDI: a path, a name, an address) and a command or flag kept
// as typed (between LRMs) are not sentences and are skipped; so are the lines a `synopsis`
// matches (a usage's `  command --flag …` up to its Persian description).

const withoutValues = (text: string, synopsis?: RegExp) => {
  const plain = text.replace(/\u2068[^\u2069]*\u2069/g, ' ').replace(/\u200e[^\u200e\n]*\u200e/g, ' ');
  return synopsis ? plain.replace(synopsis, ' ') : plain;
};

/** The English left in a Persian text: two Latin words in a row. */
export function englishLeft(text: string, synopsis?: RegExp): string[] {
  return withoutValues(text, synopsis).match(/[A-Za-z]{2,}[ ,;:.'"]+[A-Za-z]{2,}/g) ?? [];
}

/** Latin digits left outside the filled-in values (Persian output writes ۰-۹). */
export function latinDigitsLeft(text: string, synopsis?: RegExp): string[] {
  return withoutValues(text, synopsis).match(/[0-9]+/g) ?? [];
}
