export function cliLanguageOf(flag: string | null, env: Readonly<Record<string, string | undefined>>): 'en' | 'fa';
export function takeLanguage(argv: readonly string[]): { flag: string | null; rest: string[] };
