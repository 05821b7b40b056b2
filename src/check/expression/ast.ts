import type { BinaryOperator } from './arithmetic.ts';
import type { CompareOperator } from './comparisons.ts';
import type { PyValue } from './values.ts';

/** Offsets into the expression's source text (0-based, end exclusive), for diagnostics. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | NameExpr
  | ConstantExpr
  | FStringExpr
  | SequenceExpr
  | DictExpr
  | ComprehensionExpr
  | BoolOpExpr
  | NotExpr
  | UnaryExpr
  | BinaryExpr
  | CompareExpr
  | IfExpr
  | CallExpr
  | AttributeExpr
  | SubscriptExpr
  | StarredExpr;

export interface NameExpr extends Span {
  readonly kind: 'name';
  readonly id: string;
}

/** None, True, False, int, float, str and bytes literals (adjacent strings already joined). */
export interface ConstantExpr extends Span {
  readonly kind: 'constant';
  readonly value: PyValue;
}

export interface FormattedValue extends Span {
  readonly expr: Expr;
  readonly conversion: 'r' | 's' | 'a' | undefined;
  readonly spec: readonly FStringPart[] | undefined;
  /** `{x=}`: the expression text shown before its value. */
  readonly debugText: string | undefined;
}

export type FStringPart = string | FormattedValue;

export interface FStringExpr extends Span {
  readonly kind: 'fstring';
  readonly parts: readonly FStringPart[];
}

export interface SequenceExpr extends Span {
  readonly kind: 'list' | 'tuple' | 'set';
  readonly items: readonly Expr[];
}

export interface DictExpr extends Span {
  readonly kind: 'dict';
  /** A null key is a `**mapping` entry. */
  readonly keys: readonly (Expr | null)[];
  readonly values: readonly Expr[];
}

export type Target =
  | NameExpr
  | { readonly kind: 'targets'; readonly items: readonly Target[]; readonly start: number; readonly end: number };

export interface Comprehension {
  readonly target: Target;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}

export interface ComprehensionExpr extends Span {
  readonly kind: 'comprehension';
  readonly type: 'list' | 'set' | 'generator' | 'dict';
  readonly element: Expr;
  /** Dict comprehensions: the value part (`{k: v for ...}`). */
  readonly value: Expr | undefined;
  readonly generators: readonly Comprehension[];
}

export interface BoolOpExpr extends Span {
  readonly kind: 'boolop';
  readonly op: 'and' | 'or';
  readonly values: readonly Expr[];
}

export interface NotExpr extends Span {
  readonly kind: 'not';
  readonly operand: Expr;
}

export interface UnaryExpr extends Span {
  readonly kind: 'unary';
  readonly op: '-' | '+' | '~';
  readonly operand: Expr;
}

export interface BinaryExpr extends Span {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}

/** `a < b < c` is one node, evaluated like Python's chained comparisons. */
export interface CompareExpr extends Span {
  readonly kind: 'compare';
  readonly left: Expr;
  readonly ops: readonly CompareOperator[];
  readonly comparators: readonly Expr[];
}

export interface IfExpr extends Span {
  readonly kind: 'if';
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
}

export interface Keyword extends Span {
  /** null for `**mapping`. */
  readonly name: string | null;
  readonly value: Expr;
}

export interface CallExpr extends Span {
  readonly kind: 'call';
  readonly func: Expr;
  readonly args: readonly Expr[];
  readonly keywords: readonly Keyword[];
}

export interface AttributeExpr extends Span {
  readonly kind: 'attribute';
  readonly value: Expr;
  readonly attr: string;
  readonly attrStart: number;
}

export interface SliceExpr extends Span {
  readonly kind: 'slice';
  readonly lower: Expr | undefined;
  readonly upper: Expr | undefined;
  readonly step: Expr | undefined;
}

export interface SubscriptExpr extends Span {
  readonly kind: 'subscript';
  readonly value: Expr;
  readonly index: Expr | SliceExpr;
}

export interface StarredExpr extends Span {
  readonly kind: 'starred';
  readonly value: Expr;
}
