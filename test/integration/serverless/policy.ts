/** Policy statements compared as sets: the order of statements, actions and resources means nothing. */
export function normaliseStatements(statements: unknown): string[] {
  const list = (v: unknown) => (v === undefined ? undefined : [v].flat().map(String).sort());
  return [statements]
    .flat()
    .map((s) => {
      const statement = s as Record<string, unknown>;
      return JSON.stringify({
        ...statement,
        Action: list(statement.Action),
        Resource: list(statement.Resource),
      });
    })
    .sort();
}
