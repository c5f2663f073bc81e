import { EventEmitter } from 'node:events';
import { REPEATED_AFTER_MS, StopSignal, stopOnSignals } from './stop-signals';

const setUp = () => {
  const signals = new EventEmitter();
  let now = 0;
  const stops: StopSignal[] = [];
  const exits: number[] = [];
  stopOnSignals((signal) => stops.push(signal), {
    onSignal: (signal, listener) => void signals.on(signal, listener),
    exit: (code) => exits.push(code),
    now: () => now,
    warn: () => undefined,
  });
  return {
    send: (signal: StopSignal, at: number) => {
      now = at;
      signals.emit(signal);
    },
    stops,
    exits,
  };
};

describe('stopOnSignals', () => {
  it.each([
    { name: 'one signal stops in order', sent: [['SIGINT', 0]], stops: ['SIGINT'], exits: [] },
    { name: 'SIGTERM and SIGHUP stop too', sent: [['SIGHUP', 0]], stops: ['SIGHUP'], exits: [] },
    {
      name: "npm's copy of a Ctrl-C is the same signal",
      sent: [
        ['SIGINT', 0],
        ['SIGINT', 5],
      ],
      stops: ['SIGINT'],
      exits: [],
    },
    {
      name: 'a second Ctrl-C later exits at once',
      sent: [
        ['SIGINT', 0],
        ['SIGINT', REPEATED_AFTER_MS],
      ],
      stops: ['SIGINT'],
      exits: [1],
    },
    {
      name: 'any later stop signal exits at once',
      sent: [
        ['SIGTERM', 0],
        ['SIGINT', 3 * REPEATED_AFTER_MS],
      ],
      stops: ['SIGTERM'],
      exits: [1],
    },
  ] as { name: string; sent: [StopSignal, number][]; stops: StopSignal[]; exits: number[] }[])(
    '$name',
    ({ sent, stops, exits }) => {
      const run = setUp();
      for (const [signal, at] of sent) run.send(signal, at);
      expect({ stops: run.stops, exits: run.exits }).toEqual({ stops, exits });
    },
  );
});
