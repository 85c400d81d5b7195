export * from './socket.ts';
export * from './mirror.ts';
