export * from './erlang.ts';
export * from './random.ts';
export * from './simulate.ts';
export * from './plan-cell.ts';
