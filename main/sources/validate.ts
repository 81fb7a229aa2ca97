/**
 * Validation of a source's config and secret, beyond what the zod schemas of
 * `config.ts` can say without Node: cron expressions (node-cron and
 * cron-parser must both accept them), TLS material, required credentials.
 * Every failure is a VigieError('VALIDATION') with per-field details.
 */
import { CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';
import type { z } from 'zod';
import { VigieError } from '../api/errors';
import {
  CONFIG_SCHEMAS,
  secretRequired,
  type AnySourceConfig,
  type FhirConfig,
  type RestConfig,
  type SourceKind,
} from './config';
import { parseTlsBundle } from './secrets';

function issues(error: z.ZodError, prefix = 'config'): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

export function validationError(message: string, details: { path: string; message: string }[]): VigieError {
  return new VigieError('VALIDATION', message, details);
}

/** Parses `raw` with the kind's schema (defaults filled in) and checks what zod cannot. */
export function validateConfig(kind: SourceKind, raw: unknown): AnySourceConfig {
  const schema = CONFIG_SCHEMAS[kind];
  if (!schema) throw validationError('Type de source inconnu.', [{ path: 'kind', message: String(kind) }]);
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw validationError('Configuration de source invalide.', issues(parsed.error));
  const config = parsed.data as AnySourceConfig;
  if (kind === 'fhir' || kind === 'rest') checkSchedule((config as FhirConfig | RestConfig).schedule);
  return config;
}

export function checkSchedule(schedule: string): void {
  let ok = cron.validate(schedule);
  if (ok) {
    try {
      CronExpressionParser.parse(schedule);
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw validationError('Planification invalide.', [
      { path: 'config.schedule', message: `Expression cron invalide : ${schedule}` },
    ]);
  }
}

/**
 * Checks the secret against the config: required when the kind needs one,
 * a usable PEM bundle for TLS. `secret` undefined = unchanged (`hadSecret`
 * says whether one is stored), null = removed.
 */
export function checkSecret(kind: SourceKind, config: AnySourceConfig, secret: string | null | undefined, hadSecret: boolean): void {
  const will = secret === undefined ? hadSecret : secret !== null && secret !== '';
  if (secretRequired(kind, config) && !will) {
    const what = kind === 'syslog-tls' ? 'le certificat et la clé privée (PEM)' : 'le jeton ou le mot de passe';
    throw validationError(`Secret requis : ${what}.`, [{ path: 'secret', message: 'requis' }]);
  }
  if (kind === 'syslog-tls' && typeof secret === 'string' && secret !== '') parseTlsBundle(secret);
}
