// The literal quoting that lets write batches travel inside one simple-protocol query: the body
// is the text verbatim, and the closing tag occurs nowhere before the end.
import { sqlStringLiteral } from './sql-literal';

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
});
