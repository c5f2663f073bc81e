import { parseDeleteOptions } from './delete-options';

describe('parseDeleteOptions', () => {
  it.each([
    ['nothing', undefined, {}, { propagationPolicy: undefined, orphanDependents: undefined }],
    [
      'the body',
      { propagationPolicy: 'Foreground' },
      {},
      { propagationPolicy: 'Foreground', orphanDependents: undefined },
    ],
    [
      'the query over the body',
      { propagationPolicy: 'Foreground' },
      { propagationPolicy: 'Orphan' },
      { propagationPolicy: 'Orphan' },
    ],
    ['orphanDependents from the query', {}, { orphanDependents: 'false' }, { orphanDependents: false }],
    [
      'nulls as unset',
      { propagationPolicy: null, orphanDependents: null },
      {},
      { propagationPolicy: undefined, orphanDependents: undefined },
    ],
    // Checked by the registry against each other, as kube's handler does, not here.
    [
      'both, kept as sent',
      { orphanDependents: true },
      { propagationPolicy: 'Later' },
      { propagationPolicy: 'Later', orphanDependents: true },
    ],
  ])('reads %s', (_, body, query, expected) => {
    expect(parseDeleteOptions(body, query)).toMatchObject(expected);
  });

  // A string "false" must not read as a true orphanDependents, nor an object pass as a policy.
  it.each([
    ['a string orphanDependents', { orphanDependents: 'false' }],
    ['an object propagationPolicy', { propagationPolicy: { Orphan: true } }],
  ])('refuses %s with a 400', (_, body) => {
    expect(() => parseDeleteOptions(body, {})).toThrow(expect.objectContaining({ code: 400 }));
  });
});
