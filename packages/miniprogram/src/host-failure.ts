import type { AlipayFailure } from './mini-program-api';

/** A host's failure callback result as an Error: wx and tt say `errMsg`, Alipay `error` and `errorMessage`. */
export function hostFailure(result: unknown): Error {
  const r = (result ?? {}) as { errMsg?: string } & AlipayFailure;
  return new Error(r.errMsg ?? (r.errorMessage ? `${r.errorMessage} (${r.error})` : `error ${r.error}`));
}
