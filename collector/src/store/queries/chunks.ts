/** `items` in pieces of at most `size`, in order: one statement each, to stay under an engine's limit on parameters. */
export const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
