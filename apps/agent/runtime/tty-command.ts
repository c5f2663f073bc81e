// How a host-process exec gets a terminal: util-linux `script` runs the command on a new
// pseudo-terminal, sized first to the client's terminal with stty.
import { isDimension, TerminalSize } from '@kubenest/node-protocol';
import { shellQuote } from './launch-plan';

// Only checked dimensions are ever written into the shell text.
const sizeCommand = (size: TerminalSize | undefined): string =>
  size && isDimension(size.width) && isDimension(size.height)
    ? `stty cols ${String(size.width)} rows ${String(size.height)} 2>/dev/null; `
    : '';

/** The `script` invocation that runs a command on a pty sized to the client's terminal. */
export const ttyCommand = (command: string[], size: TerminalSize | undefined): string[] => [
  'script',
  '--quiet',
  '--flush',
  '--return',
  '--command',
  `${sizeCommand(size)}exec ${command.map(shellQuote).join(' ')}`,
  '/dev/null',
];
