/**
 * Browser mode: the engine opens the page as `/#token=<hex>`. The token is
 * moved to sessionStorage (survives reloads of this tab only) and wiped from
 * the address bar so it does not linger in history or screenshots.
 */
const TOKEN_KEY = 'vigie.bridgeToken';

export function captureToken(): string | null {
  const match = /(?:^#|[#&])token=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}
