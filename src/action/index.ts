/** The Action's entry point (dist/index.js, main and post step alike): it only calls `run()`. */
import { run } from './main.js';

await run();
