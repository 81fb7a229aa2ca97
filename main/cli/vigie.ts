#!/usr/bin/env node
/**
 * `vigie`: the headless command line of the engine (no Electron).
 * Subcommands live in their own files; later issues add more.
 */
import { Command } from 'commander';
import { VERSION } from '../engine/version';
import { registerDetect } from './detect';
import { registerIngest } from './ingest';
import { registerParse } from './parse';
import { registerServe } from './serve';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('vigie')
    .description(
      'Vigie : console de sécurité et de gestion d’incidents (santé). Moteur sans interface Electron.\n' +
        'Vigie: security-operations and incident console (health sector), headless engine.',
    )
    .version(VERSION, '-v, --version')
    .showHelpAfterError();
  registerServe(program);
  registerParse(program);
  registerIngest(program);
  registerDetect(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    process.stderr.write(`vigie: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
