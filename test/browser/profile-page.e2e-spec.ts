import { FACTS } from '../../src/modules/matching/engine/facts';
import {
  PROFILE_FIELDS,
  profileField,
  type FieldTable,
} from '../../src/modules/matching/engine/profile-fields';
import { launchChromium, WatchedPage } from '../support/browser';
import { exampleProfileJson, usccFor } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import type { Browser } from 'playwright-core';

/**
 * The SME's profile page against the real service in Chromium: every question the server may ask
 * is shown with a control to answer it, and saving sends back every fact the API returned.
 */
const STEP = 180_000;

/**
 * The profile fields the server may ask about (engine/questions.ts): a missing optional field or
 * object; an optional field inside an object given without it (`founder.partners`); and any input
 * of a derived fact, asked when the fact cannot be derived (`industryCode` for the size class).
 */
function askableFields(): string[] {
  const fields = new Set<string>();
  const walk = (table: FieldTable, prefix: string) => {
    for (const [name, spec] of Object.entries(table)) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (spec.optional) fields.add(path);
      if (spec.kind === 'object') walk(spec.fields, path);
    }
  };
  walk(PROFILE_FIELDS, '');
  for (const fact of Object.values(FACTS)) for (const input of fact.inputs ?? []) fields.add(input);
  return [...fields];
}

