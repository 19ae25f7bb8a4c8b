import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HttpError } from '../errors/http-error';

/** Deeper than any push; a body 20,000 levels deep is refused here rather than walked. */
const maxDepth = 16;

/**
 * Entities stay as written: nothing WeChat sends needs them, and expanding them is how an XML bomb
 * (a billion laughs) turns a few hundred bytes into gigabytes. Values stay strings: a MsgID has more
 * digits than a double holds.
 */
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  // The deepest push WeChat documents (SendPicsInfo > PicList > item > PicMd5Sum) is five levels.
  maxNestedTags: maxDepth,
});

/** The child elements of a WeChat `<xml>` document that hold text, by name; a 400 for anything else. */
export function parseWechatXml(text: string): Record<string, string> {
  // WeChat never sends a DTD; one in a push is an attempt at entity expansion or external entities.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new HttpError(400, 'invalid_request', 'the XML declares a DTD or entities; they are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new HttpError(400, 'invalid_request', `the body is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    // The parser refuses element names such as __proto__ and constructor, and nesting past maxDepth,
    // with plain Errors: what the sender did wrong, not a fault of the collector.
    throw new HttpError(400, 'invalid_request', `the body is not a WeChat message: ${(error as Error).message.slice(0, 200)}`);
  }
  const root = parsed.xml;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new HttpError(400, 'invalid_request', 'the body is not a WeChat message: it has no <xml> root with elements');
  }
  // No prototype: an element named like an Object method stays a field and nothing more.
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(root)) if (typeof value === 'string') fields[name] = value;
  return fields;
}
