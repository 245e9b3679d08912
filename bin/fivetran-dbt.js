#!/usr/bin/env node
// The `fivetran-dbt` command. Installed from a tarball or a git URL it runs the compiled CLI
// (lib/, built by `prepack`/`prepare`); in a checkout after `npm ci` it runs the TypeScript
// sources through tsx, so no build step is needed first.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../lib/cli/main.js', import.meta.url);
const source = new URL('../src/cli/main.ts', import.meta.url);

async function load() {
  if (existsSync(fileURLToPath(compiled))) return import(compiled.href);
  if (existsSync(fileURLToPath(source))) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
    } catch (error) {
      throw new Error(`neither the compiled CLI (lib/) nor tsx to run the sources is here (${error.message}); run \`npm ci\` or \`npm run build\``);
    }
    return import(source.href);
  }
  throw new Error('the compiled CLI (lib/) is missing: run `npm run build`');
}

load().then(
  (cli) => cli.runCli(),
  (error) => {
    process.stderr.write(`fivetran-dbt: ${error.message}\n`);
    process.exitCode = 2;
  },
);
