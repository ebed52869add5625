import { pino, type Logger } from 'pino';

// Structured logs, one JSON object a line. Secrets never reach them: requests are logged by
// method, path (no query string) and status only, and any field that could carry a token or
// a password is redacted should someone log it by mistake.

export function hubLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      name: 'tagdesk-hub',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'deskKey', '*.deskKey', 'url', '*.databaseUrl', 'databaseUrl'],
        censor: '[redacted]',
      },
    },
    options.destination ?? process.stdout,
  );
}
