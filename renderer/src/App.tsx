import {
  BankOutlined,
  CalendarOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  AlertOutlined,
  ScheduleOutlined,
  ImportOutlined,
  FormOutlined,
  ProjectOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { App as AntApp, ConfigProvider, Layout, Menu, Result, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import type { MenuCommand } from '../../shared/contract';
import { navigate, useRoute } from './app/router';
import { services } from './app/services';
import { CompanyDetail, CompanyList } from './features/companies/CompanyPages';
import { ContactDetail, ContactList } from './features/contacts/ContactPages';
import { DealDetail, DealList } from './features/deals/DealPages';
import { EventDetail, EventList } from './features/events/EventPages';
import { ReportButton, ReportDialog } from './features/export/ReportDialog';
import { useExportStore } from './features/export/store';
import { ImportPage } from './features/import/ImportPage';
import { OverviewPage } from './features/overview/OverviewPage';
import { BackupsPage, StartupRestoreOffer } from './features/backups/BackupsPage';
import { installBackupTriggers } from './features/backups/actions';
import { ExchangePage } from './features/exchange/ExchangePage';
import { QuickEntryPage } from './features/quick-entry/QuickEntryPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { ProblemsPage } from './features/targets/ProblemsPage';
import { WeeklyPackDialog, WeeklyPrintPage } from './features/targets/WeeklyPack';
import { useSettingsStore } from './features/settings/store';
import { describeError } from './components/errors';
import { ErrorBoundary, RenderFaultProbe } from './components/ErrorBoundary';
import { previewExchangeBytes } from './features/exchange/actions';
import { useOpenedExchange } from './features/exchange/store';
import { keepFirstPages } from './ledger/store';
import { SyncBadge } from './features/sync/SyncBadge';
import { useCanWrite } from './features/sync/store';

dayjs.locale('zh-cn');

const NAV = [
  { key: 'overview', icon: <DashboardOutlined />, label: '总览' },
  { key: 'quick', icon: <FormOutlined />, label: '快速登记' },
  { key: 'deals', icon: <ProjectOutlined />, label: '签约项目' },
  { key: 'contacts', icon: <TeamOutlined />, label: '客商' },
  { key: 'companies', icon: <BankOutlined />, label: '企业注册' },
  { key: 'events', icon: <CalendarOutlined />, label: '活动' },
  { key: 'problems', icon: <AlertOutlined />, label: '问题台账' },
  { key: 'weekly', icon: <ScheduleOutlined />, label: '每周会商' },
  { key: 'import', icon: <ImportOutlined />, label: '导入' },
  { key: 'exchange', icon: <SwapOutlined />, label: '交换文件' },
  { key: 'backups', icon: <CloudServerOutlined />, label: '备份与恢复' },
  { key: 'settings', icon: <SettingOutlined />, label: '设置' },
];

/** Menu commands that open a page. */
/** Where each menu command leads; 导出报表 opens its dialog instead. */
const COMMAND_ROUTES: Record<Exclude<MenuCommand, 'export-report'>, string> = {
  'open-settings': 'settings',
  'quick-entry': 'quick',
  exchange: 'exchange',
  backup: 'backups',
  restore: 'backups',
  'import-excel': 'import',
};

/** Pages that only write: hidden from a role that may not change the ledger. */
const WRITE_ONLY_SECTIONS = new Set(['quick', 'import']);

function Page() {
  const { section, id } = useRoute();
  const canWrite = useCanWrite();
  if (!canWrite && WRITE_ONLY_SECTIONS.has(section)) {
    return <Result status="403" title="当前账号为只读" subTitle="只读账号可以查看和导出，不能登记或导入。" />;
  }
  switch (section) {
    case 'deals':
      return id ? <DealDetail id={id} /> : <DealList />;
    case 'contacts':
      return id ? <ContactDetail id={id} /> : <ContactList />;
    case 'companies':
      return id ? <CompanyDetail id={id} /> : <CompanyList />;
    case 'events':
      return id ? <EventDetail id={id} /> : <EventList />;
    case 'import':
      return <ImportPage />;
    case 'settings':
      return <SettingsPage />;
    case 'problems':
      return <ProblemsPage />;
    case 'weekly':
      return <WeeklyPrintPage from={id} />;
    case 'quick':
      return <QuickEntryPage />;
    case 'exchange':
      return <ExchangePage />;
    case 'backups':
      return <BackupsPage />;
    default:
      return <OverviewPage />;
  }
}

function MenuCommands() {
  const { message } = AntApp.useApp();
  useEffect(
    () =>
      services().platform.onMenuCommand((command) => {
        if (command === 'export-report') return useExportStore.getState().openReport();
        navigate(COMMAND_ROUTES[command]);
      }),
    [],
  );
  // A .zsjh file opened from the system: preview it on the exchange page; nothing is written yet.
  useEffect(
    () =>
      services().platform.onOpenedFile((file) => {
        if (!file.ok) return void message.error(`无法打开交换文件「${file.name}」：${file.message}`);
        previewExchangeBytes(file.data, file.name).then(
          (preview) => {
            useOpenedExchange.getState().offer(preview);
            navigate('exchange');
          },
          (error: unknown) => message.error(`无法打开交换文件「${file.name}」：${describeError(error)}`),
        );
      }),
    [message],
  );
  // Ctrl+N (⌘N) opens quick entry from anywhere in the page, also in the browser edition.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        navigate('quick');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => installBackupTriggers(), []);
  // The lists' first screens are read once the start page has had its turn.
  useEffect(() => {
    let stop: (() => void) | undefined;
    const start = () => (stop = keepFirstPages(['deal', 'contact', 'company', 'event']));
    const handle = requestIdleCallback(start, { timeout: 1000 });
    return () => {
      cancelIdleCallback(handle);
      stop?.();
    };
  }, []);
  return null;
}

export function App() {
  const { section, id } = useRoute();
  const orgName = useSettingsStore((s) => s.settings.orgName);
  const canWrite = useCanWrite();
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ zeroRuntime: true, token: { colorPrimary: '#b42318', borderRadius: 4, fontSize: 14 } }}
    >
      <AntApp>
        <MenuCommands />
        <ReportDialog />
        <WeeklyPackDialog />
        <StartupRestoreOffer />
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider width={176} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <div style={{ padding: '18px 20px 12px' }}>
              <Typography.Title level={4} style={{ margin: 0, color: '#b42318' }}>
                招商台账
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {orgName}
              </Typography.Text>
              <div>
                <SyncBadge />
              </div>
            </div>
            <Menu
              mode="inline"
              selectedKeys={[section]}
              items={canWrite ? NAV : NAV.filter((n) => !WRITE_ONLY_SECTIONS.has(n.key))}
              onClick={({ key }) => navigate(key)}
              style={{ borderInlineEnd: 'none' }}
            />
            <div style={{ padding: '12px 16px' }}>
              <ReportButton block />
            </div>
          </Layout.Sider>
          <Layout.Content style={{ padding: 20, background: '#f5f6f8', minWidth: 0 }}>
            {/* Keyed by route: moving to another page leaves a failed one behind. */}
            <ErrorBoundary scope="page" key={`${section}/${id ?? ''}`}>
              <RenderFaultProbe section={section} />
              <Page />
            </ErrorBoundary>
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
