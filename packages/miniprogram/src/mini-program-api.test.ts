import { expectTypeOf, it } from 'vitest';
import type { WxApi } from './mini-program-api';

// A type test, checked by `tsc -p tsconfig.spec.json` (the test script runs it first): if a new
// miniprogram-api-typings changes a method the SDK calls, this stops compiling.
it('is a part of WeChat’s wx as miniprogram-api-typings declares it', () => {
  expectTypeOf<WechatMiniprogram.Wx>().toExtend<WxApi>();
});
