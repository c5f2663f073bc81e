// Reads a V8 .cpuprofile (as `node --cpu-prof` writes it) for one window of time: the share of the
// sampled CPU spent under given source folders (a sample counts for a folder when any frame of its
// stack is from there) and the functions with the most self time.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the monotonic clock process.hrtime reads. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface WindowShares {
  /** Samples in the window that were not idle. */
  busySamples: number;
  /** Folder → share of the busy samples whose stack passes through it. */
  shares: Record<string, number>;
  /** The functions with the most self time, as share of the busy samples. */
  topSelf: { fn: string; share: number }[];
}

const NOT_BUSY = new Set(['(idle)', '(root)']);

/** `folders` are path fragments such as '/libs/scheduler/'; the window is in µs of process.hrtime. */
export const profileWindowShares = (
  file: string,
  fromUs: number,
  toUs: number,
  folders: string[],
  topCount = 15,
): WindowShares => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const foldersOf = new Map<number, string[]>();
  const stackFolders = (id: number): string[] => {
    const known = foldersOf.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const up = parent.has(id) ? stackFolders(parent.get(id)!) : [];
    const own = folders.filter((f) => node.callFrame.url.includes(f) && !up.includes(f));
    const all = own.length ? [...up, ...own] : up;
    foldersOf.set(id, all);
    return all;
  };
  const counts = new Map<string, number>(folders.map((f) => [f, 0]));
  const self = new Map<string, number>();
  let busy = 0;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    if (t < fromUs || t > toUs) return;
    const frame = byId.get(id)!.callFrame;
    if (NOT_BUSY.has(frame.functionName)) return;
    busy++;
    for (const f of stackFolders(id)) counts.set(f, counts.get(f)! + 1);
    const where = frame.url ? ` ${frame.url.replace(/^.*\/dist\//, '')}:${frame.lineNumber + 1}` : '';
    const fn = `${frame.functionName || '(anonymous)'}${where}`;
    self.set(fn, (self.get(fn) ?? 0) + 1);
  });
  const share = (n: number) => (busy ? n / busy : 0);
  return {
    busySamples: busy,
    shares: Object.fromEntries([...counts].map(([f, n]) => [f, share(n)])),
    topSelf: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, topCount)
      .map(([fn, n]) => ({ fn, share: share(n) })),
  };
};
