#!/usr/bin/env node
// The `fivetran-dbt` command. In a checkout (the TypeScript sources are here) it runs them through
// tsx, so no build step is needed and edits show at once; installed from a tarball or a git URL
// (no sources, only the compiled lib/ that `prepack`/`prepare` built) it runs lib/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../lib/src/cli/main.js', import.meta.url);
const source = new URL('../src/cli/main.ts', import.meta.url);

async function load() {
  if (existsSync(fileURLToPath(source))) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return import(source.href);
    } catch (error) {
      if (!existsSync(fileURLToPath(compiled))) {
        throw new Error(`tsx, which runs the sources in a checkout, is not installed (${error.message}): run \`npm ci\`, or \`npm run build\``);
      }
    }
  }
  if (existsSync(fileURLToPath(compiled))) return import(compiled.href);
  throw new Error('the compiled CLI (lib/) is missing: run `npm run build`');
}

load().then(
  (cli) => cli.runCli(),
  (error) => {
    process.stderr.write(`fivetran-dbt: ${error.message}\n`);
    process.exitCode = 2;
  },
);
