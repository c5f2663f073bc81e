// Hands a child process's output on line by line, each line with the stream it came from.
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type OutputListener = (line: string, stream: 'stdout' | 'stderr') => void;

export const forwardOutput = (child: ChildProcess, output: OutputListener): void => {
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    if (source) createInterface({ input: source }).on('line', (line) => output(line, stream));
  }
};
