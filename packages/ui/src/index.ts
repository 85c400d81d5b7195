export * from './format.ts';
export * from './use-now.ts';
export { ConnectionBanner } from './ConnectionBanner.tsx';
