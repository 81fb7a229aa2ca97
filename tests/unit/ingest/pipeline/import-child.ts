/**
 * Child process of kill-resume.test.ts: imports a file into a vault and
 * prints every progress event as a JSON line, until it is killed.
 * Usage: node --import tsx import-child.ts <vaultDir> <file>
 */
import { IngestRuntime } from '../../../../main/ingest/pipeline/runtime';
import { openVault } from '../../../../main/store/vault';
import { PASS } from './helpers-const';

async function main(): Promise<void> {
  const [dir, file] = process.argv.slice(2);
  const { db, key } = await openVault(dir, PASS);
  key.fill(0);
  const rt = new IngestRuntime(db, { limits: { batchEvents: 1000, readChunkBytes: 64 * 1024, progressMs: 0 } });
  rt.onProgress((p) => process.stdout.write(JSON.stringify(p) + '\n'));
  const [id] = await rt.importPaths([file]);
  const row = await rt.wait(id);
  process.stdout.write(JSON.stringify({ final: row }) + '\n');
  await db.close();
}

void main();
