// Your collector and its public ingest key. The collector's domain must be in the mini-program's
// "request legal domains" (mp.weixin.qq.com → Development → Server domains), over HTTPS.
module.exports = {
  endpoint: 'https://collect.example.com',
  writeKey: 'el_pub_REPLACE_ME',
  // Your own server's login route: it trades wx.login's code for the openid with code2Session.
  loginUrl: 'https://api.example.com/wx-login',
};
