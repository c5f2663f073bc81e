// Quotes a string as a PostgreSQL literal, for the few statements sent with the simple query
// protocol (several statements in one round trip, which cannot carry parameters).
import { randomBytes } from 'node:crypto';

/** Whether the tag closes the literal exactly at the end of text, and nowhere before. */
const closesOnlyAtEnd = (text: string, tag: string): boolean => (text + tag).indexOf(tag) === text.length;

/**
 * A dollar-quoted literal ($kn_<random>$...$kn_<random>$): its body is taken verbatim, so a batch
 * of objects travels without an escaping pass over every byte. The tag is random, so no value can
 * be written to end the literal early; the check costs one scan per text, repeated only in the
 * unlikely case that a text holds the tag anyway.
 */
export function sqlStringLiteral(text: string): string {
  return sqlTextArray([text]).literals[0];
}

/**
 * The texts as dollar-quoted literals sharing one random tag (absent ones as NULL), and the
 * text[] they make: write batches send their values this way, beside the JSON that describes
 * the ops, so no value is escaped inside JSON and parsed out of it again.
 */
export function sqlTextArray(texts: (string | undefined)[]): { literals: string[]; array: string } {
  for (;;) {
    const tag = `$kn_${randomBytes(8).toString('hex')}$`;
    if (!texts.every((text) => text === undefined || closesOnlyAtEnd(text, tag))) continue;
    const literals = texts.map((text) => (text === undefined ? 'NULL' : `${tag}${text}${tag}`));
    return { literals, array: `ARRAY[${literals.join(',')}]::text[]` };
  }
}
