import { expect, it } from 'vitest';
import { createMiniProgramContext } from './mini-program-context';
import { createFakeHost } from './testing/fake-host';
import { version } from './version';

it('names the SDK, the host and the device, and the page on top of the stack at each call', () => {
  const fake = createFakeHost('tt');
  const restore = fake.install();
  try {
    const context = createMiniProgramContext(fake.host);
    expect(context()).toEqual({
      library: { name: '@eventline/miniprogram', version },
      locale: 'zh_CN',
      screen: { width: 390, height: 844 },
      miniProgram: { host: 'tt', app: undefined, hostVersion: '8.0.50', baseLibrary: '3.5.0' },
      device: { brand: 'devtools', model: 'iPhone 12', os: 'iOS 16.0', platform: 'ios' },
    });
    fake.pages.push({ route: 'pages/index/index' }, { __route__: 'pages/item/item' });
    expect(context().page).toEqual({ path: 'pages/item/item' });
  } finally {
    restore();
  }
});

it('does without the system info when the host throws for it', () => {
  const fake = createFakeHost('wx');
  fake.host.api.getSystemInfoSync = () => {
    throw new Error('getSystemInfoSync:fail');
  };
  expect(createMiniProgramContext(fake.host)()).toEqual({ library: { name: '@eventline/miniprogram', version }, miniProgram: { host: 'wx' } });
});
