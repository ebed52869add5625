import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseSync } from 'vite';

// Every string a person reads comes from the dictionary. This check parses each renderer
// file (not grep) and reports what would show a hard-coded word: text between JSX tags,
// a string literal in a JSX attribute people read (label, title, placeholder,
// aria-label...), and a literal `title` / `message` / `label` in an object (a notification,
// a select option). Text with no letter (punctuation, "·", "%") passes. A line that really
// shows a fixed word (a brand, a key name) says so with `i18n-ok` in a comment.

export interface HardCoded {
  file: string;
  line: number;
  text: string;
}

const READ_ATTRIBUTES = new Set(['label', 'title', 'placeholder', 'aria-label', 'aria-description', 'aria-valuetext', 'alt', 'description', 'error', 'nothingFound', 'message', 'tooltip']);
const READ_PROPERTIES = new Set(['title', 'message', 'label', 'placeholder', 'description', 'ariaLabel']);
const LETTER = /\p{L}/u;

export function hardCodedStrings(root: string): HardCoded[] {
  const dir = resolve(root, 'src/renderer');
  const found: HardCoded[] = [];
  for (const file of files(dir)) found.push(...checkFile(file, readFileSync(file, 'utf8'), relative(root, file).split(sep).join('/')));
  return found;
}

export function checkFile(file: string, text: string, shown = file): HardCoded[] {
  const parsed = parseSync(file, text, { lang: file.endsWith('x') ? 'tsx' : 'ts', sourceType: 'module' });
  const lines = text.split('\n');
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const out: HardCoded[] = [];
  const report = (at: number, value: string) => {
    const line = lineOf(at);
    if (/i18n-ok/.test(lines[line - 1] ?? '') || /i18n-ok/.test(lines[line - 2] ?? '')) return;
    out.push({ file: shown, line, text: value.trim() });
  };
  const literalText = (node: unknown): string | null => {
    if (!isNode(node)) return null;
    if (node.type === 'Literal' && typeof node['value'] === 'string') return node['value'];
    if (node.type === 'StringLiteral' && typeof node['value'] === 'string') return node['value'];
    if (node.type === 'TemplateLiteral' && Array.isArray(node['quasis'])) {
      return (node['quasis'] as unknown[]).map((q) => (isNode(q) ? String((q['value'] as { cooked?: unknown } | undefined)?.cooked ?? '') : '')).join(' ');
    }
    if (node.type === 'JSXExpressionContainer') return literalText(node['expression']);
    return null;
  };

  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) return;
    if (value.type === 'JSXText' && typeof value['value'] === 'string' && LETTER.test(value['value'])) report(Number(value['start']), value['value']);
    if (value.type === 'JSXAttribute' && isNode(value['name'])) {
      const name = String(value['name']['name'] ?? '');
      const literal = literalText(value['value']);
      if (READ_ATTRIBUTES.has(name) && literal !== null && LETTER.test(literal)) report(Number(value['start']), `${name}="${literal}"`);
    }
    if ((value.type === 'Property' || value.type === 'ObjectProperty') && isNode(value['key'])) {
      const name = String(value['key']['name'] ?? value['key']['value'] ?? '');
      const literal = literalText(value['value']);
      if (READ_PROPERTIES.has(name) && literal !== null && LETTER.test(literal)) report(Number(value['start']), `${name}: '${literal}'`);
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'type' && typeof child === 'object') visit(child);
  };
  visit(parsed.program);
  return out;
}

function isNode(value: unknown): value is Record<string, unknown> & { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'i18n') yield* files(full);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield full;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const found = hardCodedStrings(root);
  for (const f of found) console.error(`${f.file}:${f.line}: shown without the dictionary: ${f.text}`);
  process.exit(found.length ? 1 : 0);
}
