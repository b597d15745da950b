import { afterAll, describe, expect, it } from 'vitest';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { card, confirmPopup, dialog, expectText, fillDate, fillForm, nav, openRow, pick, save } from './ui';

const profile = newProfile();
let s: Session;

afterAll(async () => {
  await s?.close();
  removeProfile(profile);
});

describe('the three ledgers, through the visible Chinese labels', () => {
  it('sets the user name in 设置', async () => {
    s = await openApp(profile);
    const { page } = s;
    await screenshot(page, 'overview-empty');
    await nav(page, '设置');
    await page.getByLabel('用户名').fill('张三');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expectText(page, '设置已保存');
    await screenshot(page, 'settings');
  });

  it('creates, edits, deletes and restores an event', async () => {
    const { page } = s;
    await nav(page, '活动');
    await page.getByRole('button', { name: '新建活动' }).click();
    const form = dialog(page);
    await fillForm(page, {
      活动名称: '第十六届中国西部国际博览会',
      城市: '成都',
      主办单位: '四川省人民政府',
    });
    await pick(form, page, '级别', '省级');
    await fillDate(form, '开始日期', '2017-10-12');
    await fillDate(form, '结束日期', '2017-10-16');
    await save(page);
    await expectText(page, '第十六届中国西部国际博览会');
    await openRow(page, '第十六届中国西部国际博览会');
    await page.getByRole('button', { name: '编辑' }).click();
    await fillForm(page, { 城市: '成都市' });
    await save(page);
    await expectText(page, '成都市');
    await page.getByRole('button', { name: '设为当前活动' }).click();
    await expectText(page, '当前活动');
    await page.getByRole('button', { name: '删除' }).click();
    await confirmPopup(page, '删除');
    await expectText(page, '已删除');
    await page.getByRole('button', { name: '恢复' }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    const history = card(page, '变更记录');
    for (const action of ['新建', '修改', '删除', '恢复']) {
      await expectText(history, action);
    }
    await expectText(history, '成都市');
    await screenshot(page, 'event-detail');
  });

  it('creates a deal with field-level validation, edits, deletes and restores it, and moves its stage', async () => {
    const { page } = s;
    await nav(page, '签约项目');
    await page.getByRole('button', { name: '新建签约项目' }).click();
    const form = dialog(page);
    await fillForm(page, { 协议投资额: '三个亿' });
    await form.getByRole('button', { name: '保存' }).click();
    await expectText(form, '项目名称不能为空');
    await expectText(form, '投资方不能为空');
    await expectText(form, /无法识别的金额/);
    await fillForm(page, {
      项目名称: '大东鞋业女鞋生产基地',
      投资方: '成都大东鞋业有限公司',
      协议投资额: '3.5亿',
      包案领导: '王县长',
    });
    await pick(form, page, '行业', '鞋业');
    await pick(form, page, '招商组团', '第一招商组团');
    await pick(form, page, '签约活动', '第十六届中国西部国际博览会');
    await fillDate(form, '签约日期', '2017-10-12');
    await save(page);
    const row = page.locator('.ant-table-row').filter({ hasText: '大东鞋业女鞋生产基地' });
    await expectText(row, '35,000万元');
    await expectText(row, '已签约');
    await screenshot(page, 'deals-list');
    const search = page.getByPlaceholder(/搜索项目名称/);
    await search.fill('ddxy');
    await expectText(page, '共 1 条');
    await search.fill('dadongxie');
    await expectText(page, '共 1 条');
    await search.fill('zzz');
    await expectText(page, '共 0 条');
    await search.fill('');
    await expectText(page, '共 1 条');

    await openRow(page, '大东鞋业女鞋生产基地');
    await page.getByRole('button', { name: '编辑' }).click();
    await fillForm(page, { 协议投资额: '4亿', 责任单位: '县经信局' });
    await save(page);
    await expectText(page, '40,000万元');

    await page.getByRole('button', { name: '变更阶段' }).click();
    const stageForm = dialog(page);
    await pick(stageForm, page, '变更为', '已注册');
    await fillDate(stageForm, '日期', '2017-11-02');
    await save(page, '确定');
    const stages = card(page, '阶段变更');
    await expectText(stages, '2017-11-02');
    await expectText(stages, '已注册');

    await page.getByRole('button', { name: '删除' }).click();
    await confirmPopup(page, '删除');
    await nav(page, '签约项目');
    await expectText(page, '共 0 条');
    await page.getByRole('switch', { name: '显示已删除' }).click();
    const deletedRow = page.locator('.ant-table-row').filter({ hasText: '大东鞋业女鞋生产基地' });
    await deletedRow.getByRole('button', { name: '恢复' }).click();
    await expectText(page, '已删除 0 条');
    await page.getByRole('switch', { name: '显示已删除' }).click();
    await expectText(page, '共 1 条');
  });

  it('creates a contact, refuses a bad mobile, and links the contact to the deal', async () => {
    const { page } = s;
    await nav(page, '客商');
    await page.getByRole('button', { name: '新建客商' }).click();
    await fillForm(page, {
      姓名: '刘建国',
      单位: '成都大东鞋业有限公司',
      职务: '董事长',
      手机: '1380013800',
    });
    await dialog(page).getByRole('button', { name: '保存' }).click();
    await expectText(dialog(page), /手机号格式不正确/);
    await fillForm(page, { 手机: '138-0013-8000' });
    await save(page);
    await expectText(page.locator('.ant-table-row'), '13800138000');
    await openRow(page, '刘建国');
    await page.getByRole('button', { name: '编辑' }).click();
    await fillForm(page, { 微信: 'ljg_shoes' });
    await save(page);
    await expectText(page, 'ljg_shoes');
    await screenshot(page, 'contact-detail');

    await nav(page, '签约项目');
    await openRow(page, '大东鞋业女鞋生产基地');
    await pick(page, page, '选择客商', '刘建国');
    await page.getByRole('button', { name: '关联客商' }).click();
    const linked = card(page, '关联客商');
    await expectText(linked, '刘建国');
    await screenshot(page, 'deal-detail');

    await linked.getByText('刘建国').click();
    const dealsOfContact = card(page, '关联签约项目');
    await expectText(dealsOfContact, '大东鞋业女鞋生产基地');

    await page.getByRole('button', { name: '删除' }).click();
    await confirmPopup(page, '删除');
    await page.getByRole('button', { name: '恢复' }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();
  });

  it('creates a company and moves it along its status path with a timeline', async () => {
    const { page } = s;
    await nav(page, '企业注册');
    await page.getByRole('button', { name: '新建企业' }).click();
    const form = dialog(page);
    await fillForm(page, {
      企业名称: '四川大东鞋业有限公司',
      原所在地: '成都',
      联系人: '刘建国',
      计划用工: '300',
    });
    await pick(form, page, '入驻园区', '万贯鞋业产业园');
    await pick(form, page, '关联项目', '大东鞋业女鞋生产基地');
    await fillDate(form, '签约日期', '2017-10-15');
    await save(page);
    await openRow(page, '四川大东鞋业有限公司');

    await page.getByRole('button', { name: '变更状态' }).click();
    let st = dialog(page);
    await pick(st, page, '变更为', '名称核准');
    await fillDate(st, '日期', '2017-10-20');
    await save(page, '确定');

    await page.getByRole('button', { name: '变更状态' }).click();
    st = dialog(page);
    await pick(st, page, '变更为', '已注册');
    await fillDate(st, '日期', '2017-11-01');
    await st.getByLabel('统一社会信用代码').fill('91350100M000100Y4Z');
    await fillDate(st, '注册日期', '2017-11-01');
    await st.getByRole('button', { name: '确定' }).click();
    await expectText(st, /校验位错误：第18位应为3/);
    await st.getByLabel('统一社会信用代码').fill('91310110666007217T');
    await save(page, '确定');

    const timeline = card(page, '注册进度');
    for (const t of ['已签约', '名称核准', '2017-10-20', '已注册', '2017-11-01'])
      await expectText(timeline, t);
    await expectText(page.locator('.ant-descriptions'), '91310110666007217T');

    await page.getByRole('button', { name: '编辑' }).click();
    await fillForm(page, { '厂房/楼栋': '3号厂房' });
    await save(page);
    await page.getByRole('button', { name: '删除' }).click();
    await confirmPopup(page, '删除');
    await page.getByRole('button', { name: '恢复' }).click();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    await screenshot(page, 'company-detail');
    await nav(page, '企业注册');
    await screenshot(page, 'companies-list');
    await nav(page, '客商');
    await screenshot(page, 'contacts-list');
    await nav(page, '活动');
    await screenshot(page, 'events-list');
    await nav(page, '总览');
    await screenshot(page, 'overview');
  });

  it('keeps the records and their history after the browser is closed and reopened', async () => {
    await s.close();
    s = await openApp(profile, '#/deals');
    const { page } = s;
    await expectText(page.locator('.ant-table-row'), '大东鞋业女鞋生产基地');
    await openRow(page, '大东鞋业女鞋生产基地');
    await expectText(card(page, '关联客商'), '刘建国');
    const history = card(page, '变更记录');
    await expectText(history, '恢复');
    await expectText(history, '县经信局');
    expect(await history.locator('.ant-table-row').count()).toBeGreaterThanOrEqual(5);
    await page.locator('.ant-menu').getByText('企业注册').click();
    await openRow(page, '四川大东鞋业有限公司');
    await expectText(card(page, '注册进度'), '名称核准');
    await page.locator('.ant-menu').getByText('设置').click();
    expect(await page.getByLabel('用户名').inputValue()).toBe('张三');
  });
});
