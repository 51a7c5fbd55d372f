/**
 * Where a function's log lines go: into the store only when its role may write them, as on AWS,
 * where a role without the logs actions leaves the log group empty and says nothing. The
 * emulator says it once per function and missing action, on its own console.
 */
import type { LogLine, Principal } from '../contracts.ts';
import type { Iam } from '../iam/iam.ts';
import type { LogStore } from './store.ts';

export interface LogSinkOptions {
  store: LogStore;
  iam: Iam;
  /** The role session a function runs as; undefined keeps its lines (no role, no check). */
  principalOf: (functionName: string) => Principal | undefined;
}

/** The actions the managed AWSLambdaBasicExecutionRole grants, with the resources Lambda uses them on. */
export function logsChecks(
  region: string,
  accountId: string,
  group: string,
): Array<{ action: string; resource: string }> {
  const groupArn = `arn:aws:logs:${region}:${accountId}:log-group:${group}:*`;
  return [
    { action: 'logs:CreateLogGroup', resource: `arn:aws:logs:${region}:${accountId}:*` },
    { action: 'logs:CreateLogStream', resource: groupArn },
    { action: 'logs:PutLogEvents', resource: groupArn },
  ];
}

/** The sink returns whether the line was kept (false: the role may not write logs). */
export function createLogSink(options: LogSinkOptions): (line: LogLine) => boolean {
  const { store, iam } = options;
  const warned = new Set<string>();

  const allowed = (line: LogLine, principal: Principal): boolean => {
    if (principal.kind === 'admin') return true;
    // Iam caches its decisions, so three checks per line cost three map lookups.
    const key = `${principal.arn}\n${line.logGroup}`;
    let ok = true;
    for (const { action, resource } of logsChecks(iam.region, iam.accountId, line.logGroup)) {
      const decision = iam.check(principal, action, resource);
      if (decision.allowed) continue;
      ok = false;
      const warnKey = `${key}\n${action}`;
      if (!warned.has(warnKey)) {
        warned.add(warnKey);
        iam.emitDenial(
          principal,
          action,
          resource,
          decision.reason === 'explicit-deny' ? 'explicit-deny' : 'implicit-deny',
          decision.sid,
          `log lines of ${line.functionName} are dropped, as on AWS, so ${line.logGroup} stays empty`,
        );
      }
    }
    return ok;
  };

  return (line) => {
    const principal = options.principalOf(line.functionName);
    if (principal !== undefined && !allowed(line, principal)) return false;
    store.put(line);
    return true;
  };
}
