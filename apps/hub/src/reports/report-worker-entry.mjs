// Used only when the hub runs from TypeScript source (tests, tsx): a worker thread starts as
// plain Node, so register tsx's loader in it, then load report-worker.ts. The built hub starts
// dist/report-worker.js instead (see report-runner.ts), so tsx stays a development tool.
import { register } from 'tsx/esm/api';

register();
await import('./report-worker.ts');
