import { migration001 } from './001_core';
import { migration002 } from './002_rollups';
import { migration003 } from './003_alerts_incidents';
import { migration004 } from './004_job_runs';
import { migration005 } from './005_ingest';
import { migration006 } from './006_search';
import { migration007 } from './007_incidents';
import { migration008 } from './008_legal';
import { migration009 } from './009_dashboards';
import { migration010 } from './010_detection';
import { migration011 } from './011_coarse_rollups';
import { migration012 } from './012_anomaly_baselines';
import type { Migration } from './types';

/** All migrations, in order. The last one's version is the schema version this build writes. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
export type { Migration };
