export { VaultCheckpointJob, type CheckpointTarget } from './vault-checkpoint';
export { LogRetentionJob, type LogRetentionOptions } from './log-retention';
