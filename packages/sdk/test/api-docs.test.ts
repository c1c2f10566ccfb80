// Every export of every package's public surface carries a doc comment, so an embedder reads what a
// function or type is for in their editor instead of opening the source.
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const publicEntries = (): string[] =>
  readdirSync(join(root, 'packages'))
    .map((pkg) => join(root, 'packages', pkg, 'src', 'index.ts'))
    .filter((entry) => existsSync(entry));

const hasDocComment = (declaration: ts.Declaration): boolean =>
  ts.getJSDocCommentsAndTags(declaration).some((doc) => ts.isJSDoc(doc) && ts.getTextOfJSDocComment(doc.comment)?.trim());

// An overloaded function shows its signatures' docs, never the implementation's, so only the signatures need one.
const isOverloadImplementation = (declaration: ts.Declaration, all: readonly ts.Declaration[]): boolean =>
  (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) &&
  declaration.body !== undefined &&
  all.some((other) => other !== declaration && other.kind === declaration.kind && !(other as ts.FunctionDeclaration).body);

const undocumentedExports = (entries: readonly string[]): string[] => {
  const program = ts.createProgram(entries, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  // Keyed by declaration, so a type re-exported by several packages is listed once.
  const missing = new Map<string, string>();
  const visitedModules = new Set<ts.Symbol>();

  const walkModule = (moduleSymbol: ts.Symbol, exportedFrom: string): void => {
    if (visitedModules.has(moduleSymbol)) return;
    visitedModules.add(moduleSymbol);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = target.declarations ?? [];
      if (declarations.some(ts.isSourceFile)) {
        // `export * as rules from './rules.js'`: the namespace's members are public too.
        walkModule(target, `${exportedFrom} (${exported.name}.*)`);
        continue;
      }
      for (const declaration of declarations) {
        const file = declaration.getSourceFile().fileName;
        if (file.includes('/node_modules/') || isOverloadImplementation(declaration, declarations)) continue;
        if (hasDocComment(declaration)) continue;
        const { line } = declaration.getSourceFile().getLineAndCharacterOfPosition(declaration.getStart());
        const where = `${relative(root, file)}:${line + 1}`;
        if (!missing.has(where)) missing.set(where, `${where}  ${exported.name}  (exported by ${exportedFrom})`);
      }
    }
  };

  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (moduleSymbol) walkModule(moduleSymbol, relative(root, entry));
  }
  return [...missing.values()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
};

test('every package lists its public surface in src/index.ts', () => {
  assert.ok(publicEntries().length >= 10, 'expected one src/index.ts per package');
});

test('every exported function, class, interface, type and constant has a doc comment', () => {
  const missing = undocumentedExports(publicEntries());
  assert.is(missing.length, 0, `exports without a /** … */ doc comment:\n  ${missing.join('\n  ')}\n`);
});

test.run();
