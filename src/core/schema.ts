/**
 * zod's tree-shakable API (`zod/mini`) with zod's English messages, for the schemas the Lambdas
 * bundle: the classic `zod` API does not tree-shake and was about 460 KiB of every Lambda, where
 * what these schemas use of `zod/mini` is about 25 KiB. Import it as a namespace
 * (`import * as z from '../schema.js'`) so the bundler keeps only what is used.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
