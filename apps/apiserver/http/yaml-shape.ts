// A look at YAML text before any parsing, in one pass over its characters: how deep its collections
// nest, in every form (block sequences and maps by indentation, compact `- - -` and `? ?` on one line,
// flow `[` and `{`), and how many anchors and aliases it holds. The `yaml` parser's time and stack grow
// with both (3 MB of `- - - ... x` held the event loop for 9 s), so bodies past the limits are refused
// from this count alone. It is an estimate that errs on the high side: continuation lines of a
// multi-line plain scalar may count as structure, and the parser refuses those documents anyway.

export interface YamlShape {
  /** The deepest nesting of collections, block and flow together. */
  depth: number;
  /** Anchors (`&a`) and aliases (`*a`). */
  references: number;
}

/** Where to stop counting: past either limit the scan ends at once, the text being refused anyway. */
export type YamlShapeLimits = YamlShape;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const HASH = 0x23;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const DASH = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const QUESTION = 0x3f;
const PERCENT = 0x25;
const AMPERSAND = 0x26;
const STAR = 0x2a;
const BANG = 0x21;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const PIPE = 0x7c;
const GREATER = 0x3e;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;
const END = -1;

const isBlank = (c: number): boolean => c === SPACE || c === TAB || c === CR || c === LF || c === END;
const isFlowIndicator = (c: number): boolean =>
  c === COMMA || c === OPEN_SQUARE || c === CLOSE_SQUARE || c === OPEN_CURLY || c === CLOSE_CURLY;

/** An open block collection: the column of its entries, and whether it is a sequence. */
interface BlockCollection {
  column: number;
  sequence: boolean;
}

class YamlScanner {
  private pos = 0;
  private lineStart = 0;
  private flow = 0;
  private readonly block: BlockCollection[] = [];
  private readonly shape: YamlShape = { depth: 0, references: 0 };

  constructor(
    private readonly text: string,
    private readonly limits: YamlShapeLimits,
  ) {}

  scan(): YamlShape {
    while (this.pos < this.text.length) this.line();
    return this.shape;
  }

  private at(offset = 0): number {
    const i = this.pos + offset;
    return i < this.text.length ? this.text.charCodeAt(i) : END;
  }

  private column(): number {
    return this.pos - this.lineStart;
  }

  private line(): void {
    this.lineStart = this.pos;
    if (this.flow > 0) {
      this.flowContent();
      // A flow collection closed mid-line: what follows on the line is read as any other node.
      if (this.flow === 0) this.node(true);
      return;
    }
    this.skipSpaces();
    const c = this.at();
    if (c === LF || c === END || c === HASH) return this.skipLine();
    if (this.column() === 0 && c === PERCENT) return this.skipLine();
    if (this.column() === 0 && this.atDocumentMarker()) {
      this.block.length = 0;
      this.pos += 3;
    }
    this.node(true);
  }

  private atDocumentMarker(): boolean {
    const c = this.at();
    return (c === DASH || c === DOT) && this.at(1) === c && this.at(2) === c && isBlank(this.at(3));
  }

