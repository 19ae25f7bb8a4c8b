// The SDK is one CommonJS file with no dependencies: copied into libs/ (see README.md).
const { createTracker } = require('./libs/eventline-miniprogram.min.js');
const { endpoint, writeKey, loginUrl } = require('./config.js');

// Created before App(), so the launch (scene, path, query) is recorded as `mp_launch` at once and
// every page can reach the tracker through getApp().
const tracker = createTracker({ endpoint, writeKey });

App({
  tracker,
  onLaunch() {
    wx.login({
      success: ({ code }) => {
        // Your server trades the code for the openid (and unionid) with WeChat's code2Session and
        // answers them; identify() then links this device's events to the customer.
        wx.request({
          url: loginUrl,
          method: 'POST',
          data: { code },
          success: ({ statusCode, data }) => {
            if (statusCode !== 200 || !data || !data.openid) return;
            // The unionid comes only when the app is bound to a WeChat Open Platform account.
            tracker.identify(data.unionid ? { wechat_openid: data.openid, wechat_unionid: data.unionid } : { wechat_openid: data.openid });
          },
        });
      },
    });
  },
});
