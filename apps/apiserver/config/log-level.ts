// The levels KUBENEST_LOG_LEVEL accepts, quietest first: info (the default) prints a short
// start-up summary and what happens after; debug adds the framework's start-up detail.
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

export type LogLevelName = (typeof LOG_LEVELS)[number];
