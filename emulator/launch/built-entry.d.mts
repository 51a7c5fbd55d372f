export function builtEntry(entry: string, log?: (line: string) => void): Promise<string>;
export function runBuilt(entry: string, args: string[]): Promise<void>;
