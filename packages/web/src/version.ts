/** The SDK version sent as `context.library.version`; version.test.ts keeps it equal to package.json. */
export const version = '0.1.0';
