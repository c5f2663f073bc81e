// Times as the Kubernetes API writes them: RFC 3339 to the second, as metav1.Time serializes.

export const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
