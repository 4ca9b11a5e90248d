// Worker thread entry in plain JavaScript: registers tsx in this thread (hooks are
// per thread), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
