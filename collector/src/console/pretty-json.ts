/** JSON text indented for reading; text that is not JSON (a body that failed to parse) as it came. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
