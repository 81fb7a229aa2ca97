/**
 * Checks applied to every IPC call before it reaches the engine, free of
 * `electron` imports so they can be unit tested: the call must come from the
 * main frame of one of our windows showing our own UI, and carry a sane
 * operation name. The engine then validates the input against the contract.
 */
import type { ApiError, Envelope } from '../main/api/contract';
import { isAppUrl } from './url-policy';

export const INVOKE_CHANNEL = 'vigie:invoke';
export const EVENT_CHANNEL = 'vigie:event';
export const MAX_OP_LENGTH = 100;

/** The parts of IpcMainInvokeEvent looked at. */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export function isTrustedSender(event: SenderInfo, windowContentsIds: ReadonlySet<number>, devUrl?: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!windowContentsIds.has(event.sender.id)) return false;
  return isAppUrl(frame.url, devUrl);
}

function failure(code: ApiError['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

export const FORBIDDEN_SENDER = failure('FORBIDDEN', 'This call does not come from a Vigie window.');

/** Null when the operation name is acceptable, else the error envelope to return. */
export function checkOpName(op: unknown): Envelope<never> | null {
  if (typeof op !== 'string' || op.length === 0 || op.length > MAX_OP_LENGTH) {
    return failure('VALIDATION', `Operation name must be a string of 1 to ${MAX_OP_LENGTH} characters.`);
  }
  return null;
}
