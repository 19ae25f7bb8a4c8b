/**
 * A failure named by its `code`, with no HTTP status: the layers below the routes speak in these, and
 * app.ts alone decides which status each becomes.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}
