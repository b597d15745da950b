import { Alert, Button, Card, Progress, Space, Steps, Typography } from 'antd';
import { HistoryCard } from './HistoryCard';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { SheetStep } from './SheetStep';
import { useImportStore } from './store';
import { TemplatesCard } from './TemplatesCard';
import { STEP_TITLES } from './texts';
import { ValuesStep } from './ValuesStep';
import { DoneStep } from './DoneStep';

function FileStep() {
  const { pickFile, progress, cancelParse, fileName } = useImportStore();
  if (progress) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text>
          正在读取「{fileName}」：{progress.stage}（已用 {(progress.elapsedMs / 1000).toFixed(1)} 秒）
        </Typography.Text>
        <Progress percent={Math.round(progress.fraction * 100)} status="active" />
        <Button onClick={cancelParse}>取消</Button>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size="middle">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        支持 .xlsx、.xls 和 .csv（UTF-8 或 GBK 编码），最大 20 MB、10
        万行。导入前会先预览，确认后才写入；每次导入都可以撤销。
      </Typography.Paragraph>
      <Button type="primary" size="large" onClick={() => void pickFile()}>
        选择 Excel 文件…
      </Button>
    </Space>
  );
}

export function ImportPage() {
  const { step, error, reset, fileName, checking } = useImportStore();
  const visible = STEP_TITLES.filter(
    (s) =>
      s.key !== 'values' ||
      step === 'values' ||
      useImportStore.getState().unknown.length > 0 ||
      useImportStore.getState().unknownEvents.length > 0,
  );
  const current = visible.findIndex((s) => s.key === step);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            导入Excel
          </Typography.Title>
        }
        extra={
          step !== 'file' ? (
            <Space>
              <Typography.Text type="secondary">{fileName}</Typography.Text>
              <Button onClick={reset}>重新选择文件</Button>
            </Space>
          ) : null
        }
      >
        <Steps
          size="small"
          current={current}
          items={visible.map((s) => ({ title: s.title }))}
          style={{ marginBottom: 20 }}
        />
        {checking !== null ? (
          <Progress
            percent={Math.round(checking * 100)}
            status="active"
            format={(p) => `正在检查数据 ${p}%`}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        {step === 'file' && <FileStep />}
        {step === 'sheet' && <SheetStep />}
        {step === 'mapping' && <MappingStep />}
        {step === 'values' && <ValuesStep />}
        {step === 'preview' && <PreviewStep />}
        {step === 'done' && <DoneStep />}
      </Card>
      <TemplatesCard />
      <HistoryCard />
    </Space>
  );
}
