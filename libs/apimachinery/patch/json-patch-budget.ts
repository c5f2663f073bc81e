// What a JSON patch has done so far, against the limits of patch-limits.ts: the object's JSON size
// kept up to date operation by operation (never by serializing the whole object again, which would
// itself make a long patch quadratic), the bytes copied, the array elements shifted.
import {
  copyLimitExceeded,
  maxJsonPatchCopyBytes,
  maxJsonPatchShiftedElements,
  maxPatchedObjectBytes,
  patchedObjectTooLarge,
  tooManyShiftedElements,
} from './patch-limits';

/** The JSON size of a value; what a member or an element adds around it is memberBytes/elementBytes. */
export const jsonBytes = (value: unknown): number => JSON.stringify(value)?.length ?? 0;

/** `"key":` and a comma. */
export const memberBytes = (key: string): number => JSON.stringify(key).length + 2;

/** A comma. */
export const elementBytes = 1;

export class JsonPatchBudget {
  private copied = 0;
  private shifted = 0;

  constructor(private bytes: number) {}

  /** The object grows (or shrinks) by `delta` bytes of JSON. */
  grow(delta: number): void {
    this.bytes += delta;
    if (delta > 0 && this.bytes > maxPatchedObjectBytes) throw patchedObjectTooLarge();
  }

  /** A `copy` operation copies `bytes` of JSON. */
  copy(bytes: number): void {
    this.copied += bytes;
    if (this.copied > maxJsonPatchCopyBytes) throw copyLimitExceeded(this.copied);
  }

  /** An insertion or removal moves `elements` array elements. */
  shift(elements: number): void {
    this.shifted += elements;
    if (this.shifted > maxJsonPatchShiftedElements) throw tooManyShiftedElements();
  }
}
