import {
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../shared/contract';
import type { SettingsPatch } from '../../../../shared/settings';
import { services } from '../../app/services';
import { describeError } from '../../components/errors';
import { useEvents } from '../../ledger/hooks';
import { TargetsCard } from '../targets/TargetsCard';
import { TeamServerCard } from '../sync/TeamServerCard';
import { TeamRename } from './TeamRename';
import { Writable } from '../sync/Writable';
import { useSettingsStore } from './store';

const tagsInput = (placeholder: string) => (
  <Select
    mode="tags"
    tokenSeparators={['，', ',']}
    placeholder={placeholder}
    open={false}
    suffixIcon={null}
  />
);

/** The settings that are lists of names, each typed as tags. */
const LIST_FIELDS = [
  { name: 'teams', label: '招商组团', noun: '组团', placeholder: '输入组团名称后回车', extra: undefined },
  { name: 'industries', label: '行业', noun: '行业', placeholder: '输入行业后回车', extra: undefined },
  { name: 'parks', label: '园区', noun: '园区', placeholder: '输入园区后回车', extra: undefined },
  {
    name: 'milestoneTemplate',
    label: '销号节点模板',
    noun: '节点',
    placeholder: '输入节点名称后回车',
    extra: '新建的签约项目按此顺序带上这些节点，每个项目可单独增删改',
  },
] as const;

const THRESHOLDS = [
  ['redOverdueDays', '节点逾期红灯'],
  ['redSignedNotStartedDays', '签约未开工红灯'],
  ['yellowNoProgressDays', '无进展黄灯'],
  ['redNoProgressDays', '无进展红灯'],
] as const;

export function SettingsPage() {
  const settings = useSettingsStore((s) => s.settings);
  const update = useSettingsStore((s) => s.update);
  const events = useEvents();
  const [form] = Form.useForm<SettingsPatch>();
  const [info, setInfo] = useState<AppInfo>();
  const { message } = AntApp.useApp();

  useEffect(() => {
    void services().platform.appInfo().then(setInfo);
  }, []);

  async function save() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await update(services().platform, { ...values, currentEventId: values.currentEventId ?? null });
      message.success('设置已保存');
    } catch (error) {
      message.error(describeError(error));
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="设置" style={{ maxWidth: 860 }}>
        <Form form={form} layout="vertical" initialValues={settings}>
          <Form.Item
            name="userName"
            label="用户名"
            extra="记录在每条数据的创建人和变更记录中"
            rules={[{ max: 40, message: '不能超过40个字' }]}
          >
            <Input placeholder="如：张三" />
          </Form.Item>
          <Form.Item
            name="orgName"
            label="单位名称"
            extra="用于报表标题"
            rules={[{ max: 80, message: '不能超过80个字' }]}
          >
            <Input />
          </Form.Item>
          {LIST_FIELDS.map(({ name, label, noun, placeholder, extra }) => (
            <Form.Item
              key={name}
              name={name}
              label={label}
              extra={
                name === 'teams' ? (
                  <Writable>
                    <TeamRename onRenamed={(teams) => form.setFieldValue('teams', teams)} />
                  </Writable>
                ) : (
                  extra
                )
              }
              rules={[{ required: true, type: 'array', min: 1, message: `至少保留一个${noun}` }]}
            >
              {tagsInput(placeholder)}
            </Form.Item>
          ))}
          <Form.Item
            label="亮灯规则（天）"
            extra="节点逾期超过红灯天数亮红灯，逾期1天起亮黄灯；签约超过天数未开工亮红灯；无进展达到天数亮黄灯/红灯"
          >
            <Space wrap>
              {THRESHOLDS.map(([key, label]) => (
                <Form.Item
                  key={key}
                  name={['lightThresholds', key]}
                  noStyle
                  rules={[{ required: true, message: `请填写${label}` }]}
                >
                  <InputNumber
                    aria-label={label}
                    prefix={label}
                    min={1}
                    max={3650}
                    precision={0}
                    style={{ width: 210 }}
                  />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
          <Form.Item name="currentEventId" label="当前活动" extra="快速登记时新记录自动标记此活动">
            <Select
              allowClear
              placeholder="未设置"
              options={events.map((e) => ({ value: e.id, label: e.name }))}
            />
          </Form.Item>
          <Form.Item name="amountUnit" label="金额单位">
            <Radio.Group
              options={[
                { value: 'wan', label: '万元' },
                { value: 'yi', label: '亿元' },
              ]}
            />
          </Form.Item>
          <Space>
            <Button type="primary" onClick={save}>
              保存设置
            </Button>
          </Space>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
          版本 {info?.version} · 数据位置：{info?.dataPath}
        </Typography.Paragraph>
      </Card>
      <TargetsCard />
      <TeamServerCard />
    </Space>
  );
}
