// The literal quoting that lets write batches travel inside one simple-protocol query: the body
// is the text verbatim, and the closing tag occurs nowhere before the end.
import { sqlStringLiteral, sqlTextArray } from './sql-literal';

const parts = (literal: string) => {
  const tag = /^\$[A-Za-z_][A-Za-z0-9_]*\$/.exec(literal)![0];
  return { tag, body: literal.slice(tag.length, literal.length - tag.length), closing: literal.slice(-tag.length) };
};

describe('sqlStringLiteral', () => {
  it.each([
    { name: 'plain text', text: 'abc' },
    { name: 'empty', text: '' },
    { name: 'a quote', text: "it's" },
    { name: 'a backslash', text: 'a\\b' },
    { name: 'JSON escapes', text: '{"v":"\\"q\\"\\n"}' },
    { name: 'non-ASCII', text: 'ünï €' },
    { name: 'dollar quotes', text: '$$; $x$ $kn_$ $kubenest$' },
    { name: 'a dollar at the end', text: 'abc$' },
    { name: 'a tag prefix at the end', text: 'abc$kn_' },
  ])('keeps $name verbatim between two equal tags', ({ text }) => {
    const { tag, body, closing } = parts(sqlStringLiteral(text));
    expect(body).toBe(text);
    expect(closing).toBe(tag);
    expect((body + closing).indexOf(tag)).toBe(body.length);
  });

  it('picks a tag no one can guess, so no value can close the literal early', () => {
    expect(parts(sqlStringLiteral('x')).tag).not.toBe(parts(sqlStringLiteral('x')).tag);
  });

  it('quotes an array of texts with one tag that closes none of them early, and absent ones as NULL', () => {
    const texts = ['a', undefined, 'b$kn_', "it's"];
    const { literals, array } = sqlTextArray(texts);
    expect(literals[1]).toBe('NULL');
    const tag = parts(literals[0]).tag;
    for (const i of [0, 2, 3]) {
      expect(parts(literals[i])).toEqual({ tag, body: texts[i], closing: tag });
    }
    expect(array).toBe(`ARRAY[${literals.join(',')}]::text[]`);
  });
});
