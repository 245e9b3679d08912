/**
 * Looks for secrets in text a run leaves behind (templates, histories, logs, CLI output): each
 * secret as written and base64-encoded (an Authorization header carries `key:secret` so).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The forms a secret can take in text. */
export function secretForms(secret: string): string[] {
  return [secret, Buffer.from(secret, 'utf8').toString('base64')];
}

/** Every `<source>: <secret name>` pair where a form of the secret occurs in the source's text. */
export function findSecrets(sources: Record<string, string>, secrets: Record<string, string>): string[] {
  return Object.entries(sources).flatMap(([source, text]) =>
    Object.entries(secrets).flatMap(([name, secret]) => (secretForms(secret).some((form) => text.includes(form)) ? [`${source}: ${name}`] : [])),
  );
}

/** Every file under `dir` as text, by its path relative to `dir`. */
export function filesUnder(dir: string, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      const relative = prefix ? `${prefix}/${name}` : name;
      return statSync(path).isDirectory() ? Object.entries(filesUnder(path, relative)) : [[relative, readFileSync(path, 'utf8')]];
    }),
  );
}
