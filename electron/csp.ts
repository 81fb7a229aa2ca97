/** The UI's CSP and security headers: one definition, in the engine's bridge, reused by the shell. */
export { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../main/bridge/csp';
