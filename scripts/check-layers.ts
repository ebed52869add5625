import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseSync } from 'vite';

// The layer rule of DESIGN.md ("who may import what") as a check. Every import, export-from,
// require, dynamic import and type import in src/, bench/, e2e/ and scripts/ is parsed (not
// grepped) and judged by the layer of the importing file. A file in a folder that belongs to
// no layer is itself an error, so a new folder must be given a rule before it can hold code.
// Packages are an allow-list where a layer runs somewhere narrow (shared, preload, the
// renderer): a new package there is a decision, made here.

export interface Violation {
  /** Relative to the checked root, with forward slashes. */
  file: string;
  line: number;
  message: string;
}

type LayerName = 'shared' | 'core' | 'electron' | 'web' | 'cli' | 'preload' | 'renderer' | 'hub' | 'bench' | 'e2e' | 'scripts';

interface LayerRule {
  /** Folder under the repository's root. */
  folder: string;
  /** Layers whose code this one may import. */
  imports: readonly LayerName[];
  /** Layers this one may import types from, and nothing else (erased at build). */
  typesFrom?: readonly LayerName[];
  nodeBuiltins: boolean;
  /** Either only these packages, or any package but these. `@scope/*` covers a scope. */
  packages: { only: readonly string[] } | { except: readonly string[] };
}

/** Browser-only libraries: the renderer's, and nobody else's. */
const UI_PACKAGES = ['react', 'react-dom', '@mantine/*', '@tabler/*', '@tanstack/react-virtual', 'recharts'];
/** Everything the renderer may load: the UI libraries and the schemas it validates with. */
const RENDERER_PACKAGES = ['react', 'react-dom', '@mantine/*', '@tabler/*', '@tanstack/react-virtual', 'zod', 'react-markdown', 'remark-gfm', 'csv-stringify', 'jalaali-js'];
/** Test tooling, allowed in any layer's *.test.ts together with Node's built-ins. */
const TEST_PACKAGES = ['vitest', 'fast-check', '@xstate/graph'];

// Ordered most specific folder first: main/core before any rule for main.
export const LAYERS: Readonly<Record<LayerName, LayerRule>> = {
  shared: { folder: 'src/shared', imports: ['shared'], nodeBuiltins: false, packages: { only: ['zod', 'xstate', 'libphonenumber-js'] } },
  core: { folder: 'src/main/core', imports: ['shared', 'core'], nodeBuiltins: true, packages: { except: ['electron', ...UI_PACKAGES] } },
  electron: { folder: 'src/main/electron', imports: ['shared', 'core', 'electron'], nodeBuiltins: true, packages: { except: UI_PACKAGES } },
  web: { folder: 'src/main/web', imports: ['shared', 'core', 'web'], nodeBuiltins: true, packages: { except: ['electron', ...UI_PACKAGES] } },
  cli: { folder: 'src/main/cli', imports: ['shared', 'core', 'cli'], nodeBuiltins: true, packages: { except: ['electron', ...UI_PACKAGES] } },
  preload: { folder: 'src/preload', imports: ['preload'], typesFrom: ['shared'], nodeBuiltins: false, packages: { only: ['electron'] } },
  renderer: { folder: 'src/renderer', imports: ['shared', 'renderer'], nodeBuiltins: false, packages: { only: RENDERER_PACKAGES } },
  // The hub: shared rules and what of the desk's core it needs; never a shell.
  hub: { folder: 'src/hub', imports: ['shared', 'core', 'hub'], nodeBuiltins: true, packages: { except: ['electron', ...UI_PACKAGES] } },
  // The bench drives the real desk (and, for bench:ui, the browser shell and its dictionary)
  // and times the product's own statements as its floor.
  bench: { folder: 'bench', imports: ['shared', 'core', 'web', 'hub', 'renderer', 'bench'], nodeBuiltins: true, packages: { except: ['electron', ...UI_PACKAGES] } },
  // End-to-end specs start desks, hubs and shells, and read UI text from the dictionary.
  e2e: { folder: 'e2e', imports: ['shared', 'core', 'web', 'hub', 'renderer', 'e2e'], nodeBuiltins: true, packages: { except: UI_PACKAGES } },
  // Scripts: the layer check itself, packaging hooks, and the fault suite, which starts real
  // desks and shells to kill them.
  scripts: { folder: 'scripts', imports: ['shared', 'core', 'web', 'cli', 'bench', 'scripts'], nodeBuiltins: true, packages: { except: ['electron', ...UI_PACKAGES] } },
};

