import { run } from './entry/run.js';

await run({ api: true, workers: true, bots: true });
