/**
 * Process-wide guards: permission requests denied, outbound requests limited
 * to the app itself, CSP on document responses, and for every webContents:
 * navigation away from the app blocked, window.open denied (allow-listed
 * official https links go to the OS browser), <webview> refused.
 */
import { app, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './csp';
import { isAllowedExternal, isAppUrl, isDevServerUrl, isNetworkUrl } from './url-policy';

function openExternally(url: string): void {
  if (isAllowedExternal(url)) {
    shell.openExternal(url).catch(() => undefined);
  }
}

/** Call after 'ready'. `devUrl` is the Vite dev server in development, else undefined. */
export function hardenDefaultSession(devUrl?: string): void {
  const ses = session.defaultSession;
  // Only copying to the clipboard from the app itself is allowed; everything else is denied.
  const allowed = (permission: string, url: string): boolean =>
    permission === 'clipboard-sanitized-write' && isAppUrl(url, devUrl);
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(allowed(permission, details.requestingUrl ?? ''));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);

  // The UI never talks to the network: only the dev server may be reached.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: isNetworkUrl(details.url) && !isDevServerUrl(details.url, devUrl) });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    const csp = isDevServerUrl(details.url, devUrl) ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [csp];
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers[k] = [v];
    callback({ responseHeaders: headers });
  });
}

/** Call before any window exists. */
export function guardWebContents(devUrl?: string): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (isAppUrl(url, devUrl)) return;
      event.preventDefault();
      openExternally(url);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
  });
}
