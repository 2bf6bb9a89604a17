export * from './errors';
export * from './events';
export * from './names';
export * from './procedures';