  /**
   * The rest of a line in block context: entry indicators (`- `, `? `, `: `), then a node, which a
   * `: ` after it makes a key (one per line: YAML allows no other), then its value. Quoted and flow
   * nodes may go on over the following lines.
   */
  private node(indicators: boolean): void {
    let keyAllowed = true;
    for (;;) {
      this.entries(indicators);
      const column = this.column();
      const c = this.at();
      if (c === LF || c === END || c === HASH) return this.skipLine();
      if (c === PIPE || c === GREATER) return this.blockScalar();
      let key: boolean;
      if (c === STAR) {
        this.reference();
        this.skipWord();
        key = this.keyFollows();
      } else if (c === DQUOTE || c === SQUOTE) {
        this.pos++;
        this.quoted(c);
        key = this.keyFollows();
      } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
        this.flowContent();
        if (this.flow > 0) return;
        key = this.keyFollows();
      } else {
        key = this.plain(keyAllowed);
      }
      if (!key || !keyAllowed) return this.skipLine();
      this.open(column, false);
      keyAllowed = false;
      indicators = false;
    }
  }

  /** Entry indicators, which open or continue block collections, and node properties (`&anchor`, `!tag`). */
  private entries(indicators: boolean): void {
    for (;;) {
      this.skipSpaces();
      const c = this.at();
      if (indicators && (c === DASH || c === QUESTION || c === COLON) && isBlank(this.at(1))) {
        this.open(this.column(), c === DASH);
        this.pos++;
      } else if (c === AMPERSAND || c === BANG) {
        if (c === AMPERSAND) this.reference();
        this.skipWord();
      } else return;
    }
  }

  private keyFollows(): boolean {
    this.skipSpaces();
    if (this.at() !== COLON || !isBlank(this.at(1))) return false;
    this.pos++;
    return true;
  }

  // Block collections open at the column of their entries; an entry at a column closes deeper ones.
  private open(column: number, sequence: boolean): void {
    while (this.block.length > 0 && this.block[this.block.length - 1].column > column) this.block.pop();
    let top = this.block[this.block.length - 1];
    // A map's key at the column of a sequence nested in it (`a:` then `- x` at the same column) ends the sequence.
    if (top?.column === column && top.sequence && !sequence) {
      this.block.pop();
      top = this.block[this.block.length - 1];
    }
    if (top?.column === column && top.sequence === sequence) return;
    this.block.push({ column, sequence });
    this.noteDepth();
  }

  private noteDepth(): void {
    this.shape.depth = Math.max(this.shape.depth, this.block.length + this.flow);
    if (this.shape.depth > this.limits.depth) this.stop();
  }

  private reference(): void {
    if (++this.shape.references > this.limits.references) this.stop();
  }

  // Every loop of the scan ends at the end of the text.
  private stop(): void {
    this.pos = this.text.length;
  }

  /** A plain scalar to the end of the line; true when a `: ` after it makes it a key, if keys may still come. */
  private plain(keyAllowed: boolean): boolean {
    for (;;) {
      const c = this.at();
      if (c === LF || c === END) return false;
      if (keyAllowed && c === COLON && isBlank(this.at(1))) {
        this.pos++;
        return true;
      }
      if (c === HASH && this.afterBlank()) return false;
      this.pos++;
    }
  }

  private afterBlank(): boolean {
    return this.pos === this.lineStart || isBlank(this.text.charCodeAt(this.pos - 1));
  }

  private quoted(quote: number): void {
    for (;;) {
      const c = this.at();
      if (c === END) return;
      this.pos++;
      if (c === LF) this.lineStart = this.pos;
      else if (quote === DQUOTE && c === BACKSLASH) this.pos++;
      else if (c === quote) {
        if (quote === SQUOTE && this.at() === SQUOTE) this.pos++;
        else return;
      }
    }
  }

  /** Flow collections, across lines, until the outermost closes or the line ends. */
  private flowContent(): void {
    let tokenStart = true;
    for (;;) {
      const c = this.at();
      if (c === END) return;
      if (c === LF) {
        this.pos++;
        return;
      }
      if (c === HASH && this.afterBlank()) return this.skipLine();
      this.pos++;
      if (c === OPEN_SQUARE || c === OPEN_CURLY) {
        this.flow++;
        this.noteDepth();
      } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) {
        if (--this.flow <= 0) {
          this.flow = 0;
          return;
        }
      } else if (tokenStart && (c === DQUOTE || c === SQUOTE)) {
        this.quoted(c);
      } else if (tokenStart && (c === AMPERSAND || c === STAR)) {
        this.reference();
      }
      tokenStart = isBlank(c) || c === COMMA || c === COLON || c === OPEN_SQUARE || c === OPEN_CURLY;
    }
  }

  /**
   * A literal or folded scalar: its header, then every following line that is blank or indented past
   * the collection holding it (or every line, for a document that is a block scalar, until a marker).
   */
  private blockScalar(): void {
    const parent = this.block.length > 0 ? this.block[this.block.length - 1].column : -1;
    this.skipLine();
    while (this.pos < this.text.length) {
      this.lineStart = this.pos;
      this.skipSpaces();
      const c = this.at();
      const blank = c === LF || c === CR || c === END;
      if (!blank && (this.column() <= parent || (this.column() === 0 && this.atDocumentMarker()))) {
        this.pos = this.lineStart;
        return;
      }
      this.skipLine();
    }
  }

  private skipSpaces(): void {
    while (this.at() === SPACE || this.at() === TAB) this.pos++;
  }

  private skipWord(): void {
    while (!isBlank(this.at()) && !(this.flow > 0 && isFlowIndicator(this.at()))) this.pos++;
  }

  private skipLine(): void {
    const next = this.text.indexOf('\n', this.pos);
    this.pos = next < 0 ? this.text.length : next + 1;
  }
}

export const yamlShape = (text: string, limits: YamlShapeLimits): YamlShape => new YamlScanner(text, limits).scan();
