// Kubernetes warnings travel as `Warning: 299 - "<text>"` response headers, deduplicated and
// truncated as kube-apiserver's warning recorder does, so that a body of 100,000 unknown fields
// (fieldValidation=Warn) cannot make a response header of megabytes.
import { ServerResponse } from 'node:http';

// As kube-apiserver's truncateAtTotalRunes and truncateItemRunes.
const maxTotalRunes = 4 * 1024;
const maxItemRunes = 256;

const runes = (text: string): string[] => [...text];

// As kube-apiserver's NewWarningHeader, which refuses text that is not UTF-8 or holds control characters.
const sendable = (text: string): boolean =>
  text.length > 0 && !/\p{Cc}|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u.test(text);

const truncated = (text: string): string => {
  const chars = runes(text);
  return chars.length > maxItemRunes ? chars.slice(0, maxItemRunes).join('') : text;
};

/**
 * The warnings to send: none that a header cannot carry; each once; all of them while they fit in maxTotalRunes, else every one cut
 * to maxItemRunes, and none more once the cut ones fill maxTotalRunes.
 */
export const warningTexts = (warnings: readonly string[]): string[] => {
  const unique = [...new Set(warnings.filter(sendable))];
  let total = 0;
  const whole: string[] = [];
  for (const text of unique) {
    total += runes(text).length;
    if (total > maxTotalRunes) break;
    whole.push(text);
  }
  if (whole.length === unique.length) return whole;
  const cut: string[] = [];
  total = 0;
  for (const text of unique) {
    if (total >= maxTotalRunes && cut.length > whole.length) break;
    const item = truncated(text);
    total += runes(item).length;
    cut.push(item);
  }
  return cut;
};

// Node takes header values as Latin-1 text: the UTF-8 bytes go out as kube-apiserver sends them.
const headerBytes = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

export const setWarnings = (res: ServerResponse, warnings: string[]): void => {
  const texts = warningTexts(warnings);
  if (texts.length === 0) return;
  res.setHeader(
    'Warning',
    texts.map((w) => headerBytes(`299 - ${JSON.stringify(w)}`)),
  );
};
