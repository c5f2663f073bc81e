// Warning headers deduplicated and truncated as kube-apiserver's warning recorder does.
import { warningTexts } from './warnings';

describe('warningTexts', () => {
  it('sends each warning once, whole while they fit in 4 KiB', () => {
    expect(warningTexts(['a', 'b', 'a', '', 'c'])).toEqual(['a', 'b', 'c']);
    const fitting = ['x'.repeat(2000), 'y'.repeat(2000), 'z'.repeat(96)];
    expect(warningTexts(fitting)).toEqual(fitting);
  });

  it('cuts every warning to 256 characters once they do not fit, and drops those past 4 KiB then', () => {
    const long = (c: string) => c.repeat(1000);
    const texts = warningTexts([
      long('a'),
      long('b'),
      long('c'),
      long('d'),
      long('e'),
      ...'fghijklmnopqrstuvwxyz'.split('').map(long),
    ]);
    expect(texts.slice(0, 5)).toEqual(['a', 'b', 'c', 'd', 'e'].map((c) => c.repeat(256)));
    expect(texts).toHaveLength(16);
  });

  it('bounds the headers of 100,000 unknown fields', () => {
    const warnings = Array.from({ length: 100_000 }, (_, i) => `unknown field "data.k${i}"`);
    expect(warningTexts(warnings).join('').length).toBeLessThanOrEqual(4 * 1024 + 256);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(warningTexts(['😀'.repeat(300), 'x'.repeat(4000)])[0]).toBe('😀'.repeat(256));
  });

  it('drops warnings a header cannot carry, as kube-apiserver does', () => {
    expect(warningTexts(['a\nb', 'c\u0000', '\ud800', 'é😀', 'ok'])).toEqual(['é😀', 'ok']);
  });
});
