/**
 * What AWS's runtime schedule (table.ts) means for a function today: refused (AWS never had the
 * runtime, or the workbench cannot run its language), warned (deprecated or past its block
 * dates), or fine.
 */
import { APP_RUNTIME, RUNTIMES, type RuntimeInfo } from './table.ts';

/** osls's default when serverless.yml names none, and the runtime of functions that say nothing. */
export const DEFAULT_RUNTIME = APP_RUNTIME;

/** The languages this workbench runs; AWS's other runtimes are known but refused. */
const RUNNABLE = new Set(['nodejs', 'python']);

export type RuntimeStage = 'supported' | 'deprecated' | 'create-blocked' | 'update-blocked';

/** Today as AWS's dates are written (UTC). */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function stageOf(info: RuntimeInfo, on = today()): RuntimeStage {
  if (info.blockUpdate && on >= info.blockUpdate) return 'update-blocked';
  if (info.blockCreate && on >= info.blockCreate) return 'create-blocked';
  if (info.deprecated && on >= info.deprecated) return 'deprecated';
  return 'supported';
}

/** The runtime's entry; throws, with the identifiers that do exist, when AWS never had it. */
export function runtimeInfo(runtime: string, functionName: string): RuntimeInfo {
  const info = RUNTIMES.get(runtime);
  if (!info) {
    const family = runtime.match(/^[a-z]+/)?.[0] ?? '';
    const current = (r: RuntimeInfo) => !r.preview && stageOf(r) === 'supported';
    const same = [...RUNTIMES.values()].filter((r) => r.family === family && current(r));
    const known = (same.length > 0 ? same : [...RUNTIMES.values()].filter(current))
      .map((r) => r.id)
      .join(', ');
    throw new Error(
      `function ${functionName}: runtime "${runtime}" is not a runtime AWS Lambda has ever had, so AWS would refuse this function. Current ones: ${known}. ` +
        `(함수 ${functionName}: "${runtime}"는 AWS Lambda에 없는 런타임이라 AWS가 이 함수를 거부합니다.)`,
    );
  }
  if (!RUNNABLE.has(info.family)) {
    throw new Error(
      `function ${functionName}: ${runtime} is an AWS runtime, but this workbench runs only Node.js (nodejs*.x) and Python (python3.*) functions. ` +
        `(함수 ${functionName}: ${runtime}은 AWS 런타임이지만 이 워크벤치는 Node.js와 Python 함수만 실행합니다.)`,
    );
  }
  return info;
}

/**
 * One line for people when the runtime is past any of its dates: which date, what it means on
 * AWS, and the runtime to move to. Undefined while it is supported.
 */
export function lifecycleWarning(functionName: string, info: RuntimeInfo, on = today()): string | undefined {
  if (info.preview) {
    return `⚠ ${functionName}: ${info.id} is a public preview runtime on AWS (for testing, not production; it may change without notice) / ${info.id}는 AWS의 공개 미리보기 런타임입니다 (테스트용, 운영 사용 불가).`;
  }
  const stage = stageOf(info, on);
  if (stage === 'supported') return undefined;
  const to = info.successor ?? 'a supported runtime';
  const en =
    stage === 'deprecated'
      ? `${info.id} is deprecated on AWS since ${info.deprecated} (no security patches); AWS blocks creating functions on it from ${info.blockCreate ?? 'a date to be announced'}`
      : stage === 'create-blocked'
        ? `AWS has refused to create functions on ${info.id} since ${info.blockCreate}, and blocks updating them from ${info.blockUpdate ?? 'a date to be announced'}`
        : `AWS has refused to create or update functions on ${info.id} since ${info.blockUpdate}`;
  const ko =
    stage === 'deprecated'
      ? `${info.id}는 ${info.deprecated}부터 AWS 지원 종료(보안 패치 없음), ${info.blockCreate ?? '추후 공지'}부터 새 함수 생성 불가`
      : stage === 'create-blocked'
        ? `${info.id}로는 ${info.blockCreate}부터 AWS에서 함수를 새로 만들 수 없고, ${info.blockUpdate ?? '추후 공지'}부터 수정도 불가`
        : `${info.id}로는 ${info.blockUpdate}부터 AWS에서 함수를 만들거나 수정할 수 없음`;
  return `⚠ ${functionName}: ${en}. Move to ${to}. / ${ko}. ${to}로 옮기세요.`;
}
