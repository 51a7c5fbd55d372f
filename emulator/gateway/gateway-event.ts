/** What the gateway reports as it runs: the emulator's console prints these, tests observe them. */
export type GatewayEvent =
  | { type: 'connect'; connectionId: string; sourceIp: string }
  /** The handshake was answered with an HTTP error instead of 101 (stage, quota, or `$connect`). */
  | { type: 'refused'; connectionId?: string; status: number; reason: string }
  | { type: 'disconnect'; connectionId: string; statusCode: number; reason: string }
  /** An integration failed; the client got `Internal server error` (or its handshake was refused). */
  | {
      type: 'error';
      connectionId: string;
      routeKey: string;
      requestId: string;
      errorType: string;
      errorMessage: string;
    }
  /** A message matched no route and there is no `$default`: the client got `Forbidden`. */
  | { type: 'unrouted'; connectionId: string; requestId: string }
  /** An `@connections` call was refused by IAM (403). */
  | { type: 'denied'; method: string; connectionId: string; resource: string; message: string }
  | { type: 'throttled'; what: 'connect' | 'management'; connectionId?: string }
  // ---- trace: frames as they pass (trace helper) ----
  /** A message from a client, and the route it selected (`(none)`: no route and no `$default`). */
  | {
      type: 'message';
      connectionId: string;
      requestId: string;
      routeKey: string;
      bytes: number;
      body: string;
    }
  /**
   * A message to a client: a PostToConnection (`requestId` is the `@connections` call's), a route
   * response or the gateway's own error frame (`requestId` is the message's).
   */
  | {
      type: 'frame-out';
      connectionId: string;
      source: 'post' | 'route-response' | 'gateway';
      requestId: string;
      bytes: number;
      body: string;
    };
