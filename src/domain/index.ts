export * from './ids.ts';
export * from './money.ts';
export * from './time.ts';
export * from './record.ts';
export * from './types/common.ts';
export * from './types/common-types.ts';
