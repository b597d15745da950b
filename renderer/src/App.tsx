import {
  BankOutlined,
  CalendarOutlined,
  DashboardOutlined,
  ImportOutlined,
  ProjectOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { App as AntApp, ConfigProvider, Layout, Menu, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { navigate, useRoute } from './app/router';
import { services } from './app/services';
import { CompanyDetail, CompanyList } from './features/companies/pages';
import { ContactDetail, ContactList } from './features/contacts/pages';
import { DealDetail, DealList } from './features/deals/pages';
import { EventDetail, EventList } from './features/events/pages';
import { ReportButton, ReportDialog } from './features/export/ReportDialog';
import { useExportStore } from './features/export/store';
import { ImportPage } from './features/import/ImportPage';
import { OverviewPage } from './features/overview/OverviewPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { useSettingsStore } from './features/settings/store';

dayjs.locale('zh-cn');

const NAV = [
  { key: 'overview', icon: <DashboardOutlined />, label: '总览' },
  { key: 'deals', icon: <ProjectOutlined />, label: '签约项目' },
  { key: 'contacts', icon: <TeamOutlined />, label: '客商' },
  { key: 'companies', icon: <BankOutlined />, label: '企业注册' },
  { key: 'events', icon: <CalendarOutlined />, label: '活动' },
  { key: 'import', icon: <ImportOutlined />, label: '导入' },
  { key: 'settings', icon: <SettingOutlined />, label: '设置' },
];

function Page() {
  const { section, id } = useRoute();
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
    default:
      return <OverviewPage />;
  }
}

function MenuCommands() {
  const { message } = AntApp.useApp();
  useEffect(
    () =>
      services().platform.onMenuCommand((command) => {
        if (command === 'open-settings') navigate('settings');
        else if (command === 'quick-entry') navigate('deals');
        else if (command === 'export-report') useExportStore.getState().openReport();
        else if (command === 'import-excel') navigate('import');
        else message.info('该功能将在后续版本提供');
      }),
    [message],
  );
  return null;
}

export function App() {
  const { section } = useRoute();
  const orgName = useSettingsStore((s) => s.settings.orgName);
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#b42318', borderRadius: 4, fontSize: 14 } }}
    >
      <AntApp>
        <MenuCommands />
        <ReportDialog />
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider width={176} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <div style={{ padding: '18px 20px 12px' }}>
              <Typography.Title level={4} style={{ margin: 0, color: '#b42318' }}>
                招商台账
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {orgName}
              </Typography.Text>
            </div>
            <Menu
              mode="inline"
              selectedKeys={[section]}
              items={NAV}
              onClick={({ key }) => navigate(key)}
              style={{ borderInlineEnd: 'none' }}
            />
            <div style={{ padding: '12px 16px' }}>
              <ReportButton block />
            </div>
          </Layout.Sider>
          <Layout.Content style={{ padding: 20, background: '#f5f6f8', minWidth: 0 }}>
            <Page />
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
