/**
 * Every runtime identifier AWS Lambda has had, with the dates of its deprecation schedule.
 *
 * Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html ("Supported runtimes"
 * and "Deprecated runtimes"), as republished on 2026-06-02 when AWS moved many block dates
 * (cross-checked against cfn-lint's LmbdRuntimeLifecycle.json of 2026-08-19, which copies that
 * page). AWS has moved these dates before: when it does, update this table and the date above.
 * Note that nodejs20.x's create block moved from 2026-08-31 to 2027-02-01.
 *
 * Preview runtimes (no dates, not for production): nodejs26.x and python3.15, in public preview
 * since 2026-07-24 (aws/aws-lambda-nodejs-runtime-interface-client#198; AWS Compute Blog,
 * "Introducing public preview runtimes on AWS Lambda, starting with Node.js 26 and Python 3.15").
 *
 * `deprecated`: no more security patches; `blockCreate`: new functions on it are refused;
 * `blockUpdate`: existing functions can no longer be updated. `successor`: where AWS's page sends
 * people (the newest runtime of the same language).
 */

export type RuntimeFamily = 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'go' | 'provided';

export interface RuntimeDates {
  deprecated?: string;
  blockCreate?: string;
  blockUpdate?: string;
}

export interface RuntimeInfo extends RuntimeDates {
  id: string;
  /** A public preview runtime: AWS has it, but not for production workloads. */
  preview?: boolean;
  family: RuntimeFamily;
  /** The language version the runtime names: `24` for nodejs24.x, `3.12` for python3.12. */
  version: string;
  successor?: string;
}

type Row = [id: string, deprecated?: string, blockCreate?: string, blockUpdate?: string];

const PREVIEW = new Set(['nodejs26.x', 'python3.15']);

const NODE_SUCCESSOR = 'nodejs24.x';
const PYTHON_SUCCESSOR = 'python3.14';

const ROWS: Record<RuntimeFamily, Row[]> = {
  nodejs: [
    ['nodejs26.x'],
    ['nodejs24.x', '2028-04-30', '2028-06-01', '2028-07-01'],
    ['nodejs22.x', '2027-04-30', '2027-06-01', '2027-07-01'],
    ['nodejs20.x', '2026-04-30', '2027-02-01', '2027-03-03'],
    ['nodejs18.x', '2025-09-01', '2027-02-01', '2027-03-03'],
    ['nodejs16.x', '2024-06-12', '2027-02-01', '2027-03-03'],
    ['nodejs14.x', '2023-12-04', '2024-01-09', '2027-03-03'],
    ['nodejs12.x', '2023-03-31', '2023-03-31', '2023-04-30'],
    ['nodejs10.x', '2021-07-30', '2021-07-30', '2022-02-14'],
    ['nodejs8.10', '2020-03-06', '2020-02-04', '2020-03-06'],
    ['nodejs6.10', '2019-08-12', '2019-07-12', '2019-08-12'],
    ['nodejs4.3', '2020-03-05', '2020-02-03', '2020-03-05'],
    ['nodejs4.3-edge', '2020-03-05', '2019-03-31', '2019-04-30'],
    ['nodejs', '2016-08-30', '2016-09-30', '2016-10-31'],
  ],
  python: [
    ['python3.15'],
    ['python3.14', '2029-06-30', '2029-07-31', '2029-08-31'],
    ['python3.13', '2029-06-30', '2029-07-31', '2029-08-31'],
    ['python3.12', '2028-10-31', '2028-11-30', '2029-01-10'],
    ['python3.11', '2027-06-30', '2027-07-31', '2027-08-31'],
    ['python3.10', '2026-10-31', '2027-02-01', '2027-03-03'],
    ['python3.9', '2025-12-15', '2027-02-01', '2027-03-03'],
    ['python3.8', '2024-10-14', '2027-02-01', '2027-03-03'],
    ['python3.7', '2023-12-04', '2024-01-09', '2027-03-03'],
    ['python3.6', '2022-07-18', '2022-07-18', '2022-08-29'],
    ['python2.7', '2021-07-15', '2021-07-15', '2022-05-30'],
  ],
  java: [
    ['java25', '2029-06-30', '2029-07-31', '2029-08-31'],
    ['java21', '2029-06-30', '2029-07-31', '2029-08-31'],
    ['java17', '2027-06-30', '2027-07-31', '2027-08-31'],
    ['java11', '2027-06-30', '2027-07-31', '2027-08-31'],
    ['java8.al2', '2027-06-30', '2027-07-31', '2027-08-31'],
    ['java8', '2024-01-08', '2024-02-08', '2027-03-03'],
  ],
  dotnet: [
    ['dotnet10', '2028-11-14', '2028-12-14', '2029-01-15'],
    ['dotnet9', '2026-11-10'],
    ['dotnet8', '2026-11-10', '2027-02-01', '2027-03-03'],
    ['dotnet6', '2024-12-20', '2027-02-01', '2027-03-03'],
    ['dotnetcore3.1', '2023-04-03', '2023-04-03', '2023-05-03'],
    ['dotnetcore2.1', '2022-01-05', '2022-01-05', '2022-04-13'],
    ['dotnetcore2.0', '2019-05-30', '2019-04-30', '2019-05-30'],
    ['dotnetcore1.0', '2019-06-27', '2019-06-30', '2019-07-30'],
  ],
  ruby: [
    ['ruby4.0', '2029-03-31', '2029-04-30', '2029-05-31'],
    ['ruby3.4', '2028-03-31', '2028-04-30', '2028-05-31'],
    ['ruby3.3', '2027-03-31', '2027-04-30', '2027-05-31'],
    ['ruby3.2', '2026-03-31', '2027-02-01', '2027-03-03'],
    ['ruby2.7', '2023-12-07', '2024-01-09', '2027-03-03'],
    ['ruby2.5', '2021-07-30', '2021-07-30', '2022-03-31'],
  ],
  go: [['go1.x', '2024-01-08', '2024-02-08', '2027-03-03']],
  provided: [
    ['provided.al2023', '2029-06-30', '2029-07-31', '2029-08-31'],
    ['provided.al2', '2026-07-31', '2027-02-01', '2027-03-03'],
    ['provided', '2024-01-08', '2024-02-08', '2027-03-03'],
  ],
};

const SUCCESSORS: Record<RuntimeFamily, string> = {
  nodejs: NODE_SUCCESSOR,
  python: PYTHON_SUCCESSOR,
  java: 'java25',
  dotnet: 'dotnet10',
  ruby: 'ruby4.0',
  go: 'provided.al2023',
  provided: 'provided.al2023',
};

export const RUNTIMES: ReadonlyMap<string, RuntimeInfo> = new Map(
  (Object.entries(ROWS) as Array<[RuntimeFamily, Row[]]>).flatMap(([family, rows]) =>
    rows.map(([id, deprecated, blockCreate, blockUpdate]): [string, RuntimeInfo] => {
      const successor = SUCCESSORS[family];
      return [
        id,
        {
          id,
          family,
          version: versionOf(id),
          ...(PREVIEW.has(id) ? { preview: true } : {}),
          ...(deprecated ? { deprecated } : {}),
          ...(blockCreate ? { blockCreate } : {}),
          ...(blockUpdate ? { blockUpdate } : {}),
          ...(successor !== id && !PREVIEW.has(id) ? { successor } : {}),
        },
      ];
    }),
  ),
);

/** The runtime the workbench's own app, lessons and templates use. */
export const APP_RUNTIME = NODE_SUCCESSOR;

function versionOf(id: string): string {
  return id.match(/(\d+(?:\.\d+)?)/)?.[1] ?? '';
}
