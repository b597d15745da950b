import { Card, Empty, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import { navigate } from '../app/router';

interface Item {
  id: string;
  name: string;
  description?: ReactNode;
  actions?: ReactNode[];
}

/** A small card listing linked records, each opening its own page. */
export function LinkedList({
  title,
  section,
  items,
  extra,
}: {
  title: string;
  section: string;
  items: Item[] | undefined;
  extra?: ReactNode;
}) {
  return (
    <Card title={title} size="small" extra={extra}>
      {items && items.length === 0 ? (
        <Empty description="暂无" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          loading={!items}
          dataSource={items}
          renderItem={(item) => (
            <List.Item actions={item.actions}>
              <List.Item.Meta
                title={
                  <Typography.Link onClick={() => navigate(section, item.id)}>{item.name}</Typography.Link>
                }
                description={item.description}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
