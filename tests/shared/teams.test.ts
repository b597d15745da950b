import { describe, expect, it } from 'vitest';
import { currentTeamName, formerNames, renameTeam } from '../../shared/domain/teams';

const TEAMS = ['第一招商组团', '第二招商组团', '第七招商组团'];

describe('组团改名', () => {
  it('puts the new name in the old one’s place and keeps the old name as an alias', () => {
    const r = renameTeam({ teams: TEAMS, teamAliases: {} }, '第七招商组团', '  鞋业招商组团 ');
    expect(r).toEqual({
      ok: true,
      value: {
        teams: ['第一招商组团', '第二招商组团', '鞋业招商组团'],
        teamAliases: { 第七招商组团: '鞋业招商组团' },
      },
    });
  });

  it('follows a chain of renames to the current name, and lists the former names', () => {
    let s = { teams: TEAMS, teamAliases: {} as Record<string, string> };
    for (const [from, to] of [
      ['第七招商组团', '鞋业招商组团'],
      ['鞋业招商组团', '鞋服产业招商组团'],
    ] as const) {
      const r = renameTeam(s, from, to);
      if (!r.ok) throw new Error(r.error);
      s = r.value;
    }
    expect(s.teams).toEqual(['第一招商组团', '第二招商组团', '鞋服产业招商组团']);
    expect(currentTeamName(s.teamAliases, '第七招商组团')).toBe('鞋服产业招商组团');
    expect(currentTeamName(s.teamAliases, '第一招商组团')).toBe('第一招商组团');
    expect(formerNames(s.teamAliases, '鞋服产业招商组团').sort()).toEqual(
      ['第七招商组团', '鞋业招商组团'].sort(),
    );
  });

  it('renaming back to a former name leaves no loop', () => {
    const a = renameTeam({ teams: TEAMS, teamAliases: {} }, '第七招商组团', '鞋业招商组团');
    if (!a.ok) throw new Error(a.error);
    const b = renameTeam(a.value, '鞋业招商组团', '第七招商组团');
    if (!b.ok) throw new Error(b.error);
    expect(b.value.teams).toEqual(TEAMS);
    expect(b.value.teamAliases).toEqual({ 鞋业招商组团: '第七招商组团' });
    expect(currentTeamName(b.value.teamAliases, '鞋业招商组团')).toBe('第七招商组团');
    expect(currentTeamName({ 甲: '乙', 乙: '甲' }, '甲')).toBe('乙');
  });

  it('refuses, in Chinese, a name already in the list, an empty or unchanged one, and another team’s former name', () => {
    const s = { teams: TEAMS, teamAliases: { 老三组: '第二招商组团' } };
    expect(renameTeam(s, '第七招商组团', '第一招商组团')).toEqual({
      ok: false,
      error: '已有组团「第一招商组团」，不能改成已有的名称。如要合并两个组团，请逐条修改签约项目的组团。',
    });
    expect(renameTeam(s, '第七招商组团', '   ')).toEqual({ ok: false, error: '请填写新名称。' });
    expect(renameTeam(s, '第七招商组团', '第七招商组团')).toEqual({
      ok: false,
      error: '新名称与原名称相同。',
    });
    expect(renameTeam(s, '第七招商组团', '老三组')).toEqual({
      ok: false,
      error: '「老三组」是组团「第二招商组团」的曾用名，不能用作其他组团的名称。',
    });
    expect(renameTeam(s, '第九招商组团', '新组团')).toMatchObject({ ok: false });
    expect(renameTeam(s, '第七招商组团', '组'.repeat(61))).toEqual({
      ok: false,
      error: '新名称不能超过60个字。',
    });
  });
});
