/** Contract operations of sources (listeners, connectors, watched folders). See main/sources. */
export const sourceOps = {} as const;
