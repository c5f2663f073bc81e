// JSON pointers (RFC 6901) as JSON patch paths use them, and array indexes read as evanphx/json-patch
// reads them (kube-apiserver's JSON patch library).

/** The pointer's reference tokens, unescaped; [] for the whole document (""), undefined if it does not start with `/`. */
export const pointerTokens = (pointer: string): string[] | undefined => {
  if (pointer === '') return [];
  if (pointer[0] !== '/') return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => (token.includes('~') ? token.replace(/~[01]/g, (s) => (s === '~1' ? '/' : '~')) : token));
};

/**
 * The position a token names in an array of `length` elements, or undefined: a decimal integer as Go's
 * strconv.Atoi reads it, negative ones counting from the end (evanphx's SupportNegativeIndices, on in kube).
 */
export const arrayIndex = (token: string, length: number): number | undefined => {
  if (!/^[+-]?\d+$/.test(token)) return undefined;
  const index = Number(token) < 0 ? Number(token) + length : Number(token);
  return index >= 0 && index < length ? index : undefined;
};
