/**
 * Lambda's quotas that the host enforces, with where AWS states them
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html unless noted).
 */

/**
 * Synchronous invocation response: "6 MB". Lambda's own error names the exact figure:
 * `Response payload size exceeded maximum allowed payload size (6291556 bytes).`, errorType
 * `Function.ResponseSizeTooLarge` (seen in CloudWatch and API Gateway integration errors).
 */
export const MAX_RESPONSE_BYTES = 6_291_556;

export function responseTooLargeMessage(): string {
  return `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`;
}

/**
 * Longest log event a function's line becomes. CloudWatch Logs counts 26 bytes of overhead per
 * event against its 256 KB event limit (cloudwatch_limits_cwl.html: "Event size: 256 KB
 * (maximum)"; PutLogEvents: "sum of all event messages in UTF-8, plus 26 bytes for each log
 * event"). A longer line keeps its first bytes up to that size; the rest is dropped, which
 * keeps the host's memory bounded whatever a function prints. The April 2025 raise to
 * 1 MB (https://aws.amazon.com/about-aws/whats-new/2025/04/amazon-cloudwatch-logs-increases-log-event-size-1-mb/)
 * is announced for the PutLogEvents API and the OTLP endpoint only, not for the lines Lambda
 * delivers for a function, so the 256 KB figure stays here.
 */
export const MAX_LOG_EVENT_BYTES = 262_144 - 26;

/** The report pipe carries results (≤ 6 MB as JSON) and log lines already cut by the instance;
 * anything longer is a runaway write to the pipe, not a report. */
export const MAX_REPORT_LINE_BYTES = MAX_RESPONSE_BYTES + 1024 * 1024;

/**
 * Idle execution environments are reclaimed. AWS does not document when; it is observed at
 * 5 to 15 minutes (lambda-runtime-environment.html: "after a period of inactivity").
 */
export const DEFAULT_IDLE_INSTANCE_MS = 10 * 60 * 1000;

/**
 * The flags Lambda's Node.js bootstrap (/var/runtime/bootstrap) starts node with: a heap sized to
 * the function's MemorySize (new space a tenth of it, old space the rest), so that V8 collects
 * before the sandbox's limit rather than after; `global.gc`; 80 KB HTTP headers.
 */
export function lambdaNodeFlags(memoryMB: number): string[] {
  const newSpace = Math.floor(memoryMB / 10);
  return [
    '--expose-gc',
    '--max-http-header-size=81920',
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMB - newSpace}`,
  ];
}

/** How often a running instance's memory (its whole process tree) is measured. */
export const MEMORY_POLL_MS = 100;

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, cut on a character boundary. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) return text;
  const head = text.length > maxBytes ? text.slice(0, maxBytes) : text;
  const bytes = Buffer.from(head);
  if (bytes.length <= maxBytes) return head;
  return new TextDecoder().decode(bytes.subarray(0, maxBytes)).replace(/\uFFFD$/, '');
}
