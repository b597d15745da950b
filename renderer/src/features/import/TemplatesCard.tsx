import { Button, Card, Space, Typography } from 'antd';
import { useImportStore } from './store';
import { KIND_OPTIONS } from './texts';

export function TemplatesCard() {
  const downloadTemplate = useImportStore((s) => s.downloadTemplate);
  return (
    <Card size="small" title="模板">
      <Space wrap>
        <Typography.Text type="secondary">按模板填写的表格可直接导入：</Typography.Text>
        {KIND_OPTIONS.map((k) => (
          <Button key={k.value} onClick={() => void downloadTemplate(k.value)}>
            下载{k.label}模板
          </Button>
        ))}
      </Space>
    </Card>
  );
}
