/** The methods the script-tag stub queues until eventline.min.js has loaded. */
export const snippetMethods = ['init', 'track', 'identify', 'page', 'register', 'flush', 'reset', 'optOut', 'optIn'] as const;

/**
 * The script-tag snippet for `src` (where eventline.min.js is served). It defines `window.eventline`
 * as an array with the API's methods, each pushing `[method, ...args]`, and loads the script async;
 * the script replays the array in order. Documented in docs/sdk-web.md.
 */
export function snippet(src: string): string {
  return `!function(w,d,n,q,s,i){q=w[n]=w[n]||[];if(q.init)return;"${snippetMethods.join(' ')}".split(" ").forEach(function(m){q[m]=function(){q.push([m].concat([].slice.call(arguments)))}});s=d.createElement("script");s.async=1;s.src=${JSON.stringify(src)};d.head.appendChild(s)}(window,document,"eventline");`;
}
