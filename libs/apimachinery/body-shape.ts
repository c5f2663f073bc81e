// How deep a request body nests and how many objects and arrays it holds, checked before anything
// recursive or costly sees it. kube-apiserver's JSON decoder stops at 10,000 levels; ours stops at
// 1,000, because the code downstream (patches, copies, serialization) recurses and must not run out
// of stack. kube-apiserver has no limit on the number of objects and arrays; this server decodes,
// validates and serializes on one thread, and a 3 MiB body of a million empty objects held it for
// seconds (JSON.parse alone 200 ms, a nested variant 470 ms; at 100,000 it is 5 to 15 ms). No
// Kubernetes object comes near either limit: a large CRD holds some 20,000.
import { StatusError } from './status-error';

export const MAX_BODY_DEPTH = 1000;
export const MAX_BODY_COLLECTIONS = 100_000;

export interface BodyShape {
  /** The deepest nesting of objects and arrays. */
  depth: number;
  /** Objects and arrays, counted no further than one past MAX_BODY_COLLECTIONS. */
  collections: number;
}

export const tooDeep = (): StatusError =>
  StatusError.badRequest(`the request body nests deeper than ${MAX_BODY_DEPTH} levels`);

export const tooManyCollections = (): StatusError =>
  StatusError.tooLarge(`the request body holds more than ${MAX_BODY_COLLECTIONS} objects and arrays`);

/** Refuses a body past either limit. */
export const checkBodyShape = (shape: BodyShape): void => {
  if (shape.depth > MAX_BODY_DEPTH) throw tooDeep();
  if (shape.collections > MAX_BODY_COLLECTIONS) throw tooManyCollections();
};

/** The shape of JSON text, in one pass that allocates nothing; it stops at the first limit passed. */
export const jsonTextShape = (text: string): BodyShape => {
  let depth = 0;
  let deepest = 0;
  let collections = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      collections++;
      if (++depth > deepest) deepest = depth;
      if (deepest > MAX_BODY_DEPTH || collections > MAX_BODY_COLLECTIONS) break;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return { depth: deepest, collections };
};
