// Your collector and its public ingest key. The collector's domain must be in the mini-program's
// "request legal domains" (mp.weixin.qq.com → Development → Server domains), over HTTPS.
module.exports = {
  endpoint: 'https://collect.example.com',
  writeKey: 'el_pub_REPLACE_ME',
};
