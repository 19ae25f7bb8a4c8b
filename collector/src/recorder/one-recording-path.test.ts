import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const src = join(import.meta.dirname, '..');

/** The collector's source files outside the store and the recorder, tests left out. */
function sourcesOutside(...owners: string[]): { path: string; text: string }[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path))
    .filter((path) => !owners.some((owner) => path.startsWith(`${owner}/`)))
    .map((path) => ({ path: relative(src, join(src, path)), text: readFileSync(join(src, path), 'utf8') }));
}

const callersOf = (pattern: RegExp, allowed: readonly string[] = []) =>
  sourcesOutside('store', 'recorder').flatMap(({ path, text }) =>
    [...text.matchAll(pattern)].map((m) => `${path}: ${m[0]}`).filter((hit) => !allowed.includes(hit)),
  );

// A second caller would be a second recording path, one that skips a step (triggers, material tags,
// the live debugger) or does it differently. Route it through services.recorder instead.
it('leaves writing events to the recorder alone', () => {
  expect(callersOf(/\bevents\s*\.\s*write\s*\(/g)).toEqual([]);
});

it('leaves validating events to the recorder alone', () => {
  // The only other validate() is the XML parser's, on a WeChat push's body.
  expect(callersOf(/\b\w*\s*\.\s*validate\s*\(/g, ['wechat/parse-wechat-xml.ts: XMLValidator.validate('])).toEqual([]);
  // The validator is built once, for the recorder.
  expect(callersOf(/new\s+EventValidator\s*\(/g)).toEqual(['create-services.ts: new EventValidator(']);
});
