/**
 * Renaming a team (组团改名). The old name stays as an alias of the new one,
 * so the year-over-year figures (同比) follow the team: computeProgress
 * counts records and targets under a former name as the current team's.
 */
import { err, ok, type Result } from './result';

export type TeamAliases = Readonly<Record<string, string>>;

export interface TeamRename {
  teams: string[];
  teamAliases: Record<string, string>;
}

const MAX_NAME = 60;

/** The current name of a team, following renames (A → B → C); a loop stops where it closes. */
export function currentTeamName(aliases: TeamAliases, name: string): string {
  const seen = new Set<string>([name]);
  let current = name;
  while (aliases[current] !== undefined && !seen.has(aliases[current]!)) {
    current = aliases[current]!;
    seen.add(current);
  }
  return current;
}

/** The names a team was known by before, oldest chain first, for showing beside it. */
export function formerNames(aliases: TeamAliases, team: string): string[] {
  return Object.keys(aliases).filter((old) => old !== team && currentTeamName(aliases, old) === team);
}

/**
 * The team list and aliases after renaming `from` to `to`, or why not (in
 * Chinese). The new name takes the old one's place in the list; a name that
 * becomes current again (renamed back) stops being an alias, so no chain loops.
 */
export function renameTeam(
  current: { teams: readonly string[]; teamAliases: TeamAliases },
  from: string,
  rawTo: string,
): Result<TeamRename> {
  const to = rawTo.trim();
  if (!current.teams.includes(from)) return err(`组团「${from}」不在组团列表中，请刷新后再试。`);
  if (!to) return err('请填写新名称。');
  if (to.length > MAX_NAME) return err(`新名称不能超过${MAX_NAME}个字。`);
  if (to === from) return err('新名称与原名称相同。');
  if (current.teams.includes(to))
    return err(`已有组团「${to}」，不能改成已有的名称。如要合并两个组团，请逐条修改签约项目的组团。`);
  if (current.teamAliases[to] !== undefined && currentTeamName(current.teamAliases, to) !== from)
    return err(
      `「${to}」是组团「${currentTeamName(current.teamAliases, to)}」的曾用名，不能用作其他组团的名称。`,
    );
  const teamAliases: Record<string, string> = { ...current.teamAliases };
  delete teamAliases[to];
  teamAliases[from] = to;
  return ok({ teams: current.teams.map((t) => (t === from ? to : t)), teamAliases });
}
