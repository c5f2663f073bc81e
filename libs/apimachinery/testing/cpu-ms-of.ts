// Test support: the CPU milliseconds a call takes, for tests that bound the work of a hostile input.

/** The CPU time `fn` used (this process, user and system). */
export const cpuMsOf = (fn: () => unknown): number => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
