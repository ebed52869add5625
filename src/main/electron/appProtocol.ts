import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol, session } from 'electron';

// The renderer is served from app://tagdesk/ rather than file://: file pages share one
// origin with every other file on disk and carry no response headers, so a CSP could not
// be sent with them. A standard, secure scheme gives the app its own origin.

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://tagdesk`;

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets style attributes and injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // The desk is reached over IPC; the renderer has no business on the network.
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    let file: string;
    try {
      file = resolve(join(root, decodeURIComponent(url.pathname)));
    } catch {
      return new Response('Bad path', { status: 400 });
    }
    if (url.host !== 'tagdesk' || (file !== root && !file.startsWith(root + sep))) return new Response('Not found', { status: 404 });
    // The UI routes in the hash, so every path is a file; there is no SPA fallback here.
    const found = await net.fetch(pathToFileURL(file === root ? join(root, 'index.html') : file).toString());
    const headers = new Headers(found.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(found.body, { status: found.status, headers });
  });

  // Also covers the electron-vite dev server, whose pages do not come through app://.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
