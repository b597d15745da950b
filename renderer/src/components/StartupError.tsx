import { Result } from 'antd';
import { describeError } from './errors';

/** Shown when the database cannot be opened; nothing is written in that state. */
export function StartupError({ error }: { error: unknown }) {
  return <Result status="error" title="无法打开台账数据库" subTitle={describeError(error)} />;
}
