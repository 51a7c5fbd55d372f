/**
 * Preloaded into every Node.js Lambda instance (`node --require <this file>`), before the
 * runtime and the function's code. TCP connections to an AWS hostname on port 443 go to the
 * emulator's front door instead (`_WORKBENCH_AWS_REDIRECT`, `127.0.0.1:<port>`), so SDK clients
 * built with no endpoint, or with `https://<apiId>.execute-api.<region>.amazonaws.com/<stage>`,
 * reach the emulated services unchanged. Only the address changes: TLS still names and verifies
 * the AWS hostname, against the local CA the instance trusts through NODE_EXTRA_CA_CERTS.
 *
 * Every TCP client in Node (net.connect, tls.connect, http/https agents, fetch) ends in
 * net.Socket.prototype.connect, so wrapping that one method covers SDK v3's node-http-handler,
 * SDK v2's https module, and plain https.request alike.
 *
 * Plain CommonJS with no imports but node:net: it must load in any Node version a runtime uses,
 * with nothing to build first.
 */
'use strict';

const net = require('node:net');

const target = /^(.+):(\d+)$/.exec(process.env._WORKBENCH_AWS_REDIRECT || '');

if (target) {
  const redirectHost = target[1];
  const redirectPort = Number(target[2]);
  const connect = net.Socket.prototype.connect;

  /** True for `*.amazonaws.com` (a trailing dot allowed) on the HTTPS port. */
  const redirected = (options) =>
    options !== null &&
    typeof options === 'object' &&
    typeof options.host === 'string' &&
    /\.amazonaws\.com\.?$/i.test(options.host) &&
    Number(options.port) === 443;

  // A copy: tls.connect keeps its own options object, whose host names the certificate to verify.
  const moved = (options) => ({ ...options, host: redirectHost, port: redirectPort });

  net.Socket.prototype.connect = function workbenchConnect(...args) {
    const first = args[0];
    if (Array.isArray(first)) {
      // Node's own callers pass arguments it has normalised already ([options, callback], marked
      // with an internal symbol); replacing the element keeps the array and its mark.
      if (redirected(first[0])) first[0] = moved(first[0]);
    } else if (redirected(first)) {
      args[0] = moved(first);
    } else if (
      (typeof first === 'number' || typeof first === 'string') &&
      redirected({ port: first, host: args[1] })
    ) {
      args[0] = redirectPort;
      args[1] = redirectHost;
    }
    return connect.apply(this, args);
  };
}
