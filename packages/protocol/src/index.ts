export * from './errors.ts';
export * from './roles.ts';
export * from './messages.ts';
export * from './admin.ts';
export * from './reports.ts';
export * from './config-issues.ts';
export * from './supervise.ts';
export * from './province.ts';
