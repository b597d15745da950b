import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { PublicUser } from '../../../../shared/sync/protocol';
import { ROLE_LABELS, ROLES, type Role } from '../../../../shared/sync/roles';
import { describeError } from '../../components/errors';
import { useSettingsStore } from '../settings/store';
import { SyncBadge } from './SyncBadge';
import { canManageUsers } from './selectors';
import {
  addressNeedsReload,
  forgetServer,
  saveAddressAndReload,
  servedByTeamServer,
  syncController,
  useSyncStore,
} from './store';

interface SignInForm {
  address: string;
  name: string;
  password: string;
}

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** 设置 → 团队服务器: address and sign-in, who is signed in, the sync state; users for administrators. */
export function TeamServerCard() {
  const state = useSyncStore();
  const configured = useSettingsStore((s) => s.settings.serverOrigin);
  const [form] = Form.useForm<SignInForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const served = servedByTeamServer();
  const { message } = AntApp.useApp();

  async function signIn() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      if (!served && addressNeedsReload(values.address)) {
        message.info('服务器地址已保存，程序将重新载入以允许连接该服务器，请随后登录');
        await saveAddressAndReload(values.address);
        return;
      }
      const user = await syncController().signIn(values.address ?? '', values.name, values.password);
      form.setFieldValue('password', '');
      message.success(`已登录：${user.displayName}（${ROLE_LABELS[user.role]}）`);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function act(fn: () => Promise<void>, done?: string) {
    setBusy(true);
    try {
      await fn();
      if (done) message.success(done);
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const session = state.session;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 860 }}>
      <Card title="团队服务器" extra={<SyncBadge />}>
        {!served && !configured && !session && (
          <Typography.Paragraph type="secondary">
            连接单位内网的团队服务器后，本机的修改会自动上传，其他同事的修改会自动同步到本机；断网时照常使用，联网后自动补上。不连接服务器时，本程序不访问任何网络。
          </Typography.Paragraph>
        )}
        {state.message && (
          <Alert
            type={state.phase === 'offline' ? 'warning' : 'error'}
            showIcon
            title={state.message}
            style={{ marginBottom: 16 }}
          />
        )}
        {session && state.phase !== 'signed-out' ? (
          <>
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="服务器">{session.origin}</Descriptions.Item>
              <Descriptions.Item label="用户">
                {session.user.displayName}（{session.user.name}）
              </Descriptions.Item>
              <Descriptions.Item label="角色">{ROLE_LABELS[session.user.role]}</Descriptions.Item>
              <Descriptions.Item label="组团">{session.user.team ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="上次同步">
                {state.lastSyncAt ? dayjs(state.lastSyncAt).format('YYYY-MM-DD HH:mm:ss') : '尚未同步'}
              </Descriptions.Item>
              <Descriptions.Item label="待上传">{state.pending} 条</Descriptions.Item>
            </Descriptions>
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" loading={busy} onClick={() => act(() => syncController().syncNow())}>
                立即同步
              </Button>
              <Button disabled={busy} onClick={() => act(() => syncController().signOut(), '已退出登录')}>
                退出
              </Button>
            </Space>
          </>
        ) : (
          <Form
            form={form}
            layout="vertical"
            style={{ maxWidth: 420 }}
            initialValues={{ address: configured ?? '', name: session?.user.name ?? '' }}
            onFinish={signIn}
          >
            {!served && (
              <Form.Item
                name="address"
                label="服务器地址"
                extra="例如 http://192.168.1.10:8787，由单位管理员提供"
                rules={[{ required: true, message: '请填写服务器地址' }]}
              >
                <Input placeholder="http://192.168.1.10:8787" autoComplete="url" />
              </Form.Item>
            )}
            <Form.Item name="name" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>
                登录
              </Button>
              {configured && !served && (
                <Popconfirm
                  title="断开此服务器？"
                  description={
                    state.pending
                      ? `还有 ${state.pending} 条本机修改未上传，断开后不再上传。本机台账不受影响。`
                      : '本机台账不受影响，之后的修改不再上传。'
                  }
                  okText="断开"
                  cancelText="取消"
                  onConfirm={() => act(forgetServer, '已断开团队服务器')}
                >
                  <Button disabled={busy}>断开此服务器</Button>
                </Popconfirm>
              )}
            </Space>
          </Form>
        )}
      </Card>
      {canManageUsers(state) && state.phase !== 'signed-out' && <UsersCard />}
    </Space>
  );
}

