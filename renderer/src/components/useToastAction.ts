import { App as AntApp } from 'antd';
import { describeError } from './errors';

/** Runs an action, then says 'done' or the plain error; resolves to whether it worked. */
export function useToastAction() {
  const { message } = AntApp.useApp();
  return async (fn: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await fn();
      message.success(done);
      return true;
    } catch (error) {
      message.error(describeError(error));
      return false;
    }
  };
}
