import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../../../emulator/config.ts';
import { parseParameterOverrides } from '../../../emulator/sam/template.ts';

describe('stack options', () => {
  it('reads --stack, --stage, --region and the words after --parameter-overrides, as sam deploy does', () => {
    const options = parseOptions(
      [
        '--stack',
        'template.yaml',
        '--parameter-overrides',
        'A=1',
        'B=x=y',
        '--stage',
        'prod',
        '--region',
        'eu-west-1',
      ],
      {},
    );
    expect(options).toMatchObject({ stackFile: 'template.yaml', stage: 'prod', region: 'eu-west-1' });
    expect(parseParameterOverrides(options.parameterOverrides)).toEqual({ A: '1', B: 'x=y' });
    expect(parseOptions(['--parameter-overrides=A=1 B=2'], {}).parameterOverrides).toEqual(['A=1', 'B=2']);
  });

  it('leaves stage and region to the stack unless given, whatever the shell exports', () => {
    const options = parseOptions([], { STAGE: 'x', AWS_REGION: 'us-east-1' });
    expect(options.stage).toBeUndefined();
    expect(options.region).toBeUndefined();
    expect(options.stackFile).toBeUndefined();
  });

  it('refuses --parameter-overrides without pairs, and a word that is not Key=Value', () => {
    expect(() => parseOptions(['--parameter-overrides', '--stage', 'x'], {})).toThrow(UsageError);
    expect(() => parseParameterOverrides(['novalue'])).toThrow(/"novalue" is not Key=Value/);
  });
});
