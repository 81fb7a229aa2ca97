import type { Handlers } from '../dispatcher';
import { appHandlers } from './app';
import type { HandlerCtx } from './context';
import { dataHandlers } from './data';
import { vaultHandlers } from './vault';

/** Every operation of the contract, bound to its handler (checked complete at compile time). */
export const handlers: Handlers<HandlerCtx> = { ...vaultHandlers, ...appHandlers, ...dataHandlers };
export type { HandlerCtx };
