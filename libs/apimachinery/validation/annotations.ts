// Annotation keys (qualified names, any case) and their 256 KiB total size.
import { FieldError, invalid, tooLong } from '../field-error';
import { isQualifiedName } from './qualified-name';

export const totalAnnotationSizeLimitBytes = 256 * 1024;

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

export const annotationsSize = (annotations: Record<string, string>): number =>
  Object.entries(annotations).reduce((sum, [k, v]) => sum + byteLength(k) + byteLength(v ?? ''), 0);

export const validateAnnotations = (
  annotations: Record<string, string> | null | undefined,
  path: string,
): FieldError[] => {
  if (!annotations) return [];
  const errs = Object.keys(annotations).flatMap((key) =>
    isQualifiedName(key.toLowerCase()).map((msg) => invalid(path, key, msg)),
  );
  if (annotationsSize(annotations) > totalAnnotationSizeLimitBytes)
    errs.push(tooLong(path, totalAnnotationSizeLimitBytes));
  return errs;
};
