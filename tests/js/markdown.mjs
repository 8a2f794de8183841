// Reading Markdown the way the README tests need it: one fence reader for tests/js/readme.test.mjs
// and tests/e2e/package.test.mjs (a test file cannot be imported without running its tests).

/**
 * Fenced code blocks of a Markdown text: [{ info, code, line }]. An opening fence is 3+ backticks
 * or tildes (up to 3 spaces indented) with its info string; the block runs to the closing fence
 * of the same character and at least the same length. A fence never closed throws.
 */
export function fencedBlocks(text) {
  const blocks = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; ++i) {
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, fence, info] = open;
    const body = [];
    let j = i + 1;
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    for (; j < lines.length && !close.test(lines[j]); ++j) body.push(lines[j]);
    if (j >= lines.length) throw new Error(`the code fence opened at line ${i + 1} is never closed`);
    blocks.push({ info: info.trim(), code: body.join('\n') + '\n', line: i + 1 });
    i = j;
  }
  return blocks;
}
