import { say } from '../shared/messageKeys';

// An answer the hub gives on purpose: a status, a stable code a desk can branch on, and a
// message a person can read. Anything else that is thrown is an infrastructure fault (5xx).

export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, extra?: Record<string, unknown>) => new HubError(400, 'bad_request', message, extra);
export const unauthorized = (message = say('hubSessionMissing')) => new HubError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HubError(403, 'forbidden', message);
export const notFound = (message = 'Nothing here.') => new HubError(404, 'not_found', message);
export const conflict = (message: string, extra?: Record<string, unknown>) => new HubError(409, 'conflict', message, extra);
