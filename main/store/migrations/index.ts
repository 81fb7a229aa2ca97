import { migration001 } from './001_core';
import { migration002 } from './002_rollups';
import { migration003 } from './003_alerts_incidents';
import { migration004 } from './004_job_runs';
import type { Migration } from './types';

/** All migrations, in order. The last one's version is the schema version this build writes. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
export type { Migration };
