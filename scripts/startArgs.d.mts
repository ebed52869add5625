export function webShellArgs(args: readonly string[]): string[];
