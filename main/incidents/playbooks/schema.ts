/** Parsing and validating a playbook written in YAML. */
import { parse, stringify } from 'yaml';
import { playbookSchema, type Playbook } from '../../api/ops/incidents';
import { VigieError } from '../../api/errors';

/** Validates a playbook object (from YAML or the UI); VALIDATION with the issues otherwise. */
export function validatePlaybook(value: unknown, origin = 'playbook'): Playbook {
  const parsed = playbookSchema.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new VigieError('VALIDATION', `${origin} : playbook invalide (${details[0]?.path || 'racine'} : ${details[0]?.message}).`, details);
  }
  return parsed.data as Playbook;
}

/** YAML text → validated playbook. Aliases are limited (no "billion laughs"). */
export function parsePlaybookYaml(text: string, origin = 'playbook'): Playbook {
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 20, prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    throw new VigieError('VALIDATION', `${origin} : YAML illisible (${(e as Error).message.split('\n')[0]}).`);
  }
  return validatePlaybook(value, origin);
}

/** Canonical YAML of a playbook (what is stored when the UI sends an object). */
export function playbookToYaml(p: Playbook): string {
  return stringify(p, { lineWidth: 0 });
}
