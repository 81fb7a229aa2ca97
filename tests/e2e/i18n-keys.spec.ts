import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

type Tree = { [key: string]: string | string[] | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const I18N = resolve(__dirname, '../../renderer/src/i18n');
/** The base file plus every feature file `<lang>/<feature>.json` (merged the same way as the renderer does). */
const load = (lang: string): Tree => {
  const base = JSON.parse(readFileSync(resolve(I18N, `${lang}.json`), 'utf8')) as Tree;
  const dir = resolve(I18N, lang);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  for (const f of files) merge(base, JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as Tree);
  return base;
};
function merge(into: Tree, from: Tree): void {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (typeof v === 'object' && !Array.isArray(v) && typeof cur === 'object' && !Array.isArray(cur)) merge(cur, v);
    else into[k] = v;
  }
}

test('les fichiers de traduction par fonctionnalité existent dans les deux langues', () => {
  const list = (lang: string) => (existsSync(resolve(I18N, lang)) ? readdirSync(resolve(I18N, lang)).sort() : []);
  expect(list('en')).toEqual(list('fr'));
});

test('fr.json et en.json ont exactement les mêmes clés', () => {
  const fr = keys(load('fr')).sort();
  const en = keys(load('en')).sort();
  expect(en).toEqual(fr);
  expect(fr.length).toBeGreaterThan(100);
});

test('chaque code d’erreur du contrat a son message dans les deux langues', () => {
  const contract = readFileSync(resolve(__dirname, '../../main/api/contract.ts'), 'utf8');
  const block = /ERROR_CODES = \[([^\]]+)\]/.exec(contract)?.[1] ?? '';
  const codes = [...block.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
  expect(codes.length).toBeGreaterThan(10);
  for (const lang of ['fr', 'en']) {
    const errors = load(lang).errors as Tree;
    for (const code of codes) expect(errors[code], `${lang}: errors.${code}`).toEqual(expect.any(String));
  }
});
