import type { Locator, Page } from 'playwright-core';

/** The open modal dialog (antd keeps closed ones in the DOM). */
export function dialog(page: Page): Locator {
  return page.locator('.ant-modal-wrap:visible .ant-modal').last();
}

export async function nav(page: Page, label: string): Promise<void> {
  await page.locator('.ant-menu').getByText(label, { exact: true }).click();
}

export async function pick(scope: Locator | Page, page: Page, label: string, option: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  const select = input.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  // Under load a click can land while the list is still opening or closing; try again then.
  for (let attempt = 1; ; attempt++) {
    try {
      await input.click({ timeout: 5000 });
      // A list that closes under the click leaves the option hidden: open it again rather than wait.
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: option })
        .first()
        .click({ timeout: 5000 });
      // Done when the select shows the choice (a multiple select keeps its list open).
      await select.filter({ hasText: option }).first().waitFor({ timeout: 4000 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
      // No Escape here: inside a dialog it would close the dialog. Clicking the select again toggles its list.
      await page.waitForTimeout(300);
    }
  }
  // Let the list finish closing so a click on the next field does not land on it.
  await page
    .locator('.ant-select-dropdown:visible')
    .first()
    .waitFor({ state: 'hidden', timeout: 2000 })
    .catch(() => undefined);
}

/** Checks a radio or checkbox; a click that lands while a dialog is still opening is tried again. */
export async function checkOn(box: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await box.check({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await box.page().waitForTimeout(300);
    }
  }
}

export async function fillDate(scope: Locator, label: string, iso: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
}

/** Fills text inputs of the open form by their visible labels. */
export async function fillForm(page: Page, values: Record<string, string>): Promise<void> {
  const form = dialog(page);
  for (const [label, value] of Object.entries(values)) {
    await form.getByLabel(label, { exact: true }).fill(value);
  }
}

/** Waits until the dialog's opening motion is over, so a click lands where its button stays. */
async function settled(d: Locator): Promise<void> {
  await d
    .and(d.page().locator('.ant-modal:not([class*="-appear"]):not([class*="-enter"])'))
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
}

/**
 * Clicks the dialog's button and waits for the dialog to close. Under load a
 * click can still miss a dialog that is moving; it is clicked once more only
 * when the dialog neither closed, nor is saving (the button spins while it
 * does, so nothing is saved twice), nor shows a form error (then the test
 * fails with that error).
 */
export async function save(page: Page, button = '保存'): Promise<void> {
  const d = dialog(page);
  await settled(d);
  for (let attempt = 1; ; attempt++) {
    await d.getByRole('button', { name: button }).click();
    try {
      await d.waitFor({ state: 'hidden', timeout: attempt === 1 ? 8000 : 30_000 });
      return;
    } catch (error) {
      const errors = await d
        .locator('.ant-form-item-explain-error')
        .allInnerTexts()
        .catch(() => []);
      if (errors.length) throw new Error(`对话框未关闭，表单提示：${errors.join('；')}`, { cause: error });
      if (attempt === 2) throw error;
      if ((await d.locator('.ant-btn-loading').count()) > 0) {
        await d.waitFor({ state: 'hidden', timeout: 30_000 });
        return;
      }
    }
  }
}

/** Waits until the text is visible in the scope; fails the test after 10 s. */
export async function expectText(scope: Locator | Page, text: string | RegExp): Promise<void> {
  await scope.getByText(text).first().waitFor({ timeout: 10_000 });
}

export async function openRow(page: Page, name: string): Promise<void> {
  await page.locator('.ant-table-row').getByText(name, { exact: true }).first().click();
  await page.locator('.ant-card-head-title h4').filter({ hasText: name }).waitFor();
}

/**
 * Waits until the popover is open and its opening motion is over. While it
 * moves, its content can measure as empty (Playwright then counts none of
 * what it holds) and a click can miss.
 */
export async function popoverSettled(popover: Locator): Promise<void> {
  await popover
    .and(popover.page().locator('.ant-popover:not([class*="-appear"]):not([class*="-enter"])'))
    .first()
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
}

/**
 * Clicks the open confirmation's button and waits for it to close. The click
 * waits for the popup's opening motion to end; under load one can still miss
 * it, so it is clicked once more only when the popup neither closed nor is
 * busy (its button spins while the action runs, so nothing is done twice).
 */
export async function confirmPopup(page: Page, button: string): Promise<void> {
  const popup = page.locator('.ant-popover:visible').filter({ has: page.locator('.ant-popconfirm-buttons') });
  await popoverSettled(popup);
  for (let attempt = 1; ; attempt++) {
    await popup.locator('.ant-popconfirm-buttons').getByRole('button', { name: button }).click();
    try {
      await popup.first().waitFor({ state: 'hidden', timeout: attempt === 1 ? 5000 : 30_000 });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
      if ((await popup.locator('.ant-btn-loading').count()) > 0) {
        await popup.first().waitFor({ state: 'hidden', timeout: 30_000 });
        return;
      }
    }
  }
}

/** The card whose title is exactly `title`. */
export function card(page: Page, title: string): Locator {
  return page
    .locator('.ant-card')
    .filter({ has: page.locator('.ant-card-head-title').getByText(title, { exact: true }) });
}

/** A deal entered through 新建签约项目 on the deal list (which must be showing). */
export async function newDeal(page: Page, values: Record<string, string>, team: string, signed?: string) {
  await page.getByRole('button', { name: '新建签约项目' }).click();
  const form = dialog(page);
  await fillForm(page, values);
  await pick(form, page, '招商组团', team);
  if (signed) await fillDate(form, '签约日期', signed);
  await save(page);
}
