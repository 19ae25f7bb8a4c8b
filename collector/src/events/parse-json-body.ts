import { limits } from '@eventline/protocol';
import { HttpError } from '../errors/http-error';

/** How deep the text's arrays and objects nest, counting only brackets outside strings; stops past `max`. */
function nestingDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest && (deepest = depth) > max) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * A request body's JSON. Nesting is limited before parsing: JSON.parse accepts any depth, but every
 * later step that walks the value (validation, JSON.stringify for storage and quarantine) would
 * overflow the stack on a hostile body and fail the whole request with a 500.
 */
export function parseJsonBody(text: string): unknown {
  if (nestingDepth(text, limits.maxJsonDepth) > limits.maxJsonDepth) {
    throw new HttpError(400, 'invalid_json', `body: arrays and objects nest more than ${limits.maxJsonDepth} levels deep — send flatter JSON`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `body: not JSON (${(error as Error).message}) — send one JSON object, such as {"events": [ … ]}`);
  }
}
