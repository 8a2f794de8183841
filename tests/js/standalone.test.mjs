// A cloned repository stands alone: no tracked file points at files it does not contain (the
// project's old homes `../shared`, `shared/`, `STYLE.md`, `TOOLCHAIN.md`; model citations in
// docs/style.md name other projects and are exempt), every `docs/<name>.md` a file mentions exists,
// and every relative Markdown link (and #anchor) in the project's Markdown pages resolves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoPath } from './helpers.mjs';

const root = repoPath('.');
const PAGES = ['README.md', 'web/README.md', 'data/README.md', 'bench/js/README.md', 'bench/page/README.md',
  ...(existsSync(repoPath('docs')) ? readdirSync(repoPath('docs')) : []).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const SELF = relative(root, fileURLToPath(import.meta.url)).split('\\').join('/');  // names the patterns
const FOREIGN = [/\.\.\/shared\b/, /(^|[^\w.-])shared\//, /\bSTYLE\.md\b/, /\bTOOLCHAIN\.md\b/];

/** The repository's tracked files (git ls-files), or every file outside build outputs without git. */
function trackedFiles() {
  try {
    return execFileSync('git', ['-C', root, 'ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    const out = [];
    const walk = (dir) => {
      for (const name of readdirSync(join(root, dir))) {
        if (['node_modules', 'build', 'dist', '.git'].includes(name) || name.startsWith('build-')) continue;
        const p = dir ? `${dir}/${name}` : name;
        if (statSync(join(root, p)).isDirectory()) walk(p); else out.push(p);
      }
    };
    walk('');
    return out;
  }
}

const textOf = (file) => {
  const buf = readFileSync(join(root, file));
  return buf.includes(0) ? null : buf.toString('utf8');
};

/** Lines of `text` that point outside the repository: [{ line, text }]. */
export function foreignPointers(file, text) {
  const hits = [];
  text.split('\n').forEach((line, i) => {
    if (!FOREIGN.some((re) => re.test(line))) return;
    if (file === 'docs/style.md' && /\bModels?:/.test(line)) return;  // a citation of another project
    hits.push({ line: i + 1, text: line.trim() });
  });
  return hits;
}

/** GitHub's heading anchors of a Markdown text. */
export function anchorsOf(markdown) {
  const seen = new Map();
  const out = new Set();
  for (const [, heading] of stripFences(markdown).matchAll(/^#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    let slug = heading.toLowerCase().replace(/[`*_[\]()]/g, '').replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    if (n) slug = `${slug}-${n}`;
    out.add(slug);
  }
  return out;
}

const stripFences = (markdown) => markdown.replace(/^ {0,3}(```|~~~)[\s\S]*?^ {0,3}\1[^\n]*$/gm, '');
const stripCode = (markdown) => stripFences(markdown).replace(/`[^`\n]*`/g, '');

/** Relative link targets of a Markdown text: inline [..](target) and reference [..]: target. */
export function relativeLinks(markdown) {
  const text = stripCode(markdown);
  const targets = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$/gm)].map((m) => m[1]),
  ];
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** Broken links of the page `file` (repo-relative): [message]. */
export function brokenLinks(file, markdown, exists = (p) => existsSync(join(root, p)), read = (p) => readFileSync(join(root, p), 'utf8')) {
  const broken = [];
  for (const target of relativeLinks(markdown)) {
    const [path, anchor] = decodeURI(target).split('#');
    const resolved = path ? posix.normalize(posix.join(posix.dirname(file), path)) : file;
    if (resolved.startsWith('..')) { broken.push(`${target}: points outside the repository`); continue; }
    if (!exists(resolved)) { broken.push(`${target}: ${resolved} does not exist`); continue; }
    if (anchor && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(anchor)) {
      broken.push(`${target}: ${resolved} has no heading #${anchor}`);
    }
  }
  return broken;
}

test('no tracked file points at ../shared, shared/, STYLE.md or TOOLCHAIN.md', () => {
  const hits = [];
  for (const file of trackedFiles()) {
    if (file === SELF) continue;
    const text = textOf(file);
    if (text === null) continue;
    for (const h of foreignPointers(file, text)) hits.push(`${file}:${h.line}: ${h.text}`);
  }
  assert.deepEqual(hits, []);
});

test('every docs/<name>.md that a tracked file mentions exists', () => {
  const missing = [];
  for (const file of trackedFiles()) {
    if (file === SELF) continue;
    const text = textOf(file);
    if (text === null) continue;
    for (const [, name] of text.matchAll(/(?<![\w./-])docs\/([\w.-]+\.md)\b/g)) {
      if (!existsSync(repoPath(`docs/${name}`))) missing.push(`${file}: docs/${name}`);
    }
  }
  assert.deepEqual([...new Set(missing)], []);
});

for (const page of PAGES) {
  test(`${page}: every relative link resolves`, () => {
    assert.ok(existsSync(repoPath(page)), `${page} is missing`);
    assert.deepEqual(brokenLinks(page, readFileSync(repoPath(page), 'utf8')), []);
  });
}

test('the checks can fail: a pointer outside, a missing file, a missing anchor', () => {
  assert.equal(foreignPointers('core/x.cpp', '// see ../shared/TOOLCHAIN.md\n// fine\n').length, 1);
  assert.equal(foreignPointers('docs/x.md', 'read shared/data/README.md\n').length, 1);
  assert.equal(foreignPointers('docs/style.md', 'Model: some/repo `shared/x.h`\n').length, 0);
  assert.equal(foreignPointers('README.md', 'a shared and noisy machine; /usr/share/x\n').length, 0);
  const files = new Set(['docs/a.md', 'README.md']);
  const read = () => '# Title\n## Two words\n';
  const broken = brokenLinks('docs/b.md', '[ok](a.md) [x](missing.md) [y](../../up.md) [z](a.md#two-words) ' +
    '[w](a.md#nope) [web](https://example.com) `[code](not-a-link.md)`', (p) => files.has(p), read);
  assert.deepEqual(broken, ['missing.md: docs/missing.md does not exist', '../../up.md: points outside the repository',
    'a.md#nope: docs/a.md has no heading #nope']);
  assert.deepEqual([...anchorsOf('# The page (`web/`)\n## Tests\n## Tests\n')], ['the-page-web', 'tests', 'tests-1']);
});
