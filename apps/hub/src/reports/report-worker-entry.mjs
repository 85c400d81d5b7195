// A worker thread starts as plain Node: register tsx's loader in it, then load the TypeScript
// worker (report-worker.ts). The hub itself runs under tsx, so this adds no dependency.
import { register } from 'tsx/esm/api';

register();
await import('./report-worker.ts');
