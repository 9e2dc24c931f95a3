// The playground's ready examples: plain data (the test imports this file in Node to compute
// what the engine decides for each). Each is one response's Set-Cookie lines and one request;
// what they show is the engine's answer, never written down here.
//
// `set`: the response (its URL, the top-level page it was loaded under, '' for a same-site
// request, whether it answered a top-level navigation, and whether the lines came from a
// script). `request`: the request to explain.

export const EXAMPLES = [
  {
    id: 'login',
    title: 'Login with a __Host- session',
    about: 'A login sets a __Host- session, a Strict CSRF cookie and a site-wide language. The request is a link from a mail site to the account page: a cross-site navigation, so the Strict cookie stays home.',
    set: {
      url: 'https://app.example.com/login',
      top: '',
      navigation: true,
      api: 'http',
      lines: [
        '__Host-session=8f2c1e; Secure; HttpOnly; Path=/; SameSite=Lax',
        'csrf=71ad9b; Secure; Path=/; SameSite=Strict',
        'lang=en; Domain=example.com; Path=/; Max-Age=31536000',
        'remember=1; Secure; HttpOnly; Path=/; Max-Age=1209600',
      ],
    },
    request: { url: 'https://app.example.com/account', top: 'https://mail.example.org/', method: 'GET', navigation: true, api: 'http' },
  },
  {
    id: 'embed',
    title: 'Third-party embed, with and without Partitioned',
    about: 'A widget in an iframe on news.example sets two cookies; the request is the same widget embedded on shop.example. The partitioned one stays in its news.example partition. Try the policy’s third-party modes.',
    set: {
      url: 'https://widget.example/embed',
      top: 'https://news.example/',
      navigation: false,
      api: 'http',
      lines: [
        'uid=42; Secure; SameSite=None; Path=/',
        'uid_chips=42; Secure; SameSite=None; Partitioned; Path=/',
        'prefs=compact; Path=/',
      ],
    },
    request: { url: 'https://widget.example/embed', top: 'https://shop.example/', method: 'GET', navigation: false, api: 'http' },
  },
  {
    id: 'prefix',
    title: 'A prefix mistake',
    about: 'Name prefixes are promises: __Secure- needs Secure; __Host- also needs host-only and Path=/. Only the last line keeps them.',
    set: {
      url: 'https://www.example.com/',
      top: '',
      navigation: true,
      api: 'http',
      lines: [
        '__Host-id=1; Secure; Path=/; Domain=example.com',
        '__Host-id=2; Secure; Path=/app',
        '__Secure-token=abc; Path=/',
        '__Host-id=3; Secure; Path=/',
      ],
    },
    request: { url: 'https://www.example.com/app', top: '', method: 'GET', navigation: true, api: 'http' },
  },
  {
    id: 'public-suffix',
    title: 'A public-suffix Domain',
    about: 'co.uk is a public suffix: a cookie for all of it would reach every company under it. example.co.uk is a registrable domain, so it is fine.',
    set: {
      url: 'https://shop.example.co.uk/',
      top: '',
      navigation: true,
      api: 'http',
      lines: ['everyone=1; Domain=co.uk', 'tld=1; Domain=uk', 'basket=3; Domain=example.co.uk; Path=/'],
    },
    request: { url: 'https://www.example.co.uk/', top: '', method: 'GET', navigation: true, api: 'http' },
  },
  {
    id: 'insecure',
    title: 'A Secure cookie from http',
    about: 'Over plain http, a server cannot set Secure cookies (localhost is the exception: try http://localhost/ as the URL).',
    set: {
      url: 'http://shop.example/',
      top: '',
      navigation: true,
      api: 'http',
      lines: ['sid=1; Secure; HttpOnly; Path=/', '__Secure-pay=1; Secure; Path=/', 'cart=2; Path=/'],
    },
    request: { url: 'http://shop.example/basket', top: '', method: 'GET', navigation: true, api: 'http' },
  },
  {
    id: 'minute',
    title: 'A cookie that expires in a minute',
    about: 'flash lives for 60 seconds, visits for an hour, session until the session ends. Move the clock on by a minute and watch flash expire.',
    set: {
      url: 'https://example.com/',
      top: '',
      navigation: true,
      api: 'http',
      lines: ['flash=saved; Max-Age=60; Path=/', 'visits=1; Max-Age=3600; Path=/', 'session=1; Path=/'],
    },
    request: { url: 'https://example.com/', top: '', method: 'GET', navigation: true, api: 'http' },
  },
];
