import { BANKS } from '../../seeds/catalog/banks';
import { ADMIN } from '../support/env';
import { launchChromium, PHONE, WatchedPage } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';
import type { Browser } from 'playwright-core';

/**
 * The three journeys of docs/web.md in a real Chromium against the real service: an SME describes
 * itself, sees its matches and refers itself; the bank's officer approves from the inbox; the SME
 * sees the approval; an admin edits a rule and publishes it. Every main page is checked on the way:
 * no console error, an axe scan (no serious or critical violation) and a screenshot artefact.
 */
const STEP = 180_000;

/** The seeded banks' codes: none may reach an SME's or an officer's page as text. */
const BANK_CODE = new RegExp(`\\b(?:${BANKS.map((b) => b.code).join('|')})\\b`);

describe('web journeys in Chromium (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let sme: WatchedPage;
  let referralId = '';
  let adminToken = '';
  const smeUser = { email: 'owner@web-journey.example', password: 'a-long-sme-password' };

  beforeAll(async () => {
    t = await createTestApp();
    browser = await launchChromium();
    adminToken = (await t.http.post('/api/v1/auth/login', ADMIN)).body.accessToken;
  }, STEP);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it(
    'should take an SME from the entry page through its profile and matches to a referral',
    async () => {
      sme = await WatchedPage.open(browser, t.url);
      const { page } = sme;
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: '找到适合您企业的政策性贷款' }).waitFor();
      await page.getByText('科贷通').first().waitFor();
      await sme.check('home');

      // English is one click away, and back.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: /Find the policy-backed loan/ }).waitFor();
      await page.getByRole('button', { name: '中文' }).click();

      await page.getByRole('link', { name: '注册企业账号' }).click();
      await page.getByLabel('称呼（选填）').waitFor();
      await sme.check('register');
      await page.getByLabel('称呼（选填）').fill('王女士');
      await page.getByLabel('电子邮箱').fill(smeUser.email);
      await page.getByLabel('密码').fill(smeUser.password);
      await page.getByRole('button', { name: '注册企业账号' }).click();
      await page.waitForURL('**/sme');
      await page.getByRole('heading', { level: 1, name: '企业信息' }).waitFor();

      await page.getByLabel('登记名称 *').fill('南昌某电子科技有限公司');
      // The credit code is checked as it is typed, with the same code the server runs.
      const uscc = page.getByLabel('统一社会信用代码');
      await uscc.fill('91360100MA35FXX');
      await page.getByText('还差 3 位').waitFor();
      await uscc.fill('91360100MA35FXXX9D');
      await page.getByText('校验位不对，请核对营业执照上的代码').waitFor();
      await uscc.fill('91360100MA35FXXX9C');
      await page.getByLabel('所在地区 *').selectOption('360111');
      await page.getByLabel('行业代码 *').fill('C3982');
      await page.getByLabel('成立日期 *').fill('2019-04-18');
      await page.getByLabel('从业人数 *').fill('38');
      // Revenue as a range: cut at the size standard's bounds for C39 (300 万, 2000 万) and at
      // 科贷通's 2 亿, so any figure in it gives the same answers; the range sends its lowest figure.
      const revenue = page.getByLabel('上年营业收入 *');
      await revenue.selectOption({ label: '填写精确金额' });
      await page.getByLabel('上年营业收入（精确金额） *').fill('1650');
      await revenue.selectOption({ label: '300 万元至不足 2000 万元' });
      expect(await page.getByLabel('上年营业收入（精确金额） *').count()).toBe(0);
      expect(
        await revenue.locator('option').evaluateAll((o) => o.map((x) => x.textContent)),
      ).toEqual([
        '请选择',
        '不足 300 万元',
        '300 万元至不足 2000 万元',
        '2000 万元至 2 亿元',
        '超过 2 亿元至不足 4 亿元',
        '4 亿元及以上',
        '填写精确金额',
      ]);
      await page.getByLabel('资产总额').fill('2100');
      await page.getByLabel('上年度纳税额').fill('12');
      await page.getByLabel('是否位于工业园区').selectOption('yes');
      await page.getByLabel('科技型中小企业').check();
      for (const question of [
        '是否为失信被执行人',
        '是否有逾期未还贷款',
        '是否有不良信用记录',
        '是否拖欠工资或社保',
      ])
        await page.getByLabel(question).selectOption('no');
      await page.getByLabel('融资金额 *').fill('200');
      await page.getByLabel('期限（月）*').fill('12');

      // The draft survives a reload.
      await page.reload();
      await page.getByText('已恢复您上次未提交的草稿。').waitFor();
      expect(await page.getByLabel('登记名称 *').inputValue()).toBe('南昌某电子科技有限公司');
      expect(await page.getByLabel('上年营业收入 *').inputValue()).toBe('1');
      await sme.check('sme-profile');

      await page.getByRole('button', { name: '保存并查看匹配结果' }).click();
      await page.waitForURL(/\/sme\/matches\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: '匹配结果' }).waitFor();
      await page.getByRole('heading', { level: 3, name: '科贷通' }).waitFor();
      // Criteria sit under their group, which shows its own label and outcome; an "any" that holds
      // shows the alternative that holds, the others folded away as not needed.
      const card = (name: string) =>
        page.locator('li.card', { has: page.getByRole('heading', { level: 3, name }) });
      await card('科贷通')
        .locator('li.group.outcome-pass', { hasText: '符合科技型中小企业的规模标准' })
        .locator('ul.criteria li.outcome-pass', { hasText: '职工总数不超过500人' })
        .waitFor();
      const tax = card('财园信贷通').locator('li.group', { hasText: '上年度纳税不少于5万元' });
      await tax.waitFor({ state: 'attached' });
      expect(await tax.getAttribute('class')).toContain('outcome-pass');
      expect(
        await tax.locator('details.alternatives li', { hasText: '依法免税或享受税收优惠' }).count(),
      ).toBe(1);
      await sme.check('sme-matches');
      // The README's picture: the top of the matches on a phone.
      await page.setViewportSize(PHONE);
      await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
      await sme.screenshot('sme-matches-phone-top', false);
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByRole('link', { name: '申请「科贷通」' }).click();
      await page.getByRole('heading', { level: 2, name: '信息共享授权' }).waitFor();
      await page.getByText(/本企业同意将以下信息提供给.*仅用于办理「科贷通」贷款申请/).waitFor();
      // Banks by name, in the choice and in the consent text that names the chosen one.
      const kedaitong = (await t.http.get('/api/v1/products/KEDAITONG')).body;
      const partner: { code: string; name: { zh: string } } = kedaitong.partnerBanks[0];
      expect(kedaitong.partnerBanks.map((b: { code: string }) => b.code)).toEqual(
        kedaitong.partnerBankCodes,
      );
      const bankChoice = page.getByLabel('合作银行', { exact: true });
      expect(
        await bankChoice.locator('option').evaluateAll((o) => o.map((x) => x.textContent)),
      ).toContain(partner.name.zh);
      await bankChoice.selectOption({ label: partner.name.zh });
      await page.getByText(`本企业同意将以下信息提供给${partner.name.zh}，`).waitFor();
      await bankChoice.selectOption('');
      expect(await page.locator('main').innerText()).not.toMatch(BANK_CODE);
      await sme.check('sme-refer');
      await page.getByLabel('我已阅读并同意以上授权').check();
      await page.getByRole('button', { name: '同意并提交申请' }).click();
      await page.waitForURL(/\/sme\/referrals\/[0-9a-f-]{36}$/);
      await page.getByText('已提交', { exact: true }).first().waitFor();
      referralId = page.url().split('/').pop()!;
      const assigned = (await t.http.get(`/api/v1/referrals/${referralId}`, { token: adminToken }))
        .body;
      const handling = page.locator('dl.facts dt', { hasText: '当前办理银行' }).locator('+ dd');
      expect(await handling.textContent()).toBe(assigned.bankName.zh);
      expect(await page.locator('main').innerText()).not.toMatch(BANK_CODE);
      await sme.check('sme-referral');

      // Back on the profile, the questions that would settle the open products come first.
      await page.getByRole('navigation').getByRole('link', { name: '企业信息' }).click();
      await page.getByRole('group', { name: '先回答这几个问题' }).waitFor();
      await sme.check('sme-profile-questions');
    },
    STEP,
  );

  it(
    "should let the bank's officer find the referral in the inbox and approve it",
    async () => {
      expect(referralId).not.toBe('');
      const referral = await t.http.get(`/api/v1/referrals/${referralId}`, { token: adminToken });
      const bankCode: string = referral.body.bankCode;
      const officer = { email: 'officer@web-journey.example', password: 'a-long-bank-password' };
      const created = await t.http.post(
        `/api/v1/admin/banks/${bankCode}/users`,
        { ...officer, displayName: '李经理' },
        { token: adminToken },
      );
      expect(created.status).toBe(201);

      const bank = await WatchedPage.open(browser, t.url);
      const { page } = bank;
      await page.goto('/bank');
      await page.waitForURL('**/login?next=%2Fbank');
      await page.getByLabel('电子邮箱').waitFor();
      await bank.check('login');
      await page.getByLabel('电子邮箱').fill(officer.email);
      await page.getByLabel('密码').fill(officer.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/bank');
      await page.getByRole('heading', { level: 1, name: '待办申请' }).waitFor();
      const row = page.locator('tbody tr').first();
      await row.waitFor();
      // Filterable by status: the address keeps the filter, so a reload or a shared link does too.
      const filter = page.getByLabel('按状态筛选');
      await filter.selectOption({ label: '已获批' });
      await page.getByText('没有符合条件的申请。').waitFor();
      expect(page.url()).toContain('status=approved');
      await filter.selectOption({ label: '已提交' });
      await row.waitFor();
      await bank.check('bank-inbox');
      await filter.selectOption({ label: '全部' });
      await row.getByRole('link').click();
      await page.waitForURL(`**/bank/referrals/${referralId}`);
      await page.getByRole('heading', { level: 2, name: '企业授权共享的信息' }).waitFor();
      // The snapshot in words: labels, region names, 万元, enumerations by their labels.
      const fact = (name: string) => page.locator('dl.facts dt', { hasText: name }).locator('+ dd');
      expect(await fact('所在区县').textContent()).toBe('南昌市 青山湖区');
      expect(await fact('上年营业收入').textContent()).toBe('300 万元');
      expect(await fact('资产总额').textContent()).toBe('2,100 万元');
      expect(await fact('资质认定').textContent()).toBe('科技型中小企业');
      expect(await fact('失信被执行人').textContent()).toBe('否');
      expect(await page.getByText(/annualRevenueYuan|tech_sme|financingNeed/).count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toMatch(BANK_CODE);
      await bank.check('bank-referral');

      for (const [action, status] of [
        ['受理', '银行已受理'],
        ['已联系企业', '银行已联系'],
      ]) {
        await page.getByLabel(action, { exact: true }).check();
        await page.getByRole('button', { name: '提交' }).click();
        await page.locator('dl.facts .badge', { hasText: status }).waitFor();
      }
      await page.getByLabel('批准', { exact: true }).check();
      await page.getByLabel('金额 *').fill('150');
      await page.getByRole('button', { name: '提交' }).click();
      await page.locator('dl.facts .badge', { hasText: '已获批' }).waitFor();
      await page.getByText('150 万元').first().waitFor();
      await bank.check('bank-referral-approved');

      await page.getByRole('link', { name: '银行设置' }).click();
      await page.getByLabel('每日接收上限').waitFor();
      // The bank by its name, in its settings and its statistics.
      await page.getByRole('rowheader', { name: referral.body.bankName.zh }).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(BANK_CODE);
      await bank.check('bank-settings');
      await bank.close();
    },
    STEP,
  );

  it(
    "should show the SME the bank's approval on its referral and in its notifications",
    async () => {
      const { page } = sme;
      await page.goto(`/sme/referrals/${referralId}`);
      await page.locator('dl.facts .badge', { hasText: '已获批' }).waitFor();
      await page.getByText('150 万元').first().waitFor();
      await page.getByRole('link', { name: '消息' }).click();
      await page.getByRole('heading', { level: 1, name: '消息' }).waitFor();
      await page.locator('li.card').first().waitFor();
      await sme.check('sme-notifications');
      await page.getByRole('link', { name: '我的申请' }).click();
      await page.getByRole('link', { name: '科贷通' }).first().waitFor();
      const approved = (await t.http.get(`/api/v1/referrals/${referralId}`, { token: adminToken }))
        .body;
      await page.locator('li.card .meta', { hasText: approved.bankName.zh }).first().waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(BANK_CODE);
      await sme.check('sme-referrals');
    },
    STEP,
  );

  it(
    'should let the SME sign in again, apply, and withdraw the application after confirming',
    async () => {
      const again = await WatchedPage.open(browser, t.url);
      const { page } = again;
      await page.goto('/login');
      await page.getByLabel('电子邮箱').fill(smeUser.email);
      await page.getByLabel('密码').fill(smeUser.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/sme');
      await page.goto('/sme/refer/KEDAITONG');
      await page.getByLabel('我已阅读并同意以上授权').check();
      await page.getByRole('button', { name: '同意并提交申请' }).click();
      await page.waitForURL(/\/sme\/referrals\/[0-9a-f-]{36}$/);
      const id = page.url().split('/').pop()!;
      const withdraw = page.getByRole('button', { name: '撤回申请' });
      // Dismissing the question changes nothing; accepting it withdraws.
      page.once('dialog', (d) => void d.dismiss());
      await withdraw.click();
      await page.locator('dl.facts .badge', { hasText: '已提交' }).waitFor();
      expect((await t.http.get(`/api/v1/referrals/${id}`, { token: adminToken })).body.status).toBe(
        'submitted',
      );
      page.once('dialog', (d) => {
        expect(d.message()).toBe('确定撤回这份申请吗？撤回后银行将不再处理。');
        void d.accept();
      });
      await withdraw.click();
      await page.locator('dl.facts .badge', { hasText: '已撤回' }).waitFor();
      await page.locator('ol.timeline').getByText('企业撤回').waitFor();
      expect(await withdraw.count()).toBe(0);
      expect((await t.http.get(`/api/v1/referrals/${id}`, { token: adminToken })).body.status).toBe(
        'withdrawn',
      );
      await again.check('sme-referral-withdrawn');

      // English is one click away on a signed-in page too, and the bank keeps its name.
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('dl.facts .badge', { hasText: 'Withdrawn' }).waitFor();
      const bankName = (await t.http.get(`/api/v1/referrals/${id}`, { token: adminToken })).body
        .bankName;
      await page.locator('dl.facts dd', { hasText: bankName.en }).waitFor();
      await again.check('sme-referral-withdrawn-en');
      await page.getByRole('button', { name: '中文' }).click();
      await again.close();
    },
    STEP,
  );

  it(
    'should let the SME choose re-routing, move a declined application on by hand, and see each bank it went to',
    async () => {
      const { page } = sme;
      const referral = async (id: string) =>
        (await t.http.get(`/api/v1/referrals/${id}`, { token: adminToken })).body;
      // Each bank turns the application down for its own reason, through its officer's API session.
      const declineAs = async (bankCode: string, id: string) => {
        const officer = {
          email: `officer-${bankCode.toLowerCase()}@reroute.web-journey.example`,
          password: 'a-long-bank-password',
        };
        await t.http.post(`/api/v1/admin/banks/${bankCode}/users`, officer, { token: adminToken });
        const token = (await t.http.post('/api/v1/auth/login', officer)).body.accessToken;
        for (const body of [
          { type: 'acknowledged' },
          { type: 'declined', reason: 'insufficient_collateral' },
        ]) {
          const posted = await t.http.post(`/api/v1/bank/referrals/${id}/events`, body, { token });
          expect(posted.status).toBe(201);
        }
      };

      // The permission to re-route is a choice, and the text shown says it only when chosen.
      await page.goto('/sme/refer/KEDAITONG');
      await page.getByRole('heading', { level: 2, name: '信息共享授权' }).waitFor();
      const allow = page.getByLabel('如果银行逾期未受理或未批准，同意转给下一家合作银行');
      await allow.check();
      await page.getByText(/一笔申请最多转给三家银行。$/).waitFor();
      await sme.check('sme-refer-reroute');
      await allow.uncheck();
      await page.getByText(/一笔申请最多转给三家银行/).waitFor({ state: 'detached' });
      await page.getByLabel('我已阅读并同意以上授权').check();
      await page.getByRole('button', { name: '同意并提交申请' }).click();
      await page.waitForURL(/\/sme\/referrals\/[0-9a-f-]{36}$/);
      const id = page.url().split('/').pop()!;
      const submitted = await referral(id);
      expect(submitted.consent.allowReroute).toBe(false);
      expect(submitted.consent.text.zh).not.toContain('三家银行');
      const first: string = submitted.bankCode;
      expect(await page.getByRole('heading', { name: '转给其他银行' }).count()).toBe(0);

      // Without the permission a decline leaves it with the SME, who moves it on with fresh consent.
      await declineAs(first, id);
      await page.reload();
      const panel = page.locator('section', {
        has: page.getByRole('heading', { level: 2, name: '转给其他银行' }),
      });
      await panel.waitFor();
      await sme.check('sme-referral-declined');
      await panel.getByLabel('如果银行逾期未受理或未批准，同意转给下一家合作银行').check();
      await panel.getByText(/本服务为本企业另选的.*一笔申请最多转给三家银行。$/).waitFor();
      await panel.getByLabel('我已阅读并同意以上授权').check();
      await panel.getByRole('button', { name: '同意并转给其他银行' }).click();
      await page.getByText(/^申请已转给 .+。$/).waitFor();
      const moved = await referral(id);
      const second: string = moved.bankCode;
      await page.getByText(`申请已转给 ${moved.bankName.zh}。`).waitFor();
      expect(second).not.toBe(first);
      expect(moved.status).toBe('submitted');
      expect(moved.consent).toMatchObject({ bankCode: second, allowReroute: true, basis: 'fresh' });
      const timeline = page.locator('ol.timeline');
      const nameOf = async (code: string) =>
        (await t.http.get(`/api/v1/admin/banks/${code}`, { token: adminToken })).body.name;
      const names = { [first]: await nameOf(first), [second]: await nameOf(second) };
      await timeline.getByText(`由 ${names[first].zh} 转至 ${names[second].zh}`).waitFor();
      await timeline.getByText('原因：企业申请转给其他银行').waitFor();
      await page.getByText('第 2 家').waitFor();

      // With it, the next decline moves it on by itself; the third bank is the last.
      await declineAs(second, id);
      const third: string = (await referral(id)).bankCode;
      expect([first, second]).not.toContain(third);
      await declineAs(third, id);
      await page.reload();
      names[third] = await nameOf(third);
      await timeline.getByText(`由 ${names[second].zh} 转至 ${names[third].zh}`).waitFor();
      await timeline.getByText('原因：原银行未批准').waitFor();
      await timeline.getByText('暂无其他银行可接手').waitFor();
      await timeline.getByText('原因：已经转过三家银行，不能再转').waitFor();
      expect(await page.getByRole('heading', { name: '转给其他银行' }).count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toMatch(BANK_CODE);
      await sme.check('sme-referral-rerouted');

      await page.getByRole('button', { name: 'English' }).click();
      await timeline.getByText(`From ${names[second].en} to ${names[third].en}`).waitFor();
      await timeline.getByText('Why: the bank declined it').waitFor();
      await timeline.getByText('No other bank could take it').waitFor();
      await page.getByRole('button', { name: '中文' }).click();
      await sme.close();
    },
    STEP,
  );

  it(
    'should let an admin edit a rule, see a bad condition flagged at its node, and publish',
    async () => {
      const admin = await WatchedPage.open(browser, t.url);
      const { page } = admin;
      await page.goto('/login');
      await page.getByLabel('电子邮箱').fill(ADMIN.email);
      await page.getByLabel('密码').fill(ADMIN.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/admin');
      await page.getByRole('link', { name: '科贷通' }).waitFor();
      await admin.check('admin-catalogue');

      await page.getByRole('link', { name: '科贷通' }).click();
      await page.waitForURL('**/admin/products/KEDAITONG');
      await page.getByText('以下条件全部满足：').first().waitFor();
      await admin.check('admin-product');

      const editor = page.getByLabel('规则（JSON）');
      const original = JSON.parse(await editor.inputValue());
      const extra = {
        id: 'web_journey_size',
        fact: 'employees',
        operator: 'lessThanInclusive',
        value: 'five hundred',
        label: { zh: '从业人数不超过 500 人', en: 'At most 500 employees' },
      };
      await editor.fill(JSON.stringify({ all: [original, extra] }, null, 2));
      await page.locator('.rule-condition strong', { hasText: '从业人数不超过 500 人' }).waitFor();
      admin.expectFailedResource(422);
      await page.getByRole('button', { name: '检查并保存草稿' }).click();
      // The server's 422 names the node; the page shows it at that condition.
      const nodeErrors = page
        .locator('.rule-condition', { hasText: '从业人数不超过 500 人' })
        .locator('.node-errors');
      await nodeErrors.waitFor();
      // In the page's language: the server writes its problem details in English for API clients.
      await page.locator('.error-summary', { hasText: '规则或额度条件有误' }).waitFor();
      expect(await nodeErrors.textContent()).toBe(
        'eligibility.all[1].value：条件的取值与该事实的类型不符。',
      );
      await page.getByRole('button', { name: 'English' }).click();
      expect(
        await page
          .locator('.rule-condition', { hasText: 'At most 500 employees' })
          .locator('.node-errors')
          .textContent(),
      ).toBe('eligibility.all[1].value: "five hundred" is not a safe integer');
      await page.getByRole('button', { name: '中文' }).click();
      await admin.check('admin-product-invalid');
      await page
        .getByRole('heading', { level: 2, name: '准入条件（已发布）' })
        .scrollIntoViewIfNeeded();
      await admin.screenshot('admin-product-invalid-top', false);

      await editor.fill(JSON.stringify({ all: [original, { ...extra, value: 500 }] }, null, 2));
      await page.getByRole('button', { name: '检查并保存草稿' }).click();
      await page.getByText('草稿已保存。').waitFor();
      // Publishing waits for the impact preview of the saved draft.
      expect(await page.getByRole('button', { name: '发布' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: '影响预估' }).click();
      await page.getByRole('heading', { level: 3, name: '发布后的影响' }).waitFor();
      await page.getByText(/与现行第 \d+ 版相比（共 \d+ 家）/).waitFor();
      await admin.check('admin-product-impact');
      await page.getByRole('button', { name: '发布' }).click();
      await page.getByText(/已发布为第 \d+ 版。/).waitFor();
      const published = await t.http.get('/api/v1/products/KEDAITONG');
      expect(JSON.stringify(published.body.eligibility)).toContain('web_journey_size');

      const versions = (
        await t.http.get('/api/v1/admin/products/KEDAITONG/versions', { token: adminToken })
      ).body.items;
      const latest = Math.max(...versions.map((v: { version: number }) => v.version));
      const previous = latest - 1;
      await page.getByLabel('从版本').selectOption(String(previous));
      await page.getByLabel('到版本').selectOption(String(latest));
      await page.getByRole('button', { name: '比较' }).click();
      await page.locator('dl.diff dt', { hasText: 'eligibility' }).waitFor();
      await admin.check('admin-product-published');

      for (const [link, name] of [
        ['合作银行', 'admin-banks'],
        ['逾期督办', 'admin-escalations'],
        ['推送记录', 'admin-deliveries'],
        ['工作日历', 'admin-calendar'],
        ['企业认领', 'admin-claims'],
        ['统计', 'admin-stats'],
      ]) {
        await page.getByRole('navigation').getByRole('link', { name: link }).click();
        await page.getByRole('heading', { level: 1, name: link }).waitFor();
        await admin.check(name);
      }
      await page.getByRole('navigation').getByRole('link', { name: '合作银行' }).click();
      await page.locator('ul.cards a').first().click();
      await page.getByRole('heading', { level: 2, name: 'API 密钥' }).waitFor();
      await admin.check('admin-bank');
      await admin.close();
    },
    STEP,
  );
});
