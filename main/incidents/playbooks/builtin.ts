/**
 * The playbook templates shipped in resources/playbooks/*.yml, bundled into
 * the engine by Vite (`?raw`) so the packaged app needs no extra files, and
 * parsed and validated once when the engine loads.
 */
import type { Playbook } from '../../api/ops/incidents';
import ddos from '../../../resources/playbooks/ddos.yml?raw';
import patientDataLeak from '../../../resources/playbooks/patient-data-leak.yml?raw';
import phishing from '../../../resources/playbooks/phishing.yml?raw';
import providerCompromise from '../../../resources/playbooks/provider-compromise.yml?raw';
import ransomware from '../../../resources/playbooks/ransomware.yml?raw';
import { parsePlaybookYaml } from './schema';

/** File name → YAML text, as shipped. */
export const BUILTIN_PLAYBOOK_FILES: Readonly<Record<string, string>> = {
  'ransomware.yml': ransomware,
  'phishing.yml': phishing,
  'patient-data-leak.yml': patientDataLeak,
  'ddos.yml': ddos,
  'provider-compromise.yml': providerCompromise,
};

interface Builtin {
  playbook: Playbook;
  yaml: string;
}

function load(): Map<string, Builtin> {
  const out = new Map<string, Builtin>();
  for (const [file, yaml] of Object.entries(BUILTIN_PLAYBOOK_FILES)) {
    const playbook = parsePlaybookYaml(yaml, file);
    if (`${playbook.id}.yml` !== file) throw new Error(`Playbook ${file}: id « ${playbook.id} » must match the file name`);
    out.set(playbook.id, { playbook, yaml });
  }
  return out;
}

/** Shipped templates by id (a malformed shipped file is a build error, found by the tests). */
export const BUILTIN_PLAYBOOKS: ReadonlyMap<string, Builtin> = load();
