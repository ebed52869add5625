export declare const MIN_NODE_MAJOR: number;
export { cliLanguageOf, takeLanguage } from '../../shared/cliLanguage.mjs';
export function nodeTooOldText(language: 'en' | 'fa', from: 'cli' | 'npm', node: { version: string; execPath: string }): string;
