import { App as AntApp, Button, Form, Input, Select, Typography } from 'antd';
import { formerNames } from '../../../../shared/domain/teams';
import { describeError } from '../../components/errors';
import { FormDialog } from '../../components/FormDialog';
import { renameTeam, useSettingsStore } from './store';

interface RenameValues {
  from: string;
  to: string;
}

/**
 * 组团改名 in 设置: the team takes the new name in the list, on its deals and
 * targets (each change in the history, with the old name); the old name is
 * kept as a former name (曾用名) so last year's figures count in its 同比.
 */
export function TeamRename({ onRenamed }: { onRenamed: (teams: string[]) => void }) {
  const teams = useSettingsStore((s) => s.settings.teams);
  const aliases = useSettingsStore((s) => s.settings.teamAliases);
  const { message } = AntApp.useApp();
  const renamed = teams.filter((t) => formerNames(aliases, t).length > 0);

  async function submit(v: RenameValues): Promise<boolean> {
    try {
      const r = await renameTeam(v.from, v.to);
      if (!r.ok) {
        message.error(r.error);
        return false;
      }
      onRenamed(useSettingsStore.getState().settings.teams);
      message.success(
        `已将「${r.value.from}」改名为「${r.value.to}」：${r.value.deals} 个签约项目、${r.value.targets} 项目标任务随之改名，原名称的数字计入同比`,
      );
      return true;
    } catch (error) {
      message.error(describeError(error));
      return false;
    }
  }

  return (
    <div>
      <FormDialog<RenameValues>
        title="组团改名"
        okText="改名"
        initialValues={{ from: teams[0] }}
        onSubmit={submit}
        trigger={(show) => (
          <Button size="small" onClick={show}>
            组团改名
          </Button>
        )}
      >
        <Typography.Paragraph type="secondary">
          改名后，组团列表、签约项目和目标任务中都显示新名称，每条记录的变更记录保留原名称；原名称作为曾用名保留，
          往年的数字计入新名称的同比。
        </Typography.Paragraph>
        <Form.Item name="from" label="原名称" rules={[{ required: true, message: '请选择要改名的组团' }]}>
          <Select aria-label="原名称" options={teams.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item
          name="to"
          label="新名称"
          rules={[
            { required: true, whitespace: true, message: '请填写新名称' },
            { max: 60, message: '不能超过60个字' },
          ]}
        >
          <Input aria-label="新名称" placeholder="如：鞋业招商组团" />
        </Form.Item>
      </FormDialog>
      {renamed.length > 0 && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 12, fontSize: 12 }}>
          曾用名：{renamed.map((t) => `${t}（原${formerNames(aliases, t).join('、')}）`).join('；')}
        </Typography.Text>
      )}
    </div>
  );
}
