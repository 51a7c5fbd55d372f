/**
 * Finds promises nobody waits for in the learner's handler code, the way typescript-eslint's
 * `no-floating-promises` does, but stricter about `void`: in Lambda, `void db.send(…)` is the bug,
 * not a way to say "on purpose". The handler returns, Lambda freezes the instance, and the write
 * may finish, be lost, or run during the next invocation; a behaviour check cannot see that the
 * same way every run, so this reads the code instead. It works on the TypeScript 7 API's program
 * and checker for the lesson's type-check config (see typecheck.ts).
 */

import {
  type Expression,
  type Identifier,
  isArrowFunction,
  isAwaitExpression,
  isBinaryExpression,
  isCallExpression,
  isConditionalExpression,
  isExpressionStatement,
  isIdentifier,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isVariableDeclaration,
  isVoidExpression,
  type Node,
  type SourceFile,
  SyntaxKind,
} from 'typescript/unstable/ast';
import type { Checker, Program, Symbol as TsSymbol, Type } from 'typescript/unstable/async';
import { SignatureKind } from 'typescript/unstable/async';
import type { CheckItem } from './checklist.ts';
import { shownPath } from './function-errors.ts';
import { type Text, tr } from './i18n.ts';

export type FloatingKind = 'bare' | 'void' | 'unused-variable' | 'forEach';

export interface FloatingPromise {
  file: string;
  /** 1-based, as editors count. */
  line: number;
  column: number;
  kind: FloatingKind;
  /** The source line, trimmed, so the learner sees which call it is. */
  snippet: string;
}

/** Every floating promise in `files` (absolute paths in the program), in file and line order. */
export async function findFloatingPromises(
  program: Program,
  checker: Checker,
  files: readonly string[],
): Promise<FloatingPromise[]> {
  const found: FloatingPromise[] = [];
  for (const file of files) {
    const source = await program.getSourceFile(file);
    if (source) found.push(...(await inFile(checker, source, file)));
  }
  return found;
}

