import { Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';

interface FormDialogProps<V> {
  title: string;
  /** What opens the dialog: usually a button calling `show`. */
  trigger: (show: () => void) => ReactNode;
  initialValues?: Partial<V>;
  /**
   * Gets the validated values; resolve true once saved (the dialog closes),
   * false when refused or failed: the dialog stays open with what was typed.
   */
  onSubmit: (values: V) => Promise<boolean>;
  okText?: string;
  width?: number;
  children: ReactNode;
}

/**
 * One form in a dialog, the way every entry dialog of the ledger works:
 * 保存 validates, hands the values over and closes only when they were
 * saved; 取消 throws the input away (nothing is kept between openings).
 */
export function FormDialog<V extends object>({
  title,
  trigger,
  initialValues,
  onSubmit,
  okText = '保存',
  width,
  children,
}: FormDialogProps<V>) {
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<V>();
  async function save() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      if (await onSubmit(values)) setOpen(false);
    } finally {
      setSaving(false);
    }
  }
  return (
    <>
      {trigger(() => setOpen(true))}
      <Modal
        title={title}
        open={open}
        onOk={save}
        onCancel={() => setOpen(false)}
        okText={okText}
        cancelText="取消"
        confirmLoading={saving}
        width={width}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={initialValues}>
          {children}
        </Form>
      </Modal>
    </>
  );
}
