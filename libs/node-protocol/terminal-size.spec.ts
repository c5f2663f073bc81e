// The resize documents of exec sessions, read the same way on both ends of the tunnel.
import { terminalSize, terminalSizeDocument } from './terminal-size';

describe('terminalSize', () => {
  it.each([
    { doc: '{"Width":80,"Height":24}', want: { width: 80, height: 24 } },
    { doc: '{"Width":0,"Height":65535}', want: { width: 0, height: 65535 } },
    { doc: 'null', want: undefined },
    { doc: '{"Width":80', want: undefined },
    { doc: '{"Width":"80","Height":24}', want: undefined },
    { doc: '{"Width":80.5,"Height":24}', want: undefined },
    { doc: '{"Width":-1,"Height":24}', want: undefined },
    { doc: '{"Width":80,"Height":65536}', want: undefined },
    { doc: '{"Height":24}', want: undefined },
  ])('reads $doc as $want', ({ doc, want }) => {
    expect(terminalSize(Buffer.from(doc))).toEqual(want);
  });
});

describe('terminalSizeDocument', () => {
  it('keeps only Width and Height', () => {
    expect(terminalSizeDocument(Buffer.from('{"Width":80,"Height":24,"Extra":"x"}'))?.toString()).toBe(
      '{"Width":80,"Height":24}',
    );
  });

  it('drops anything that is not a terminal size', () => {
    expect(terminalSizeDocument(Buffer.from('{"Width":"80"}'))).toBeUndefined();
  });
});
