import { run } from './run.js';

await run({ api: false, workers: true, bots: false });
