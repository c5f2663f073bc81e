// How deep a request body may nest. kube-apiserver's JSON decoder stops at 10,000 levels; ours
// stops at 1,000, because the code downstream (patches, copies, serialization) recurses and must
// not run out of stack, and the YAML parser's memory grows steeply with nested flow collections.
// No Kubernetes object comes near either limit.
import { Lexer } from 'yaml';

export const MAX_BODY_DEPTH = 1000;

/**
 * Whether YAML text opens more than MAX_BODY_DEPTH flow collections ([ or {) at once; checked
 * before parsing, with the YAML lexer, so brackets inside quoted or block scalars do not count.
 */
export const flowNestsTooDeep = (text: string): boolean => {
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_BODY_DEPTH) return true;
    } else if (token === ']' || token === '}') {
      depth--;
    }
  }
  return false;
};

/** Whether JSON text opens more than MAX_BODY_DEPTH arrays or objects at once; one pass, nothing allocated. */
export const jsonNestsTooDeep = (text: string): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_BODY_DEPTH) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
};

/** Whether a decoded value nests deeper than MAX_BODY_DEPTH, walked without recursion. */
export const nestsTooDeep = (value: unknown): boolean => {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (depth > MAX_BODY_DEPTH) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node as object)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
};
