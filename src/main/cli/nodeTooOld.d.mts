export declare const MIN_NODE_MAJOR: number;
export function cliLanguageOf(flag: string | null, env: Readonly<Record<string, string | undefined>>): 'en' | 'fa';
export function takeLanguage(argv: readonly string[]): { flag: string | null; rest: string[] };
export function nodeTooOldText(language: 'en' | 'fa', from: 'cli' | 'npm', node: { version: string; execPath: string }): string;
