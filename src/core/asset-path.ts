/** Paths of files shipped next to the code, from sources, the build and a bundle alike. */
import { fileURLToPath } from 'node:url';

/**
 * The path of `url` (`new URL('./file', import.meta.url)`). A bundler such as ncc copies the
 * file next to the bundle and replaces the URL expression by that path as a string: both work.
 */
export function assetPath(url: URL | string): string {
  return typeof url === 'string' && !url.startsWith('file:') ? url : fileURLToPath(url);
}
