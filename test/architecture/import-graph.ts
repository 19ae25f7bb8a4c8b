import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';

/** Source files by repo-relative path (forward slashes). */
export type SourceFiles = ReadonlyMap<string, string>;

/** One import of one file: what it wrote, and the repo file it lands on (undefined for an npm package). */
export interface ImportEdge {
  from: string;
  specifier: string;
  to: string | undefined;
}

const extensions = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** Workspace packages resolve to their source, as the `@eventline/source` condition makes them in tests. */
function resolveWorkspace(specifier: string, files: SourceFiles): string | undefined {
  const match = /^@eventline\/([^/]+)(?:\/(.+))?$/.exec(specifier);
  if (!match) return undefined;
  const root = match[1] === 'collector' ? 'collector/src' : `packages/${match[1]}/src`;
  return resolveFile(`${root}/${match[2] ?? 'index'}`, files);
}

function resolveFile(base: string, files: SourceFiles): string | undefined {
  const stem = base.replace(/\.(js|ts|tsx)$/, '');
  if (files.has(base)) return base;
  for (const ext of extensions) if (files.has(stem + ext)) return stem + ext;
  return undefined;
}

/** Every static import, export-from and dynamic import() with a literal, type-only ones included: a type cycle is still a cycle. */
export function readImports(files: SourceFiles): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [path, text] of files) {
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      const to = specifier.startsWith('.')
        ? resolveFile(posix.normalize(posix.join(posix.dirname(path), specifier)), files)
        : resolveWorkspace(specifier, files);
      edges.push({ from: path, specifier, to });
    }
  }
  return edges;
}

/** The import cycles between files (strongly connected components of more than one file, or a file importing itself). */
export function findCycles(files: SourceFiles, edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.to) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // Tarjan's algorithm, iterative so a deep chain of imports cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of files.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const target = targets[frame.i++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, i: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = (next.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}

/** A layer: the files under `folder` may import only repo files under `mayImport`, and npm packages. */
export interface LayerRule {
  folder: string;
  mayImport: readonly string[];
}

/** Imports that leave what a layer may see: an arrow that runs back up. */
export function layerViolations(edges: readonly ImportEdge[], rule: LayerRule): ImportEdge[] {
  const inside = (path: string, prefix: string) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
  return edges.filter((e) => {
    if (!inside(e.from, rule.folder)) return false;
    if (e.to === undefined) return e.specifier.startsWith('.') || e.specifier.startsWith('@eventline/');
    return !inside(e.to, rule.folder) && !rule.mayImport.some((allowed) => inside(e.to!, allowed));
  });
}

/**
 * Free references to a platform's globals (`window`, `wx`, …): names used as values or types that the
 * file does not declare itself. A property of the same name (`options.window`) is not one.
 */
export function platformGlobalsUsed(path: string, text: string, globals: readonly string[]): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const wanted = new Set(globals);
  const declared = new Set<string>();
  const used: { name: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && wanted.has(node.text)) {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isQualifiedName(parent) && parent.right === node) ||
        ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent)) &&
          parent.name === node);
      const isDeclaration =
        ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isBindingElement(parent)) && parent.name === node);
      if (isDeclaration) declared.add(node.text);
      else if (!isName) used.push({ name: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return used.filter((u) => !declared.has(u.name)).map((u) => `${path}:${u.line} ${u.name}`);
}

/** The repo's own source files under `folders`, tests and test support left out. */
export function readSourceFiles(repo: string, folders: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist' && entry.name !== 'testing') walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.(test|e2e\.test)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.set(relative(repo, full).split('\\').join('/'), readFileSync(full, 'utf8'));
      }
    }
  };
  for (const folder of folders) if (existsSync(join(repo, folder))) walk(join(repo, folder));
  return files;
}
