import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

type Tree = { [key: string]: string | string[] | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const load = (lang: string) =>
  JSON.parse(readFileSync(resolve(__dirname, `../../renderer/src/i18n/${lang}.json`), 'utf8')) as Tree;

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
