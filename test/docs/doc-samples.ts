/** One shell command of a doc, and the answer the doc shows under it (`# {json}`), if any. */
export interface DocCommand {
  /** The doc and the line the command starts on, for messages. */
  where: string;
  command: string;
  expected?: unknown;
}

/**
 * The commands of every ```sh block of a markdown text, in order. A command runs on over lines ending
 * in `\`; a comment line right under it that holds JSON is the answer the doc promises (a part of it:
 * the fields shown must be there with those values).
 */
export function extractCommands(doc: string, text: string): DocCommand[] {
  const commands: DocCommand[] = [];
  const lines = text.split('\n');
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      inBlock = !inBlock && /^\s*```(sh|bash|shell)\s*$/.test(line);
      continue;
    }
    if (!inBlock || line.trim() === '' || line.trim().startsWith('#')) continue;
    const start = i;
    let command = line.trim();
    while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    const entry: DocCommand = { where: `${doc}:${start + 1}`, command };
    const answer = /^\s*#\s*([[{].*)$/.exec(lines[i + 1] ?? '');
    if (answer) {
      try {
        entry.expected = JSON.parse(answer[1]!);
      } catch {
        // A comment that is not JSON is prose for the reader.
      }
    }
    commands.push(entry);
  }
  return commands;
}

/** Where `actual` differs from the part of it a doc shows, as a path; undefined when it holds. */
export function mismatch(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${path || 'answer'}: expected ${expected.length} item(s), got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const found = mismatch(expected[i], actual[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path || 'answer'}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const found = mismatch(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${path || 'answer'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
