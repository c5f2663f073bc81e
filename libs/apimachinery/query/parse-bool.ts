// Boolean query parameters: Go's strconv.ParseBool, and the looser rule kube-apiserver's parameter codec applies.

const trueWords = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const falseWords = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** strconv.ParseBool: the Python client sends `watch=True`; anything unlisted is an error. */
export const parseBool = (s: string): boolean => {
  if (trueWords.has(s)) return true;
  if (falseWords.has(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`);
};

/**
 * A boolean list/watch/write option as kube-apiserver decodes it (runtime.Convert_Slice_string_To_bool):
 * `0` and any casing of `false` are false, every other value present is true, absent is false.
 */
export const queryBool = (value: string | undefined): boolean =>
  value !== undefined && value !== '0' && value.toLowerCase() !== 'false';