describe('the SME profile page in Chromium (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchChromium();
  }, STEP);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A new SME with its enterprise described through the API, signed in on a fresh page. */
  async function smeWith(profile: Record<string, unknown>) {
    serial += 1;
    const email = `owner-${serial}@profile-page.example`;
    const password = 'a-long-sme-password';
    const token = await t.http.registerSme(email, password);
    const created = await t.http.post('/api/v1/enterprises', profile, { token });
    expect(created.status).toBe(201);
    const watched = await WatchedPage.open(browser, t.url);
    const { page } = watched;
    await page.goto('/login');
    await page.getByLabel('电子邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/sme');
    await page.getByLabel('登记名称 *').waitFor();
    const stored = async () =>
      (await t.http.get(`/api/v1/enterprises/${created.body.id}`, { token })).body.profile;
    return { watched, page, token, id: created.body.id as string, stored };
  }

  it(
    'should ask about tax relief, the agricultural operator type and the partners when the server does, and save the answers',
    async () => {
      // A small farm in an industrial park paying little tax, started by a graduate: the server
      // asks whether it enjoys tax relief, what kind of agricultural operator it is and how many
      // started it.
      const profile = exampleProfileJson({
        uscc: usccFor(1, '91', '360111', ['P', 'Q']),
        industryCode: 'A0111',
        annualRevenueYuan: 3_000_000,
        taxPaidLastYearYuan: 10_000,
        listings: ['caiyuan_recommendation'],
        founder: { categories: ['college_graduate'] },
      });
      const preview = await t.http.post('/api/v1/matches/preview', profile);
      const fields = preview.body.questions.map((q: { field: string }) => q.field);
      expect(fields).toEqual(
        expect.arrayContaining(['taxRelief', 'agriOperatorType', 'founder.partners']),
      );

      const { watched, page, stored } = await smeWith(profile);
      const questions = page.getByRole('group', { name: '先回答这几个问题' });
      await questions.waitFor();
      expect(await questions.locator('.question').count()).toBe(fields.length);
      const agri = questions.getByLabel('新型农业经营主体类型');
      expect(await agri.locator('option').evaluateAll((o) => o.map((x) => x.textContent))).toEqual([
        '暂不填写',
        '种养大户',
        '家庭农场',
        '农民专业合作社',
        '农业龙头企业',
      ]);
      await watched.check('sme-profile-farm-questions');

      await questions.getByLabel('是否依法免税或享受税收优惠').selectOption({ label: '是' });
      await agri.selectOption({ label: '家庭农场' });
      await questions.getByLabel('合伙创业人数').fill('1');
      // Answered at the top, each is asked once: not again in its section.
      expect(await page.getByLabel('合伙创业人数').count()).toBe(1);
      await page.getByRole('button', { name: '保存并查看匹配结果' }).click();
      await page.waitForURL(/\/sme\/matches\/[0-9a-f-]{36}$/);
      expect(await stored()).toEqual({
        ...profile,
        taxRelief: true,
        agriOperatorType: 'family_farm',
        founder: { categories: ['college_graduate'], partners: 1 },
      });

      // The same controls in English read as words, never as codes.
      await page.goto('/sme');
      await page.getByRole('button', { name: 'English' }).click();
      const agriEn = page.getByLabel('Type of agricultural operator');
      expect(await agriEn.locator('option:checked').textContent()).toBe('Family farm');
      expect(
        await page.getByLabel('Exempt from tax, or enjoying a tax preference').inputValue(),
      ).toBe('yes');
      await page.getByLabel('Located in an industrial park').waitFor();
      await page.getByRole('button', { name: '中文' }).click();
      await watched.close();
    },
    STEP,
  );

  it(
    'should show every question the server may ask with a control to answer it',
    async () => {
      const askable = askableFields();
      // Every profile field the server may ask about, as questions of one preview: a field the
      // page had no control for would show without one (or not at all).
      const { watched, page } = await smeWith(
        exampleProfileJson({
          uscc: usccFor(2, '91', '360111', ['P', 'Q']),
          founder: { categories: ['veteran'] },
        }),
      );
      await page.route('**/api/v1/matches/preview', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.questions = askable.map((field) => ({
          field,
          label: profileField(field)!.label,
          settles: [],
        }));
        await route.fulfill({ response, json: body });
      });
      await page.reload();
      const questions = page.getByRole('group', { name: '先回答这几个问题' });
      await questions.waitFor();
      const shown = await questions.locator('.question').evaluateAll((els) =>
        els.map((el) => ({
          label: el.querySelector('strong')?.textContent,
          controls: el.querySelectorAll('input, select').length,
        })),
      );
      expect(shown).toEqual(
        askable.map((field) => ({
          label: profileField(field)!.label.zh,
          controls: expect.any(Number),
        })),
      );
      const without = shown.filter((q) => q.controls === 0).map((q) => q.label);
      expect(without).toEqual([]);
      expect(await page.getByText('这一项暂时不能在本页填写。').count()).toBe(0);
      await watched.check('sme-profile-every-question');
      await watched.close();
    },
    STEP,
  );

  it(
    'should save back every fact the API returned when the SME saves without a change, and only the change after one',
    async () => {
      // Every field of the profile, with values the form shows rounded or not at all.
      const profile = exampleProfileJson({
        uscc: usccFor(3, '91', '360111', ['P', 'Q']),
        taxRelief: true,
        agriOperatorType: 'large_grower',
        founder: { categories: ['veteran', 'college_graduate'], partners: 3 },
        hiring: { newHiresLast12Months: 12, newHiresFromTargetGroups: 5 },
        receivables: { amountYuan: 3_456_789, debtorIsGovernmentOrLargeEnterprise: true },
        governmentProcurementContract: { amountYuan: 1_500_000 },
        listings: ['caiyuan_recommendation'],
        jobRetentionRate: 0.9567,
      });
      const { watched, page, stored } = await smeWith(profile);
      const loaded = await stored();
      expect(Object.keys(loaded).sort()).toEqual(Object.keys(PROFILE_FIELDS).sort());
      await page.getByRole('button', { name: '保存并查看匹配结果' }).click();
      await page.waitForURL(/\/sme\/matches\/[0-9a-f-]{36}$/);
      expect(await stored()).toEqual(loaded);

      await page.goto('/sme');
      const partners = page.getByLabel('合伙创业人数');
      expect(await partners.inputValue()).toBe('3');
      await partners.fill('2');
      await page.getByLabel('退役军人').uncheck();
      await page.getByRole('button', { name: '保存并查看匹配结果' }).click();
      await page.waitForURL(/\/sme\/matches\/[0-9a-f-]{36}$/);
      expect(await stored()).toEqual({
        ...loaded,
        founder: { categories: ['college_graduate'], partners: 2 },
      });
      watched.assertClean();
      await watched.close();
    },
    STEP,
  );

  it(
    'should ask for the founder categories before saving a number of partners without them',
    async () => {
      const profile = exampleProfileJson({ uscc: usccFor(4, '91', '360111', ['P', 'Q']) });
      const { watched, page, stored } = await smeWith(profile);
      await page.getByLabel('合伙创业人数').fill('2');
      const message = page.getByText('请先在上方选择创业者类别，都不是的勾选“以上都不是”');
      await message.waitFor();
      await page.getByRole('button', { name: '保存并查看匹配结果' }).click();
      expect(page.url()).toMatch(/\/sme$/);
      await page.getByLabel('以上都不是').check();
      await message.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: '保存并查看匹配结果' }).click();
      await page.waitForURL(/\/sme\/matches\/[0-9a-f-]{36}$/);
      expect((await stored()).founder).toEqual({ categories: [], partners: 2 });
      watched.assertClean();
      await watched.close();
    },
    STEP,
  );
});
