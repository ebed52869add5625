import type WebSocket from 'ws';

/** Resolves with the HTTP status of a refused socket upgrade, or 101 when the socket opened. */
export function upgradeStatus(ws: WebSocket): Promise<number> {
  return new Promise((done) => {
    ws.on('unexpected-response', (_req, res) => {
      done(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      done(101);
      ws.close();
    });
    ws.on('error', () => {});
  });
}
