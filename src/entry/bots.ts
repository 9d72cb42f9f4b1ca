import { run } from './run.js';

await run({ api: false, workers: false, bots: true });
