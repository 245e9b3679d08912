/**
 * Builds the dbt image from the user's repository and pushes it to the stack's ECR repository
 * with `docker buildx build --push` on the runner; ECR's login comes from `aws ecr
 * get-login-password`-style credentials the workflow sets up (or `docker login` beforehand).
 */
import { spawn } from 'node:child_process';
import { ConfigError } from '../core/errors.js';

export type DockerBuild = {
  /** The build context (the folder with the Dockerfile). */
  context: string;
  /** The full image reference to push, e.g. <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>. */
  image: string;
  /** @default 'docker' (tests put a fake one on PATH) */
  docker?: string;
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
};

/** The arguments of the build. linux/amd64, the platform of the ECS task definition. */
export function buildxArgs(build: Pick<DockerBuild, 'context' | 'image'>): string[] {
  return ['buildx', 'build', '--platform', 'linux/amd64', '--tag', build.image, '--push', build.context];
}

/** Runs the build; rejects with a `ConfigError` naming dbt-image-context when docker fails or is missing. */
export function buildAndPushImage(build: DockerBuild): Promise<void> {
  const docker = build.docker ?? 'docker';
  return new Promise((resolvePromise, reject) => {
    const child = spawn(docker, buildxArgs(build), { env: build.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (!line) continue;
        build.onLine?.(line);
        tail = [...tail.slice(-9), line];
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => reject(new ConfigError(`Input dbt-image-context: could not run ${docker} (${error.message}); the runner needs Docker with buildx.`, { cause: error })));
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new ConfigError(`Input dbt-image-context: docker buildx build of ${build.context} failed with exit code ${code}:\n${tail.join('\n')}`));
    });
  });
}

/** The image reference from the stack's repository URI and `dbt-image-tag` (a full reference is used as it is). */
export function imageReference(repositoryUri: string | undefined, tag: string | undefined, sha: string | undefined): string {
  const chosen = tag ?? sha?.slice(0, 12) ?? 'latest';
  if (chosen.includes('/')) return chosen;
  if (!repositoryUri) throw new ConfigError('Input dbt-image-context: the stack has no DbtRepositoryUri output to push the image to; set dbt-image-tag to a full image reference.');
  return `${repositoryUri}:${chosen}`;
}
