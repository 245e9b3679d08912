#!/usr/bin/env node
// The installed command: runs the compiled CLI (`npm run build` makes lib/).
import('../lib/cli/main.js').then(
  (cli) => cli.runCli(),
  (error) => {
    process.stderr.write(`fivetran-dbt: the compiled CLI is missing (${error.message}); run \`npm run build\` first.\n`);
    process.exitCode = 2;
  },
);
