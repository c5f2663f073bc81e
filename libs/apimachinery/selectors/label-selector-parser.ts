// The string form of label selectors (`?labelSelector=`), lexed and parsed as k8s.io/apimachinery/pkg/labels
// does, so that every string kube-apiserver accepts is accepted and every error reads the same.
import { StatusError } from '../status-error';
import {
  LabelOperator,
  LabelRequirement,
  LabelSelector,
  checkLabelKey,
  labelSelectorOf,
  newLabelRequirement,
} from './label-selector';

type Token =
  | 'error'
  | 'end'
  | 'closePar'
  | 'comma'
  | 'doesNotExist'
  | 'doubleEquals'
  | 'equals'
  | 'greaterThan'
  | 'identifier'
  | 'in'
  | 'lessThan'
  | 'notEquals'
  | 'notIn'
  | 'openPar';

interface Item {
  token: Token;
  literal: string;
}

const keywords: Record<string, Token> = {
  ')': 'closePar',
  ',': 'comma',
  '!': 'doesNotExist',
  '==': 'doubleEquals',
  '=': 'equals',
  '>': 'greaterThan',
  in: 'in',
  '<': 'lessThan',
  '!=': 'notEquals',
  notin: 'notIn',
  '(': 'openPar',
};

const binaryOperators = 'in, notin, =, ==, !=, gt, lt';
const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch);

const lookupKeyword = (s: string): Token | undefined =>
  Object.prototype.hasOwnProperty.call(keywords, s) ? keywords[s] : undefined;

const lex = (s: string): Item[] => {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ token: 'end', literal: '' });
      return items;
    }
    const start = pos;
    if (isSpecial(s[pos])) {
      // The longest run of special characters that still spells an operator.
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        const token = lookupKeyword(s.slice(start, pos + 1));
        if (token) last = { token, literal: s.slice(start, pos + 1) };
        else if (last) break;
        pos++;
      }
      if (!last) {
        items.push({ token: 'error', literal: `error expected: keyword found '${s.slice(start, pos)}'` });
      } else {
        pos = start + last.literal.length;
        items.push(last);
      }
    } else {
      while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) pos++;
      const word = s.slice(start, pos);
      items.push({ token: lookupKeyword(word) ?? 'identifier', literal: word });
    }
  }
};

class ParseError extends Error {}

class Parser {
  private position = 0;

  constructor(private readonly items: Item[]) {}

  // In value position the keywords `in` and `notin` are plain identifiers.
  private lookahead(values: boolean): Item {
    return this.asValue(this.items[this.position], values);
  }

  private consume(values: boolean): Item {
    return this.asValue(this.items[this.position++], values);
  }

  private asValue(item: Item, values: boolean): Item {
    return values && (item.token === 'in' || item.token === 'notIn')
      ? { token: 'identifier', literal: item.literal }
      : item;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead(true);
      if (token === 'end') return requirements;
      if (token !== 'identifier' && token !== 'doesNotExist') {
        throw new ParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.parseRequirement());
      } catch (e) {
        throw e instanceof ParseError ? new ParseError(`unable to parse requirement: ${e.message}`) : e;
      }
      const next = this.consume(true);
      if (next.token === 'end') return requirements;
      if (next.token !== 'comma') throw new ParseError(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead(true);
      if (after.token !== 'identifier' && after.token !== 'doesNotExist') {
        throw new ParseError(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, operator: inferred } = this.parseKeyAndInferOperator();
    let operator: LabelOperator;
    let values: string[];
    if (inferred) {
      operator = inferred;
      values = [];
    } else {
      operator = this.parseOperator();
      values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    }
    const { requirement, error } = newLabelRequirement(key, operator, values);
    if (error) throw new ParseError(error);
    return requirement;
  }

  private parseKeyAndInferOperator(): { key: string; operator?: LabelOperator } {
    let item = this.consume(true);
    let operator: LabelOperator | undefined;
    if (item.token === 'doesNotExist') {
      operator = '!';
      item = this.consume(true);
    }
    if (item.token !== 'identifier') throw new ParseError(`found '${item.literal}', expected: identifier`);
    const keyError = checkLabelKey(item.literal);
    if (keyError) throw new ParseError(keyError);
    const next = this.lookahead(true).token;
    if ((next === 'end' || next === 'comma') && !operator) operator = 'exists';
    return { key: item.literal, operator };
  }

  private parseOperator(): LabelOperator {
    const { token, literal } = this.consume(false);
    const operators: Partial<Record<Token, LabelOperator>> = {
      in: 'in',
      equals: '=',
      doubleEquals: '==',
      greaterThan: 'gt',
      lessThan: 'lt',
      notIn: 'notin',
      notEquals: '!=',
    };
    const op = operators[token];
    if (!op) throw new ParseError(`found '${literal}', expected: ${binaryOperators}`);
    return op;
  }

  private parseValues(): string[] {
    const open = this.consume(true);
    if (open.token !== 'openPar') throw new ParseError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead(true);
    if (token === 'identifier' || token === 'comma') {
      const values = this.parseIdentifiersList();
      if (this.consume(true).token !== 'closePar') throw new ParseError(`found '${literal}', expected: ')'`);
      return values;
    }
    if (token === 'closePar') {
      this.consume(true);
      return [''];
    }
    throw new ParseError(`found '${literal}', expected: ',', ')' or identifier`);
  }

  // Empty entries (`(,a)`, `(a,,b)`, `(a,)`) stand for the empty value, as upstream.
  private parseIdentifiersList(): string[] {
    const values = new Set<string>();
    for (;;) {
      const { token, literal } = this.consume(true);
      if (token === 'identifier') {
        values.add(literal);
        const next = this.lookahead(true);
        if (next.token === 'comma') continue;
        if (next.token === 'closePar') return [...values];
        throw new ParseError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token === 'comma') {
        if (values.size === 0) values.add('');
        const next = this.lookahead(true).token;
        if (next === 'closePar') {
          values.add('');
          return [...values];
        }
        if (next === 'comma') values.add('');
        continue;
      }
      throw new ParseError(`found '${literal}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): string[] {
    const next = this.lookahead(true).token;
    if (next === 'end' || next === 'comma') return [''];
    const { token, literal } = this.consume(true);
    if (token === 'identifier') return [literal];
    throw new ParseError(`found '${literal}', expected: identifier`);
  }
}

/** Parses `?labelSelector=`; a malformed selector throws 400 BadRequest with kube-apiserver's message. */
export const parseLabelSelector = (selector: string): LabelSelector => {
  try {
    return labelSelectorOf(new Parser(lex(selector)).parse());
  } catch (e) {
    if (e instanceof ParseError) throw StatusError.badRequest(e.message);
    throw e;
  }
};
