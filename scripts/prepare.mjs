// npm's `prepare` hook. A git dependency (`npm install <git url>`) is built here, since npm packs
// the clone after `prepare`; `npm pack`/`npm publish` build in `prepack`. `npm ci` in a checkout
// skips the build: there `fivetran-dbt` and `npm run cli` run the sources through tsx.
import { spawnSync } from 'node:child_process';

if (process.env.npm_command !== 'ci') {
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exitCode = result.status ?? 1;
}
