/** Contract operations of ingestion (imports, uploads, quarantine). See main/ingest. */
export const ingestOps = {} as const;
