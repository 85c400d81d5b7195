export * from './errors.ts';
export * from './roles.ts';
export * from './messages.ts';
