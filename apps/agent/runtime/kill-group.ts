// Signals a container's whole process group (it leads one: spawned detached); a group already
// gone is not an error.

export const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has exited
  }
};
