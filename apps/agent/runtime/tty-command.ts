// How a host-process exec gets a terminal: util-linux `script` runs the command on a new
// pseudo-terminal, sized first to the client's terminal with stty.
import { shellQuote } from './launch-plan';

export interface TerminalSize {
  width: number;
  height: number;
}

/** A terminal dimension as stty takes it; anything else is never written into the shell text. */
export const isDimension = (n: unknown): n is number =>
  Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 65_535;

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
