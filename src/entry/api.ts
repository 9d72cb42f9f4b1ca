import { run } from './run.js';

await run({ api: true, workers: false, bots: false });