async function inFile(checker: Checker, source: SourceFile, file: string): Promise<FloatingPromise[]> {
  const found: { node: Node; kind: FloatingKind }[] = [];
  const thenable = (node: Node) => isThenableAt(checker, node);
  const isRead = (name: Identifier) => isReadElsewhere(checker, source, name);

  const visit = async (node: Node): Promise<void> => {
    if (isExpressionStatement(node)) {
      const floating = await floatingPart(node.expression, thenable, isRead);
      if (floating) found.push(floating);
    } else if (
      isVoidExpression(node) &&
      !isExpressionStatement(node.parent) &&
      (await thenable(node.expression))
    ) {
      // `() => void db.send(…)`: the statement rule sees the statement form; this sees the rest.
      found.push({ node, kind: 'void' });
    } else if (isVariableDeclaration(node) && node.initializer && isIdentifier(node.name)) {
      if ((await thenable(node.initializer)) && !(await isRead(node.name))) {
        found.push({ node, kind: 'unused-variable' });
      }
    } else if (isCallExpression(node) && isForEach(node.expression)) {
      for (const arg of node.arguments) {
        if (isFunctionExpression(arg) && (await returnsThenable(checker, arg)))
          found.push({ node, kind: 'forEach' });
      }
    }
    const children: Node[] = [];
    node.forEachChild((child) => {
      children.push(child);
    });
    for (const child of children) await visit(child);
  };
  await visit(source);

  return found
    .map(({ node, kind }) => {
      const start = node.getStart(source);
      const { line, character } = source.getLineAndCharacterOfPosition(start);
      const lineText = source.text.split('\n')[line] ?? '';
      return { file, line: line + 1, column: character + 1, kind, snippet: lineText.trim() };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The part of a statement's expression that floats, if any. Like typescript-eslint, a `.catch`
 * with a handler or a `.then` with both handlers counts as handled, and each branch of `a ? b : c`,
 * `a && b` and `a, b` is judged on its own.
 */
async function floatingPart(
  expression: Expression,
  thenable: (node: Node) => Promise<boolean>,
  isRead: (name: Identifier) => Promise<boolean>,
): Promise<{ node: Node; kind: FloatingKind } | undefined> {
  const inner = unwrap(expression);
  if (isVoidExpression(inner)) {
    return (await thenable(inner.expression)) ? { node: inner, kind: 'void' } : undefined;
  }
  if (isAwaitExpression(inner)) return undefined;
  if (isConditionalExpression(inner)) {
    return (
      (await floatingPart(inner.whenTrue, thenable, isRead)) ??
      (await floatingPart(inner.whenFalse, thenable, isRead))
    );
  }
  if (isBinaryExpression(inner)) {
    const op = inner.operatorToken.kind;
    if (op === SyntaxKind.CommaToken) {
      return (
        (await floatingPart(inner.left, thenable, isRead)) ??
        (await floatingPart(inner.right, thenable, isRead))
      );
    }
    if (
      op === SyntaxKind.AmpersandAmpersandToken ||
      op === SyntaxKind.BarBarToken ||
      op === SyntaxKind.QuestionQuestionToken
    ) {
      return floatingPart(inner.right, thenable, isRead);
    }
    // `x = promise` hands the promise to x: floating only when x is never read.
    if (op === SyntaxKind.EqualsToken) {
      if (isIdentifier(inner.left) && (await thenable(inner.right)) && !(await isRead(inner.left))) {
        return { node: inner, kind: 'unused-variable' };
      }
      return undefined;
    }
  }
  if (isCallExpression(inner) && isPropertyAccessExpression(inner.expression)) {
    const method = inner.expression.name.text;
    if (method === 'catch' && inner.arguments.length >= 1) return undefined;
    if (method === 'then' && inner.arguments.length >= 2) return undefined;
    if (method === 'finally') return floatingPart(inner.expression.expression, thenable, isRead);
  }
  if (await thenable(inner)) return { node: inner, kind: 'bare' };
  return undefined;
}

function unwrap(expression: Expression): Expression {
  let inner = expression;
  while (isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/** A thenable, or an array of thenables (an un-awaited `ids.map(async …)` floats the same way). */
async function isThenableAt(checker: Checker, node: Node): Promise<boolean> {
  const type = await checker.getTypeAtLocation(node);
  if (!type) return false;
  if (await isThenable(checker, type, node)) return true;
  if (await checker.isArrayType(type)) {
    const [element] = await checker.getTypeArguments(type as Parameters<Checker['getTypeArguments']>[0]);
    return element ? isThenable(checker, element, node) : false;
  }
  return false;
}

/** A type with a callable `then`, or a union one of whose members has one. */
async function isThenable(checker: Checker, type: Type, location: Node): Promise<boolean> {
  if (type.isUnionType()) {
    for (const member of (await type.getTypes()) ?? []) {
      if (await isThenable(checker, member, location)) return true;
    }
    return false;
  }
  const then = await checker.getPropertyOfType(type, 'then');
  if (!then) return false;
  const thenType = await checker.getTypeOfSymbolAtLocation(then, location);
  return (await checker.getSignaturesOfType(thenType, SignatureKind.Call)).length > 0;
}

/**
 * Whether a variable holding a promise is read anywhere but where it is declared or written. Any read counts
 * (`await p`, `return p`, `Promise.all([p])`, handing it to a function): only a promise nobody
 * reads at all is certainly left behind. A read that is itself a bare statement is reported there.
 */
async function isReadElsewhere(checker: Checker, source: SourceFile, name: Identifier): Promise<boolean> {
  const declared = await checker.getSymbolAtLocation(name);
  if (!declared) return true;
  const candidates: Node[] = [];
  const collect = (node: Node) => {
    if (isIdentifier(node) && node.text === name.text && node !== name) candidates.push(node);
    node.forEachChild(collect);
  };
  collect(source);
  if (candidates.length === 0) return false;
  const symbols = await checker.getSymbolAtLocation(candidates);
  return symbols.some((symbol: TsSymbol | undefined, i) => {
    if (symbol?.id !== declared.id) return false;
    // `let p` declares p and `p = other` writes it; neither reads it.
    const node = candidates[i] as Node;
    const parent = node.parent;
    if (isVariableDeclaration(parent) && parent.name === node) return false;
    return !(
      isBinaryExpression(parent) &&
      parent.left === node &&
      parent.operatorToken.kind === SyntaxKind.EqualsToken
    );
  });
}

function isForEach(callee: Expression): boolean {
  return isPropertyAccessExpression(callee) && callee.name.text === 'forEach';
}

function isFunctionExpression(node: Node): boolean {
  return isArrowFunction(node) || node.kind === SyntaxKind.FunctionExpression;
}

/** `forEach(async (id) => …)`: forEach drops what its callback returns, so each promise floats. */
async function returnsThenable(checker: Checker, fn: Node): Promise<boolean> {
  const type = await checker.getTypeAtLocation(fn);
  if (!type) return false;
  for (const signature of await checker.getSignaturesOfType(type, SignatureKind.Call)) {
    const returned = await checker.getReturnTypeOfSignature(signature);
    if (returned && (await isThenable(checker, returned, fn))) return true;
  }
  return false;
}

const WHY: Record<FloatingKind, Text> = {
  bare: tr(
    'nothing awaits it, returns it or hands it on',
    '아무도 await 하지 않고, return 하지도, 다른 곳에 넘기지도 않습니다',
  ),
  void: tr(
    '`void` throws the promise away on purpose; in a Lambda handler that is the bug',
    '`void`는 프로미스를 일부러 버립니다. Lambda 핸들러에서는 그것이 버그입니다',
  ),
  'unused-variable': tr(
    'it is kept in a variable that is never awaited or read',
    '변수에 담았지만 그 변수를 await 하지도, 읽지도 않습니다',
  ),
  forEach: tr(
    'forEach does not wait for an async callback: each call inside floats',
    'forEach는 async 콜백을 기다리지 않습니다: 안의 호출이 모두 떠 있게 됩니다',
  ),
};

const FIX: Record<FloatingKind, Text> = {
  bare: tr('put `await` in front of it', '앞에 `await`를 붙이세요'),
  void: tr('write `await` instead of `void`', '`void` 대신 `await`를 쓰세요'),
  'unused-variable': tr(
    '`await` the variable before the handler returns (or drop the variable and await the call)',
    '핸들러가 반환하기 전에 그 변수를 `await` 하세요 (또는 변수 없이 호출을 바로 await 하세요)',
  ),
  forEach: tr(
    'use `for (const id of ids) await …`, or `await Promise.all(ids.map(async (id) => …))`',
    '`for (const id of ids) await …` 또는 `await Promise.all(ids.map(async (id) => …))`를 쓰세요',
  ),
};

/** The checklist lines: ✓ when every promise is waited for, else one ✗ per floating promise. */
export function floatingPromiseItems(
  found: readonly FloatingPromise[],
  cwd = process.cwd(),
  error?: string,
): CheckItem[] {
  if (error !== undefined) {
    return [
      {
        label: tr(
          'every promise is awaited (no floating promises)',
          '모든 프로미스를 await 함 (떠 있는 프로미스 없음)',
        ),
        ok: false,
        detail: tr(`the search could not run: ${error}`, `검사를 실행하지 못했습니다: ${error}`),
        hint: tr(
          'this is a problem of the workbench, not of your code; please report it with the message.',
          '여러분의 코드가 아니라 워크벤치의 문제입니다. 메시지와 함께 알려 주세요.',
        ),
      },
    ];
  }
  if (found.length === 0) {
    return [
      {
        label: tr(
          'every promise is awaited (no floating promises)',
          '모든 프로미스를 await 함 (떠 있는 프로미스 없음)',
        ),
        ok: true,
      },
    ];
  }
  return found.map((f) => {
    const where = `${shownPath(f.file, cwd)}:${f.line}:${f.column}`;
    return {
      label: tr(`the promise at ${where} is awaited`, `${where}의 프로미스를 await 함`),
      ok: false,
      detail: tr(`${WHY[f.kind].en}\n        ${f.snippet}`, `${WHY[f.kind].ko}\n        ${f.snippet}`),
      hint: tr(
        `${FIX[f.kind].en}. When the handler returns, Lambda freezes the instance: a write nobody awaits may finish, may be lost, or may run during the next invocation. Here it often finishes in time, so the rounds below can pass; on AWS you cannot count on it.`,
        `${FIX[f.kind].ko}. 핸들러가 반환하면 Lambda는 인스턴스를 얼립니다: 아무도 await 하지 않은 쓰기는 끝날 수도, 사라질 수도, 다음 호출 중에 실행될 수도 있습니다. 여기서는 제때 끝나는 일이 많아 아래 검사가 통과할 수 있지만, AWS에서는 믿을 수 없습니다.`,
      ),
    };
  });
}
