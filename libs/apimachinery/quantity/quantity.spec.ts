// Quantity parsing, canonical strings and numeric values, against resource.Quantity's known answers.
import {
  QuantityError,
  addQuantities,
  canonicalQuantity,
  isQuantity,
  parseQuantity,
  quantityAsNumber,
  quantityMilliValue,
  quantityValue,
} from './quantity';

describe('quantity', () => {
  it.each([
    { s: '0', canonical: '0', value: 0, milli: 0 },
    { s: '100m', canonical: '100m', value: 1, milli: 100 },
    { s: '0.1', canonical: '100m', value: 1, milli: 100 },
    { s: '1.5', canonical: '1500m', value: 2, milli: 1500 },
    { s: '2', canonical: '2', value: 2, milli: 2000 },
    { s: '1000m', canonical: '1', value: 1, milli: 1000 },
    { s: '1k', canonical: '1k', value: 1000, milli: 1000000 },
    { s: '1000', canonical: '1k', value: 1000, milli: 1000000 },
    { s: '1500', canonical: '1500', value: 1500, milli: 1500000 },
    { s: '2e3', canonical: '2e3', value: 2000, milli: 2000000 },
    { s: '12e2', canonical: '1200', value: 1200, milli: 1200000 },
    { s: '1E3', canonical: '1e3', value: 1000, milli: 1000000 },
    { s: '1E', canonical: '1E', value: 1e18, milli: 1e21 },
    { s: '128974848', canonical: '128974848', value: 128974848, milli: 128974848000 },
    { s: '129e6', canonical: '129e6', value: 129000000, milli: 129000000000 },
    { s: '123Mi', canonical: '123Mi', value: 128974848, milli: 128974848000 },
    { s: '1.5Gi', canonical: '1536Mi', value: 1610612736, milli: 1610612736000 },
    { s: '1024Mi', canonical: '1Gi', value: 1073741824, milli: 1073741824000 },
    { s: '1Ki', canonical: '1Ki', value: 1024, milli: 1024000 },
    { s: '1000Ki', canonical: '1000Ki', value: 1024000, milli: 1024000000 },
    { s: '0.5Ki', canonical: '512', value: 512, milli: 512000 },
    { s: '0.1Ki', canonical: '102400m', value: 103, milli: 102400 },
    { s: '1n', canonical: '1n', value: 1, milli: 1 },
    { s: '0.1n', canonical: '1n', value: 1, milli: 1 },
    { s: '1u', canonical: '1u', value: 1, milli: 1 },
    { s: '-1', canonical: '-1', value: -1, milli: -1000 },
    { s: '-100m', canonical: '-100m', value: -1, milli: -100 },
    { s: '+5', canonical: '5', value: 5, milli: 5000 },
    { s: '007', canonical: '7', value: 7, milli: 7000 },
    { s: '.5', canonical: '500m', value: 1, milli: 500 },
    { s: ' 1Gi ', canonical: '1Gi', value: 1073741824, milli: 1073741824000 },
  ])('$s → $canonical', ({ s, canonical, value, milli }) => {
    const q = parseQuantity(s);
    expect(canonicalQuantity(s)).toBe(canonical);
    expect(quantityValue(q)).toBe(value);
    expect(quantityMilliValue(q)).toBe(milli);
  });

  it('answers cores as a number', () => {
    expect(quantityAsNumber(parseQuantity('250m'))).toBe(0.25);
    expect(quantityAsNumber(parseQuantity('1.5Gi'))).toBe(1610612736);
  });

  it('accepts JSON numbers', () => expect(canonicalQuantity(0.5)).toBe('500m'));

  it.each([
    { s: '', msg: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    { s: 'abc', msg: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    { s: '1.2.3', msg: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    { s: '1 Gi', msg: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    { s: '1Gb', msg: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    { s: '1KiB', msg: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    { s: '1K', msg: "unable to parse quantity's suffix" },
    { s: '1e', msg: "unable to parse quantity's suffix" },
    { s: '1mi', msg: "unable to parse quantity's suffix" },
  ])('refuses $s', ({ s, msg }) => {
    expect(() => parseQuantity(s)).toThrow(QuantityError);
    expect(() => parseQuantity(s)).toThrow(msg);
    expect(isQuantity(s)).toBe(false);
  });

  it('adds', () => {
    const sum = addQuantities(parseQuantity('100m'), parseQuantity('1.9'));
    expect(canonicalQuantity('2')).toBe('2');
    expect(quantityMilliValue(sum)).toBe(2000);
  });
});
