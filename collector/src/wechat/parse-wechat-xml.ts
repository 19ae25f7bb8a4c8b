import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HttpError } from '../errors/http-error';

/**
 * Entities stay as written: nothing WeChat sends needs them, and expanding them is how an XML bomb
 * (a billion laughs) turns a few hundred bytes into gigabytes. Values stay strings: a MsgID has more
 * digits than a double holds.
 */
const parser = new XMLParser({ processEntities: false, htmlEntities: false, ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** The child elements of a WeChat `<xml>` document that hold text, by name; a 400 for anything else. */
export function parseWechatXml(text: string): Record<string, string> {
  // WeChat never sends a DTD; one in a push is an attempt at entity expansion or external entities.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new HttpError(400, 'invalid_request', 'the XML declares a DTD or entities; they are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new HttpError(400, 'invalid_request', `the body is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const root = (parser.parse(text) as Record<string, unknown>).xml;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new HttpError(400, 'invalid_request', 'the body is not a WeChat message: it has no <xml> root with elements');
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root)) if (typeof value === 'string') fields[name] = value;
  return fields;
}