interface NewUserForm {
  name: string;
  displayName: string;
  role: Role;
  team?: string;
  password: string;
}

/** 用户管理 for administrators: the server's users, new ones, roles, disabling. */
function UsersCard() {
  const teams = useSettingsStore((s) => s.settings.teams);
  const [users, setUsers] = useState<PublicUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<NewUserForm>();
  const { message } = AntApp.useApp();

  const [version, setVersion] = useState(0);
  const load = () => setVersion((v) => v + 1);
  useEffect(() => {
    let live = true;
    syncController()
      .listUsers()
      .then(
        (list) => {
          if (!live) return;
          setUsers(list);
          setError(null);
        },
        (e: unknown) => live && setError(describeError(e)),
      );
    return () => {
      live = false;
    };
  }, [version]);

  async function create() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      const user = await syncController().createUser({
        ...values,
        ...(values.team ? { team: values.team } : {}),
      });
      message.success(`已创建用户：${user.displayName}`);
      form.resetFields();
      load();
    } catch (e) {
      message.error(describeError(e));
    }
  }

  async function update(
    user: PublicUser,
    patch: Parameters<ReturnType<typeof syncController>['updateUser']>[1],
  ) {
    try {
      await syncController().updateUser(user.id, patch);
      message.success(`已修改：${user.displayName}`);
    } catch (e) {
      message.error(describeError(e));
    }
    load();
  }

  return (
    <Card title="用户管理">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<PublicUser>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={users}
        columns={[
          { title: '用户名', dataIndex: 'name' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '角色',
            dataIndex: 'role',
            render: (role: Role, user) => (
              <Select
                size="small"
                value={role}
                options={ROLE_OPTIONS}
                style={{ width: 110 }}
                aria-label={`${user.displayName}的角色`}
                onChange={(next) => void update(user, { role: next })}
              />
            ),
          },
          { title: '组团', dataIndex: 'team', render: (t: string | null) => t ?? '—' },
          {
            title: '状态',
            dataIndex: 'disabled',
            render: (disabled: boolean, user) => (
              <Space>
                {disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
                <Button size="small" type="link" onClick={() => void update(user, { disabled: !disabled })}>
                  {disabled ? '启用' : '停用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        新建用户
      </Typography.Title>
      <Form form={form} layout="inline" initialValues={{ role: 'member' }} style={{ rowGap: 12 }}>
        <Form.Item name="name" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input placeholder="用户名（登录用，不含空格）" aria-label="新用户的用户名" />
        </Form.Item>
        <Form.Item name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input placeholder="姓名" aria-label="新用户的姓名" />
        </Form.Item>
        <Form.Item name="role">
          <Select options={ROLE_OPTIONS} style={{ width: 110 }} aria-label="新用户的角色" />
        </Form.Item>
        <Form.Item name="team">
          <Select
            allowClear
            placeholder="组团"
            options={teams.map((t) => ({ value: t, label: t }))}
            style={{ width: 160 }}
            aria-label="新用户的组团"
          />
        </Form.Item>
        <Form.Item name="password" rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}>
          <Input.Password placeholder="初始密码（至少 8 位）" aria-label="新用户的初始密码" />
        </Form.Item>
        <Button type="primary" onClick={create}>
          创建
        </Button>
      </Form>
    </Card>
  );
}
