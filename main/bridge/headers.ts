import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS as BASE_HEADERS } from './csp';

/** Headers sent with every bridge response. Deliberately no Access-Control-* header: no CORS. */
export const SECURITY_HEADERS: Record<string, string> = {
  ...BASE_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
};
