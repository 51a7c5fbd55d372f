/** Shared by the npm scripts whose feature has not landed yet, so they fail loudly, not silently. */
export function notBuiltYet(command: string, issue: string): never {
  console.error(`${command}: not built yet (tracked in the issue "${issue}").`);
  console.error('Run `npm start` for the emulator, or `npm test` for the suite that exists today.');
  process.exit(2);
}
