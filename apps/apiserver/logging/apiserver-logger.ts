// The apiserver's log: Nest's ConsoleLogger at the configured level, coloured only on a terminal
// and never with NO_COLOR, with the framework's start-up detail (modules, routes) at debug level.
import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { LogLevelName } from '../config';

const NEST_LEVELS: Record<LogLevelName, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Loggers whose routine messages are start-up detail: Nest's module and route mapping, and the
 * watch caches' "loaded N objects" (one per resource). Their warnings and errors stay as they are. */
const DETAIL_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'WatchCache',
]);

/** As the NO_COLOR convention says: present and not empty turns colour off. */
export const useColour = (isTty: boolean | undefined, env: NodeJS.ProcessEnv): boolean =>
  Boolean(isTty) && !env.NO_COLOR;

export class ApiserverLogger extends ConsoleLogger {
  constructor(level: LogLevelName, colors: boolean) {
    super({ prefix: 'kubenest', logLevels: NEST_LEVELS[level], colors });
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    // Nest's Logger passes the context last.
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && DETAIL_CONTEXTS.has(context.split(' ')[0]))
      super.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}
