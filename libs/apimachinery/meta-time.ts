// Times as metav1.Time serializes them: RFC 3339 in UTC, to the whole second.

export const metaTime = (at: Date | number = new Date()): string =>
  `${(at instanceof Date ? at : new Date(at)).toISOString().slice(0, 19)}Z`;
