/** The sentences AWS writes about a denial, so lessons show what a learner would see on AWS. */
import type { Reason } from './evaluate.ts';

/** The text of an AccessDenied answer, in the wording IAM uses since 2021. */
export function accessDeniedMessage(
  principalArn: string,
  action: string,
  resource: string,
  reason: Reason,
): string {
  const why =
    reason === 'explicit-deny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

/** One console line for people watching the emulator. */
export function denialLine(d: {
  action: string;
  resource: string;
  roleName: string;
  reason: Reason;
  sid?: string;
}): string {
  const why =
    d.reason === 'explicit-deny'
      ? `statement ${d.sid ? `"${d.sid}" ` : ''}denies it explicitly`
      : 'no statement allows it';
  return `DENIED ${d.action} on ${d.resource} for role ${d.roleName} (${why})`;
}

export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export const MISSING_TOKEN = 'Request is missing Authentication Token';
