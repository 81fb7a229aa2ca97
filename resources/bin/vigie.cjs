#!/usr/bin/env node
// Package bin for `vigie`: runs the built headless engine CLI (npm run build first).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', '..', 'out', 'main', 'vigie.js');
if (!existsSync(cli)) {
  process.stderr.write('vigie: la CLI n’est pas construite — lancez `npm run build` / CLI not built: run `npm run build`\n');
  process.exit(1);
}
require(cli);