/** The folders the check walks, under the repository's root. */
const ROOTS = ['src', 'bench', 'e2e', 'scripts'];

const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|mjs)$/;
const TEST_FILE = /\.test\.(?:ts|tsx|mts|cts)$/;
const BUILTINS = new Set(builtinModules);

/** Checks every source file under `<root>/src`, `bench`, `e2e` and `scripts`. */
export function checkLayers(root: string): Violation[] {
  const top = resolve(root);
  const violations: Violation[] = [];
  for (const file of ROOTS.flatMap((r) => [...sourceFiles(join(top, r))])) {
    const shown = relative(root, file).split(sep).join('/');
    const layer = layerOf(top, file);
    if (!layer) {
      violations.push({ file: shown, line: 1, message: `${shown}:1: is in no layer; put it under one of ${folders()}, or give its folder a rule in scripts/check-layers.ts` });
      continue;
    }
    let imports: FoundImport[];
    try {
      imports = importsOf(file);
    } catch (error) {
      if (!(error instanceof Unparsable)) throw error;
      violations.push({ file: shown, line: error.line, message: `${shown}:${error.line}: could not be parsed (${error.message})` });
      continue;
    }
    for (const found of imports) {
      const problem = judge(layer, TEST_FILE.test(file), found, top, file);
      if (problem) violations.push({ file: shown, line: found.line, message: `${shown}:${found.line}: ${problem}` });
    }
  }
  return violations;
}

// ---- judging one import ------------------------------------------------------------------------------

function judge(layer: LayerName, isTest: boolean, found: FoundImport, top: string, file: string): string | null {
  const rule = LAYERS[layer];
  const spec = found.specifier;
  if (spec === null) return `${layer} has a computed ${found.kind}, which cannot be checked; import a fixed path`;
  const what = `${layer} may not import "${spec}"`;

  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = resolve(dirname(file), stripQuery(spec));
    const targetLayer = target.startsWith(top + sep) ? layerOf(top, target) : null;
    if (!targetLayer) return `${what}: it is in no layer`;
    if (rule.imports.includes(targetLayer)) return null;
    if (rule.typesFrom?.includes(targetLayer)) return found.typeOnly ? null : `${what}: ${layer} may only \`import type\` from ${targetLayer}`;
    return `${what}: ${layer} may import only ${[...rule.imports, ...(rule.typesFrom ?? []).map((l) => `types of ${l}`)].join(', ')}`;
  }

  const bare = stripQuery(spec);
  if (bare.startsWith('node:') || BUILTINS.has(bare.split('/')[0] ?? '')) {
    return rule.nodeBuiltins || isTest ? null : `${what}: ${layer} may not use Node's built-in modules`;
  }
  const pkg = packageName(bare);
  if (isTest && TEST_PACKAGES.some((p) => covers(p, pkg))) return null;
  if ('only' in rule.packages) {
    return rule.packages.only.some((p) => covers(p, pkg)) ? null : `${what}: ${layer} may use only the packages ${rule.packages.only.join(', ')}`;
  }
  return rule.packages.except.some((p) => covers(p, pkg)) ? `${what}: the package "${pkg}" does not belong in ${layer}` : null;
}

function layerOf(top: string, file: string): LayerName | null {
  const inSrc = relative(top, file).split(sep).join('/');
  for (const [name, rule] of Object.entries(LAYERS) as [LayerName, LayerRule][]) {
    if (inSrc === rule.folder || inSrc.startsWith(`${rule.folder}/`)) return name;
  }
  return null;
}

