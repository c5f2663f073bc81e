// The two domains with the fewest matching pods, kept as kube's criticalPaths so the global
// minimum survives what-if updates without a rescan: the first always holds the minimum; the
// second is at least as large (not necessarily the second smallest).
interface Path {
  value: string;
  count: number;
}

const UNSET = 2 ** 31 - 1;

export class CriticalPaths {
  private readonly paths: [Path, Path] = [
    { value: '', count: UNSET },
    { value: '', count: UNSET },
  ];

  get min(): number {
    return this.paths[0].count;
  }

  update(value: string, count: number): void {
    const [first, second] = this.paths;
    const known = value === first.value ? first : value === second.value ? second : undefined;
    if (known) {
      known.count = count;
      if (first.count > second.count) this.paths.reverse();
    } else if (count < first.count) {
      this.paths[1] = first;
      this.paths[0] = { value, count };
    } else if (count < second.count) {
      this.paths[1] = { value, count };
    }
  }

  clone(): CriticalPaths {
    const copy = new CriticalPaths();
    copy.paths[0] = { ...this.paths[0] };
    copy.paths[1] = { ...this.paths[1] };
    return copy;
  }
}
