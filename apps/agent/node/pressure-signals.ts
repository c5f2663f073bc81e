// The host's pressure signals behind the node conditions, with kubelet's default hard eviction
// thresholds: memory.available < 100Mi, nodefs.available < 10% (of the agent's data directory).
import { statfs } from 'node:fs/promises';
import { freemem } from 'node:os';
import { PressureSignals } from './node-conditions';

const MEMORY_AVAILABLE_MIN_BYTES = 100 * 1024 * 1024;
const NODEFS_AVAILABLE_MIN_FRACTION = 0.1;

export const pressureFrom = (m: { freeMemoryBytes: number; diskAvailableFraction: number }): PressureSignals => ({
  memory: m.freeMemoryBytes < MEMORY_AVAILABLE_MIN_BYTES,
  disk: m.diskAvailableFraction < NODEFS_AVAILABLE_MIN_FRACTION,
  // kubelet's pid.available signal is not measured yet.
  pid: false,
});

export async function readHostPressure(dataDir: string): Promise<PressureSignals> {
  const fs = await statfs(dataDir);
  return pressureFrom({ freeMemoryBytes: freemem(), diskAvailableFraction: fs.blocks ? fs.bavail / fs.blocks : 1 });
}
