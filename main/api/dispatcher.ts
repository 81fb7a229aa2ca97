import type { ApiError, Envelope, OpName, OpOutput, OpParsedInput, Role } from './contract';
import { isOpName, operations } from './contract';
import { VigieError } from './errors';

/** One function per operation of the contract; the type makes a missing handler a compile error. */
export type Handlers<Ctx> = {
  [N in OpName]: (input: OpParsedInput<N>, ctx: Ctx) => Promise<OpOutput<N>>;
};

export interface AccessState {
  unlocked: boolean;
  role: Role | undefined;
  /** Called for calls that count as user activity (idle lock). */
  touch(): void;
}

export interface DispatchLog {
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/**
 * The single entry point both transports use: look the operation up in the
 * contract, validate the input with its zod schema, check the vault state and
 * role, run the handler, and always answer with an envelope. Only VigieError
 * messages reach the caller; anything unexpected is logged and answered as
 * INTERNAL without its details.
 */
export function createDispatcher<Ctx>(handlers: Handlers<Ctx>, access: () => AccessState, log: DispatchLog) {
  return async function dispatch(op: string, rawInput: unknown, ctx: Ctx): Promise<Envelope<unknown>> {
    if (typeof op !== 'string' || !isOpName(op)) {
      return fail({ code: 'UNKNOWN_OPERATION', message: `Opération inconnue : ${String(op).slice(0, 100)}` });
    }
    const def = operations[op];
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return fail({ code: 'VALIDATION', message: `Paramètres invalides pour ${op}.`, details });
    }
    const state = access();
    if (def.roles !== 'public') {
      if (!state.unlocked) return fail({ code: 'LOCKED', message: 'Le coffre est verrouillé.' });
      if (def.roles !== 'any' && state.role !== 'admin' && !def.roles.includes(state.role as Role)) {
        return fail({ code: 'FORBIDDEN', message: `Votre rôle ne permet pas : ${op}.` });
      }
    }
    if (def.activity && state.unlocked) state.touch();
    try {
      const run = handlers[op] as (input: unknown, ctx: Ctx) => Promise<unknown>;
      return { ok: true, data: await run(parsed.data, ctx) };
    } catch (e) {
      if (e instanceof VigieError) {
        if (e.code === 'INTERNAL') log.error(`operation ${op} failed`, { error: e });
        return fail(e.toApiError());
      }
      log.error(`operation ${op} failed unexpectedly`, { error: e });
      return fail({ code: 'INTERNAL', message: 'Erreur interne : voir le journal de Vigie.' });
    }
  };
}

function fail(error: ApiError): Envelope<never> {
  return { ok: false, error };
}
