import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultDataDir } from '../engine/paths';

interface ServeOptions {
  dataDir: string;
  port: string;
  json?: boolean;
}

/** The built renderer next to this bundle (out/main/vigie.js → out/renderer). */
function rendererDir(): string | undefined {
  const candidates = [resolve(__dirname, '../renderer'), resolve(__dirname, '../../out/renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html')));
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Mode navigateur : sert la console sur 127.0.0.1 (jeton par lancement). / Browser mode on loopback.')
    .option('-d, --data-dir <dir>', 'dossier du coffre / vault folder', defaultDataDir())
    .option('-p, --port <port>', 'port TCP (0 = aléatoire / random)', '0')
    .option('--json', 'affiche une ligne JSON {url, port, token} une fois prêt (tests) / print one JSON line when ready')
    .action(async (o: ServeOptions) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port invalide : ${o.port}`);
      // Loaded on demand so that `vigie parse` & co. never load the engine and its native store.
      const { startEngine } = await import('../engine/engine');
      const { startBridge } = await import('../bridge/http-bridge');
      const engine = await startEngine({ dataDir: resolve(o.dataDir), mode: 'browser', logToConsole: false });
      const staticDir = rendererDir();
      const bridge = await startBridge({ engine, staticDir, port });
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ url: bridge.openUrl, port: bridge.port, token: bridge.token })}\n`);
      } else {
        process.stdout.write(
          [
            '',
            '  Vigie — mode navigateur / browser mode',
            `  Ouvrez / open: ${bridge.openUrl}`,
            `  Coffre / vault: ${resolve(o.dataDir)}`,
            staticDir ? '' : '  Interface non construite : lancez `npm run build` / UI not built: run `npm run build`',
            '  Écoute uniquement sur 127.0.0.1 ; le jeton change à chaque lancement. Ctrl+C pour arrêter.',
            '',
          ].join('\n'),
        );
      }
      const stop = async () => {
        await bridge.close();
        await engine.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
