import type { Lang } from './i18n';

/**
 * The API's problem codes (docs/api.md, "Errors") and issue codes in words, both languages. The
 * server writes its `detail` and each issue's `message` in English for API clients; a person reading
 * the page in Chinese reads these instead. English keeps the server's words, which are the more
 * specific (they name the figure or the limit). A code not listed falls back to the server's text.
 */
const PROBLEMS: Record<string, readonly [string, string]> = {
  validation_failed: [
    '提交的内容有误，请按下面的提示修改。',
    'Please correct what is listed below.',
  ],
  unacceptable: [
    '提交的内容无法受理，请按下面的提示修改。',
    'Please correct what is listed below.',
  ],
  invalid_rule: ['规则或额度条件有误，请按下面的提示修改。', 'The rule or a limit is not valid.'],
  not_publishable: ['草稿还不能发布，请按下面的提示修改。', 'The draft cannot be published yet.'],
  not_eligible: [
    '按目前的企业信息，暂不能申请该产品。',
    'On the current profile the enterprise cannot apply for this product.',
  ],
  not_found: ['找不到要访问的内容，可能已被删除或无权查看。', 'Not found.'],
  unauthenticated: ['请先登录。', 'Please sign in.'],
  forbidden: ['您的账号无权进行此操作。', 'Your account may not do this.'],
  conflict: ['内容已被更改，请刷新后重试。', 'It changed meanwhile; reload and try again.'],
  invalid_transition: ['当前状态下不能进行此操作，请刷新后重试。', 'Not possible in this status.'],
  idempotency_key_reused: ['请刷新页面后重新提交。', 'Reload the page and submit again.'],
  bank_unavailable: ['所选银行目前无法接收申请，请改选其他银行。', 'That bank cannot take it now.'],
  no_bank_available: ['暂时没有可以受理的合作银行。', 'No partner bank can take it now.'],
  reroute_limit_reached: ['一笔申请最多转给三家银行，不能再转。', 'It has been with three banks.'],
  rate_limited: ['操作太频繁，请稍后再试。', 'Too many attempts; try again later.'],
  service_unavailable: ['服务暂时不可用，请稍后再试。', 'The service is unavailable; try later.'],
  internal_error: ['服务出错了，请稍后再试。', 'Something went wrong; try again later.'],
};

const ISSUES: Record<string, readonly [string, string]> = {
  required: ['此项必填。', 'Required.'],
  isDefined: ['此项必填。', 'Required.'],
  isNotEmpty: ['此项必填。', 'Required.'],
  isInt: ['请填写整数。', 'Enter a whole number.'],
  isNumber: ['请填写数字。', 'Enter a number.'],
  min: ['数值太小。', 'Too small.'],
  max: ['数值太大。', 'Too large.'],
  isEmail: ['请填写正确的电子邮箱地址。', 'Enter a valid email address.'],
  minLength: ['内容太短。', 'Too short.'],
  maxLength: ['内容太长。', 'Too long.'],
  isLength: ['长度不符合要求。', 'Wrong length.'],
  matches: ['格式不对。', 'Wrong format.'],
  isIn: ['请从选项中选择。', 'Choose one of the options.'],
  invalid_date: ['请填写正确的日期。', 'Enter a valid date.'],
  in_the_past: ['日期不能早于今天。', 'The date is in the past.'],
  after_to: ['开始日期不能晚于结束日期。', 'The start is after the end.'],
  invalid_credit_code: ['统一社会信用代码不正确，请核对营业执照。', 'Check the credit code.'],
  uscc_changed: ['统一社会信用代码保存后不能修改。', 'The credit code cannot change.'],
  unknown_region: ['请选择江西省内的区县。', 'Choose a county in Jiangxi.'],
  unknown_industry: ['行业代码不存在，请按国民经济行业分类填写。', 'Unknown industry code.'],
  taken: ['已被使用。', 'Already in use.'],
  incorrect: ['电子邮箱或密码不正确。', 'Wrong email or password.'],
  consent_required: ['请先阅读并同意授权。', 'Agree to the consent first.'],
  above_product_maximum: ['超过该产品对本企业的上限。', 'Above the product’s limit.'],
  below_product_minimum: ['低于该产品的最低金额。', 'Below the product’s minimum.'],
  missing_fact: ['需要在企业信息中补充此项。', 'Add this to the profile.'],
  criterion_failed: ['不满足此条件。', 'This condition is not met.'],
  unknown_bank: ['没有这家银行。', 'No such bank.'],
  not_a_partner: ['这家银行不办理该产品。', 'That bank does not offer the product.'],
  no_bank_serves_region: ['本企业所在地区暂无该产品的合作银行。', 'No partner bank in the region.'],
  invalid_amount: ['请填写金额。', 'Enter an amount.'],
  exceeds_approved_amount: ['不能超过批准金额。', 'Above the approved amount.'],
  rule_invalid_value: ['条件的取值与该事实的类型不符。', 'The value does not fit the fact.'],
  rule_invalid_shape: ['条件的写法不对（见 docs/rules.md）。', 'Malformed condition.'],
  rule_unknown_fact: ['没有这个事实。', 'Unknown fact.'],
  rule_empty_group: ['条件组不能为空。', 'A group needs a condition.'],
  missing_translation: ['中文和英文文本都要填写。', 'Both languages are needed.'],
  unknown_property: ['不认识的字段。', 'Unknown field.'],
};

export interface ProblemLike {
  code?: string;
  detail?: string;
  title?: string;
}

/** A problem's summary in the user's language. */
export function problemText(problem: ProblemLike, lang: Lang): string {
  const known = problem.code ? PROBLEMS[problem.code] : undefined;
  if (lang === 'en') return problem.detail || problem.title || known?.[1] || '';
  return known?.[0] ?? problem.detail ?? problem.title ?? '';
}

/** One issue (a field's error) in the user's language. */
export function issueText(issue: { code: string; message: string }, lang: Lang): string {
  if (lang === 'en') return issue.message;
  return ISSUES[issue.code]?.[0] ?? issue.message;
}
