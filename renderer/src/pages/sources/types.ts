import type { OpOutput } from '@contract';

/** A source as listed (types come from the contract's operations; the ops module owns them). */
export type SourceRow = OpOutput<'sources.list'>[number];
export type SourceTestResult = OpOutput<'sources.test'>;
