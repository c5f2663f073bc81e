// Quotes a string as a PostgreSQL literal, for the few statements sent with the simple query
// protocol (several statements in one round trip, which cannot carry parameters).
import { randomBytes } from 'node:crypto';

/** Whether the tag closes the literal exactly at the end of text, and nowhere before. */
const closesOnlyAtEnd = (text: string, tag: string): boolean => (text + tag).indexOf(tag) === text.length;

/**
 * A dollar-quoted literal ($kn_<random>$...$kn_<random>$): its body is taken verbatim, so a batch
 * of objects travels without an escaping pass over every byte. The tag is random, so no value can
 * be written to end the literal early; the check costs one scan, repeated only in the unlikely
 * case that the text holds the tag anyway.
 */
export function sqlStringLiteral(text: string): string {
  for (;;) {
    const tag = `$kn_${randomBytes(8).toString('hex')}$`;
    if (closesOnlyAtEnd(text, tag)) return `${tag}${text}${tag}`;
  }
}
