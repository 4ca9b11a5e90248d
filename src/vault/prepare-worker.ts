import { parentPort } from 'node:worker_threads';
import { prepareBatch, type PrepareRequest } from './prepare-batch.ts';

/** Worker thread entry: prepares batches of raw records for the import pipeline. */
parentPort!.on('message', (req: PrepareRequest) => {
  parentPort!.postMessage(prepareBatch(req));
});