function folders(): string {
  return Object.values(LAYERS)
    .map((r) => r.folder)
    .join(', ');
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

function covers(pattern: string, pkg: string): boolean {
  return pattern.endsWith('/*') ? pkg.startsWith(pattern.slice(0, -1)) : pkg === pattern;
}

/** Vite's `?raw`, `?url` and the like name the same file. */
function stripQuery(spec: string): string {
  return spec.replace(/[?#].*$/, '');
}

// ---- finding imports ------------------------------------------------------------------------------------

interface FoundImport {
  /** null when computed at run time. */
  specifier: string | null;
  line: number;
  typeOnly: boolean;
  kind: 'import' | 'export' | 'require' | 'dynamic import' | 'type import';
}

/** An unparsable file cannot be judged, so it fails the check rather than passing it. */
class Unparsable extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function* sourceFiles(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE_FILE.test(entry.name)) yield path;
  }
}

type AstNode = { type: string; start: number; [key: string]: unknown };

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function literal(value: unknown): string | null {
  if (!isNode(value)) return null;
  if (value.type === 'Literal' && typeof value.value === 'string') return value.value;
  // A template without ${} is as fixed as a string.
  if (value.type === 'TemplateLiteral' && Array.isArray(value.expressions) && value.expressions.length === 0) {
    const [quasi] = value.quasis as { value: { cooked: string | null } }[];
    return quasi?.value.cooked ?? null;
  }
  return null;
}

export function importsOf(file: string): FoundImport[] {
  const text = readFileSync(file, 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const parsed = parseSync(file, text, { lang: file.endsWith('x') ? 'tsx' : 'ts', sourceType: 'module' });
  const fatal = parsed.errors.find((e) => e.severity === 'Error');
  if (fatal) throw new Unparsable(fatal.message, lineOf(fatal.labels[0]?.start ?? 0));

  const found: FoundImport[] = [];
  const add = (source: unknown, at: number, kind: FoundImport['kind'], typeOnly: boolean) =>
    found.push({ specifier: literal(source), line: lineOf(at), typeOnly, kind });

  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) {
      if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) visit(child);
      return;
    }
    const node = value;
    switch (node.type) {
      case 'ImportDeclaration':
        add(node.source, node.start, 'import', node.importKind === 'type');
        break;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source) add(node.source, node.start, 'export', node.exportKind === 'type');
        break;
      case 'ImportExpression':
        add(node.source, node.start, 'dynamic import', false);
        break;
      case 'TSImportType':
        add(node.source ?? node.argument, node.start, 'type import', true);
        break;
      case 'TSImportEqualsDeclaration': {
        const ref = node.moduleReference;
        if (isNode(ref) && ref.type === 'TSExternalModuleReference') add(ref.expression, node.start, 'require', node.importKind === 'type');
        break;
      }
      case 'CallExpression': {
        const callee = node.callee;
        const isRequire =
          isNode(callee) &&
          ((callee.type === 'Identifier' && callee.name === 'require') ||
            (callee.type === 'MemberExpression' && isNode(callee.object) && callee.object.type === 'Identifier' && callee.object.name === 'require'));
        if (isRequire && Array.isArray(node.arguments)) add(node.arguments[0], node.start, 'require', false);
        break;
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'type' && key !== 'start' && key !== 'end') visit(child);
    }
  };
  visit(parsed.program);
  return found;
}

// ---- `tsx scripts/check-layers.ts` ------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const violations = checkLayers(root);
  for (const v of violations) console.error(v.message);
  if (violations.length > 0) {
    console.error(`\n${violations.length} import(s) break the layer rule (DESIGN.md, "Who may import what").`);
    process.exit(1);
  }
  console.log('Every import in src/, bench/, e2e/ and scripts/ keeps to its layer.');
}
