import type { Handlers } from '../dispatcher';
import { appHandlers } from './app';
import type { HandlerCtx } from './context';
import { dataHandlers } from './data';
import { detectionHandlers } from './detection';
import { incidentHandlers } from './incidents';
import { ingestHandlers } from './ingest';
import { legalHandlers } from './legal';
import { reportHandlers } from './reports';
import { searchHandlers } from './search';
import { sourceHandlers } from './sources';
import { vaultHandlers } from './vault';

/** Every operation of the contract, bound to its handler (checked complete at compile time). */
export const handlers: Handlers<HandlerCtx> = { ...vaultHandlers, ...appHandlers, ...dataHandlers, ...detectionHandlers, ...incidentHandlers, ...ingestHandlers, ...legalHandlers, ...reportHandlers, ...searchHandlers, ...sourceHandlers };
export type { HandlerCtx };
