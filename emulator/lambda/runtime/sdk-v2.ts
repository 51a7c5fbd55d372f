/** Which module requests name AWS SDK for JavaScript v2, which the nodejs18.x+ runtimes lack. */
export function isSdkV2(specifier: string): boolean {
  return specifier === 'aws-sdk' || specifier.startsWith('aws-sdk/');
}
