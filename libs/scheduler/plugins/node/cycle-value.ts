// A value a plugin works out once per cycle (in pre-filter or pre-score) and reads back in its
// later hooks. The node plugins never change such a value after writing it, so a copy of the
// cycle state (preemption's what-ifs) may share it.
import type { StateData } from '../../framework';

export class CycleValue<T> implements StateData {
  constructor(readonly value: T) {}

  clone(): StateData {
    return this;
  }
}
