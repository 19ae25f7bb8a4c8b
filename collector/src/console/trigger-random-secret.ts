import { randomBytes } from 'node:crypto';

/** A signing secret for a trigger made up by the console: 32 random bytes, URL-safe, 43 characters. */
export const triggerRandomSecret = () => randomBytes(32).toString('base64url');
