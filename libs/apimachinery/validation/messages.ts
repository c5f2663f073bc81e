// The detail sentences apimachinery's validation helpers share, worded as kube-apiserver words them.

export const maxLenError = (length: number): string => `must be no more than ${length} characters`;

export const emptyError = (): string => 'must be non-empty';

export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/** A regex failure with examples; Go's helper leaves two spaces before each " or ", and so do we. */
export const regexError = (msg: string, regex: string, ...examples: string[]): string => {
  if (examples.length === 0) return `${msg} (regex used for validation is '${regex}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${regex}')`;
};

export const immutableFieldMessage = 'field is immutable';

export const negativeMessage = 'must be greater than or equal to 0';
