/**
 * The seed catalogue: ten Jiangxi policy-backed financing products as data.
 *
 * Every figure comes from docs/domain/programmes.md; where
 * the sources do not settle a rule the product is `provisional` and its `note` says what is open.
 * PROVENANCE.md explains, product by product, which facts each rule uses and why.
 * Money is integer yuan (万元 × 10 000).
 */
import type { AnyRule, Condition, ProductLimit, SeedProduct } from './seed-types';

const WAN = 10_000;

// ---------------------------------------------------------------------------------------------
// Conditions shared by several products (fresh objects, so no two products share a node).
// ---------------------------------------------------------------------------------------------

/**
 * Every product excludes 失信被执行人. A platform rule: the sources (docs/domain/programmes.md) give no
 * programme-specific exclusion list, only general credit conditions ("信用良好", 严重违法失信).
 */
function notDishonestDebtor(): Condition {
  return {
    id: 'not_dishonest_debtor',
    fact: 'credit.dishonestDebtor',
    operator: 'equal',
    value: false,
    label: { zh: '未被列为失信被执行人', en: 'Not listed as a dishonest judgment debtor' },
    hint: {
      zh: '履行生效法律文书确定的义务、移出失信被执行人名单后可申请',
      en: 'Apply once court-ordered obligations are met and you are off the dishonest-debtor list',
    },
  };
}

/** 中小企业 in the sense of the national size standard: medium, small or micro. */
function smeSize(label?: Condition['label']): Condition {
  return {
    id: 'size_sme',
    fact: 'sizeClass',
    operator: 'in',
    value: ['medium', 'small', 'micro'],
    label: label ?? {
      zh: '中型、小型或微型企业（国家中小企业划型标准）',
      en: 'Medium, small or micro enterprise (national SME size standard)',
    },
  };
}

/** Small or micro by the national SME size standard: the start-up loans' size test. */
function smallOrMicroSize(id: string): Condition {
  return {
    id,
    fact: 'sizeClass',
    operator: 'in',
    value: ['small', 'micro'],
    label: {
      zh: '小型或微型企业（国家中小企业划型标准）',
      en: 'Small or micro enterprise (national SME size standard)',
    },
  };
}

/** The individual start-up loan's cap, yuan (萍乡 2025), from which the partnership cap is scaled. */
const STARTUP_INDIVIDUAL_CAP = 30 * WAN;
/** The partnership loan's ceiling, yuan (萍乡 2025). */
const STARTUP_PARTNERSHIP_CAP = 400 * WAN;

/**
 * The partnership loan's cap by number of partners, as conditional limits (first match wins):
 * 110% of one individual cap per partner, never above the 400万 ceiling. PROVISIONAL: 萍乡 2025 says
 * only that the cap grows with the partners; the 110% formula is other provinces' (PROVENANCE.md).
 */
function partnershipLimits(): ProductLimit[] {
  const out: ProductLimit[] = [];
  for (
    let partners = 1;
    (partners * STARTUP_INDIVIDUAL_CAP * 11) / 10 < STARTUP_PARTNERSHIP_CAP;
    partners++
  ) {
    const cap = (partners * STARTUP_INDIVIDUAL_CAP * 11) / 10;
    out.push({
      when: {
        id: `partners_up_to_${partners}`,
        fact: 'founder.partners',
        operator: 'lessThanInclusive',
        value: partners,
        label: {
          zh: partners === 1 ? '合伙创业人数为1人' : `合伙创业人数不超过${partners}人`,
          en: partners === 1 ? 'One partner' : `At most ${partners} partners`,
        },
      },
      amountMaxYuan: cap,
      label: {
        zh: `${partners}名合伙人，按每人个人额度30万元的110%计，最高${cap / WAN}万元（暂定）`,
        en:
          `${partners} ${partners === 1 ? 'partner' : 'partners'}: 110% of the 300,000-yuan ` +
          `individual cap each, up to ${cap.toLocaleString('en-US')} yuan (provisional)`,
      },
    });
  }
  return out;
}

/**
 * A loan to a person for the business they run: a natural-person founder, an individual business
 * (个体工商户), or a small or micro one-person company (an enterprise its founder started alone).
 * Known facts of any other form (an enterprise with partners, a partnership, a cooperative, a
 * family farm) fail it, and so does a company sized medium or large: a personal start-up loan of
 * 10万–30万 is not lent for one (PROVENANCE.md, STARTUP_LOAN_INDIVIDUAL).
 */
function personalApplicant(): AnyRule {
  return {
    any: [
      {
        id: 'individual_founder',
        fact: 'entityType',
        operator: 'in',
        value: ['individual', 'individual_business'],
        label: {
          zh: '自然人创业者或个体工商户',
          en: 'Individual founder or individual business',
        },
      },
      {
        all: [
          {
            id: 'company',
            fact: 'entityType',
            operator: 'equal',
            value: 'enterprise',
            label: { zh: '创办的企业', en: 'A company the founder started' },
          },
          smallOrMicroSize('small_business'),
          {
            id: 'single_founder',
            fact: 'founder.partners',
            operator: 'equal',
            value: 1,
            label: {
              zh: '由一人创办（一人有限公司）',
              en: 'Started by one person (one-person company)',
            },
            hint: {
              zh: '由一人创办的企业，创办人可以个人名义申请',
              en: 'A company started by one person: its founder applies personally',
            },
          },
        ],
        label: {
          zh: '小型或微型一人有限公司的创办人',
          en: 'Founder of a small or micro one-person company',
        },
      },
    ],
    label: {
      zh: '以个人名义申请：自然人、个体工商户或小微一人有限公司的创办人',
      en:
        'Applies personally: an individual, an individual business or the founder of a small ' +
        'one-person company',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Source URLs (each listed under its product in PROVENANCE.md, "Sources").
// ---------------------------------------------------------------------------------------------

const SRC = {
  // 财园信贷通
  caiyuanReprint2014: 'http://372181.com/xindaizhishi/35765.html',
  caiyuanJxrb2014: 'http://www.afscon.com/Html/newslist/?1-1980.html',
  caiyuanGov2018: 'http://www.gov.cn/xinwen/2018-08/07/content_5312147.htm',
  caiyuanXinyu2025:
    'http://xyhdz.xinyu.gov.cn/C4370/gfxwjgk/2024-10/31/content_035d493e673241478daa9427d9e37576.shtml',
  caiyuanShangraoBank: 'http://debaiwuliu.com/srbank/gsyh/srdkyw/productionCreditPh/2238.html',
  // 财政惠农信贷通
  huinongJjrb2015: 'http://paper.ce.cn/jjrb/html/2015-12/03/content_284533.htm',
  huinongChongyi2014:
    'http://nanchang.baogaosu.com/xinwen/%E5%B4%87%E5%B1%B1%E5%B3%BB%E5%B2%AD%E5%86%99%E5%A4%A7%E4%B9%89/31030113/',
  huinong2020: 'http://www.mingdingkeji.com/news/hangye/58.html',
  huinongLichuan2021: 'http://cshtsb.com/rural/view/409137.html',
  // 科贷通
  kedaitongStdaily2025: 'https://www.stdaily.com/web/gdxw/2025-09/04/content_395337.html',
  kedaitongMost2016: 'https://most.gov.cn/dfkj/jx/zxdt/201612/t20161230_130096.html',
  kedaitong2015:
    'https://nanchang.baogaosu.com/xinwen/%E5%80%8D%E9%93%B6%E8%A1%8C%E8%B4%B7%E6%AC%BE/31741335',
  kedaitongWuhan2025: 'https://jrj.wuhan.gov.cn/ztzl_57/xyrd/dfljr/202503/t20250310_2549088.shtml',
  techSmeDefinition: 'http://wzzgcs.com/page26?article_id=84&pagenum=2',
  techSmeDefinition2: 'https://max.book118.com/html/2019/1107/8075124027002062.shtm',
  // 赣工贷
  gangongdaiLaunch2019: 'http://www.qsjwater.com/a/fuzhouxinwen/2019/0225/173779.html',
  gangongdaiJiujiang2019: 'https://www.dzlps.cn/393356.html',
  gangongdaiJian2020: 'http://english.chinapost.com.cn/html1/report/20056/3182-1.htm',
  // 文企贷
  wenqidaiMeasures: 'http://kuntengsuxiu.com/article/4139.html',
  wenqidaiFund2020: 'https://gyzzzx.com/culture/gd/202007/09/t20200709_35289201.shtml',
  wenqidaiLaunch2020: 'http://372181.com/baike/57760.html',
  wenqidaiPeople2021: 'http://jx.people.com.cn/BIG5/n2/2021/0621/c348254-34786426.html',
  // 创业担保贷款
  startupPingxiang2025: 'https://www.xgbrlzyw.com/news/detail/302487.html',
  startupJdzFaq2024: 'https://www.jdz.gov.cn/zwzx/ztbd/zwgkdjt/cjwtdy/t969296.shtml',
  startupPeople2021: 'http://jx.people.com.cn/BIG5/n2/2021/0802/c186330-34847809.html',
  startupJx2018: 'http://jiangxi.3158.cn/info/20180123/n22052329287401.html',
  // Loan guides, not official: who applies personally (founders of companies; small-firm owners).
  startupGuideFounders: 'http://www.lkljr.com/cydk/2877.html',
  startupGuideApplicants: 'https://www.jobxzc.cn/cyjy/545431.html',
  startupJx2019: 'https://m.shzx.org/a/31-19744-0.html',
  startupNational2020: 'https://www.cititic.com/news/mm/1415037-20200417.htm',
  startupNational2023:
    'http://big5.www.gov.cn/gate/big5/www.gov.cn/zhengce/zhengceku/202309/content_6903691.htm',
  startupNational2023News: 'https://finance.hebnews.cn/2023-09/14/content_9068987.htm',
  startupSubsidy2021: 'http://2021my.com/2021-01/01/content_41414597.htm',
  startupSubsidyLocal2023:
    'http://www.uetd.gov.cn/jjjskfq/c119889/202309/5a66353961dd4a83ab227fff87079b02.shtml',
  // 应收账款融资
  receivablesPlatform: 'http://www.zhongcaijing.cn/shangye1/465.html',
  receivablesFunction:
    'http://www.360elib.com:2027/detail.aspx?NewsCode=NC1029&NewsId=73511401&OrgId=001',
  // 政采贷
  procurementPbc: 'https://www.crcrfsp.com/detail.do?id=8794',
  procurementLaunch2020: 'http://cgpnews.cn/articles/53710',
  procurementJiujiang2023: 'http://0792gd.cn/m/view.php?aid=49759',
  procurementShicheng: 'http://www.dongsenyule.com/news/202311036.shtml',
  procurementJinxi: 'http://www.doxycyclinev.com/articles/61873',
} as const;

// ---------------------------------------------------------------------------------------------
// 创业担保贷款: texts shared by the three variants (docs/domain/programmes.md).
// ---------------------------------------------------------------------------------------------

const STARTUP_ADMINISTRATOR = {
  zh:
    '江西省人力资源和社会保障厅、中国人民银行南昌中心支行、江西省财政厅（2018年联合意见）；' +
    '全国政策：财政部、人力资源社会保障部、中国人民银行',
  en:
    'Jiangxi Department of Human Resources and Social Security, PBoC Nanchang Central Sub-branch ' +
    'and Jiangxi Department of Finance (joint opinion, 2018); national policy: Ministry of ' +
    'Finance, Ministry of Human Resources and Social Security, People’s Bank of China',
};

const STARTUP_SUBSIDY_RULE = {
  zh:
    '自2021年1月1日起（全国2020年规则，据湖北及一地方页面报道）：利率中LPR减150个基点以下的' +
    '部分由借款人承担，其余部分由财政贴息。',
  en:
    'From 2021-01-01 (national 2020 rules, as reported for Hubei and on a local page): the ' +
    'borrower pays the part of the rate below LPR − 150 bp; the government subsidises the rest.',
};

const STARTUP_OPEN_CATEGORIES = {
  zh:
    '创业者类别：全国规定的城镇登记失业人员、就业困难人员、高校毕业生、退役军人、返乡创业农民工、' +
    '脱贫人口、农村自主创业农民等群体之外，江西另加"其他合法自主创业人员"，任何合法自主创业者' +
    '都在范围内，因此本产品不以创业者类别（founder.categories）作为资格条件——只认画像中的类别' +
    '会错误排除其他合法创业者。',
  en:
    'Founder categories: besides the national target groups (registered unemployed, hard to ' +
    'employ, college graduates, veterans, returning migrant workers, people lifted out of ' +
    'poverty, rural self-employed and others), Jiangxi adds "other lawful self-employed ' +
    'founders", so any lawful founder is in scope. The rule therefore does not test ' +
    'founder.categories: testing only the listed categories would wrongly exclude the other ' +
    'lawful founders.',
};

const DEMO_BANK = {
  zh: '合作银行江西银行为演示指定：来源未列出经办银行。',
  en: 'Partner bank Jiangxi Bank is a demo assignment: the sources name no lending bank.',
};

// ---------------------------------------------------------------------------------------------
// The products.
// ---------------------------------------------------------------------------------------------

export const PRODUCTS: readonly SeedProduct[] = [
  // 财园信贷通
  {
    code: 'CAIYUAN_XINDAITONG',
    name: { zh: '财园信贷通', en: 'Caiyuan Xindaitong (fiscal industrial-park credit)' },
    category: 'guarantee_loan',
    administrator: {
      zh: '江西省财政厅（牵头）；各地财园信贷通协调领导小组推荐；2020年起纳入政府性融资担保体系',
      en:
        'Jiangxi Department of Finance (lead); local Caiyuan Xindaitong coordination groups ' +
        'recommend borrowers; inside the government financing-guarantee system since 2020',
    },
    summary: {
      zh:
        '面向工业园区中小微企业的流动资金贷款（如采购原材料）：无需抵押，2020年起由市级政府性' +
        '融资担保公司担保、江西省融资担保股份有限公司和国家融资担保基金再担保；凭当地财园信贷通' +
        '协调领导小组推荐函申请，最高1000万元，可循环授信、随借随还。',
      en:
        'Working-capital loans (e.g. raw materials) for small, medium and micro enterprises in ' +
        'industrial parks. No collateral; since 2020 guaranteed by a city government guarantee ' +
        'company and re-guaranteed by Jiangxi Financing Guarantee Co. and the National Financing ' +
        'Guarantee Fund. Apply with a recommendation letter from the local coordination group; ' +
        'up to 10 million yuan, revolving.',
    },
    amountMinYuan: null,
    amountMaxYuan: 1000 * WAN,
    termMonthsMax: 12,
    rate: { basis: 'LPR_1Y' },
    collateral: 'guarantee',
    eligibility: {
      all: [
        {
          id: 'in_industrial_park',
          fact: 'inIndustrialPark',
          operator: 'equal',
          value: true,
          label: { zh: '位于工业园区', en: 'Located in an industrial park' },
          hint: {
            zh: '财园信贷通只面向工业园区内的企业',
            en: 'Caiyuan Xindaitong is only for enterprises located in an industrial park',
          },
        },
        {
          id: 'caiyuan_recommendation',
          fact: 'listings',
          operator: 'contains',
          value: 'caiyuan_recommendation',
          label: {
            zh: '持有当地财园信贷通协调领导小组推荐函（一年内有效）',
            en: 'Holds a recommendation letter from the local coordination group (valid one year)',
          },
          hint: {
            zh: '取得财园信贷通协调领导小组推荐函后可申请',
            en: 'Apply once you hold the recommendation letter of the local coordination group',
          },
        },
        smeSize(),
        {
          id: 'working_capital_purpose',
          fact: 'financingNeed.purpose',
          operator: 'equal',
          value: 'working_capital',
          label: {
            zh: '融资用途为流动资金（如采购原材料）',
            en: 'The loan is for working capital (e.g. buying raw materials)',
          },
          hint: {
            zh: '财园信贷通只发放流动资金贷款，其他用途请选择其他产品',
            en: 'Only working-capital loans are made; choose another product for other purposes',
          },
        },
        {
          id: 'years_in_operation_3',
          fact: 'yearsInOperation',
          operator: 'greaterThanInclusive',
          value: 3,
          label: {
            zh: '原则上经营满3年（上饶银行产品要求）',
            en: 'In principle at least 3 years in operation (Shangrao Bank product rule)',
          },
          hint: {
            zh: '经营不满3年的，可向合作银行咨询能否例外办理',
            en: 'Under 3 years in operation: ask the bank whether an exception is possible',
          },
        },
        {
          any: [
            {
              id: 'tax_paid_last_year_50k',
              fact: 'taxPaidLastYearYuan',
              operator: 'greaterThanInclusive',
              value: 5 * WAN,
              label: {
                zh: '上年度纳税不少于5万元',
                en: 'At least 50,000 yuan tax paid last year',
              },
              hint: {
                zh: '上年度纳税达到5万元，或依法免税、享受税收优惠的，可申请',
                en: 'Apply with 50,000 yuan tax paid last year, or with a tax exemption or preference',
              },
            },
            {
              id: 'tax_relief',
              fact: 'taxRelief',
              operator: 'equal',
              value: true,
              label: {
                zh: '依法免税或享受税收优惠',
                en: 'Exempt from tax or enjoying a tax preference',
              },
            },
          ],
          label: {
            zh: '上年度纳税不少于5万元，依法免税或享受税收优惠的除外（上饶银行产品要求）',
            en:
              'At least 50,000 yuan tax paid last year, unless exempt from tax or enjoying a tax ' +
              'preference (Shangrao Bank rule)',
          },
        },
        {
          id: 'no_bad_credit_record',
          fact: 'credit.badCreditRecord',
          operator: 'equal',
          value: false,
          label: { zh: '信用良好，无不良信用记录', en: 'Good credit: no bad credit record' },
          hint: {
            zh: '结清不良记录、恢复良好信用后可申请',
            en: 'Apply once bad records are settled and your credit is good again',
          },
        },
        notDishonestDebtor(),
      ],
    },
    partnerBankCodes: ['SHANGRAO_BANK'],
    sourceUrls: [
      SRC.caiyuanXinyu2025,
      SRC.caiyuanShangraoBank,
      SRC.caiyuanReprint2014,
      SRC.caiyuanJxrb2014,
      SRC.caiyuanGov2018,
    ],
    provisional: true,
    note: {
      zh:
        '待定：(1) 期限12个月取自2013—2014年的"一年期内流动资金贷款"，现行最长期限未查到；' +
        '(2) 原则上经营满3年、上年度纳税不少于5万元（免税除外）、信用良好，是上饶银行产品页' +
        '（第三方镜像网站，出处存疑）的银行条件，不是已证实的全省政策；' +
        '(3) 来源只说"工业园区"，未提园区级别，是否限于省级以上园区未查实，本条件按画像' +
        '"位于工业园区"字段判断，不问级别；(4) 现行利率（仅称"优惠利率"）、担保费率和风险分担比例均未查到；' +
        '(5) 合作银行只查到上饶银行，完整名单未查到，其他地区暂无可转介的合作银行。' +
        '新余高新区2025年细则：企业自愿申请→区担保公司初审→财园信贷通专题联席会审议推荐→' +
        '合作银行独立审批，全程须在"智慧财园信贷通综合服务平台"登记。',
      en:
        'Provisional: (1) the 12-month term is the 2013–14 rule ("working-capital loans within ' +
        'one year"); the current maximum term is not found. (2) At least 3 years in operation ' +
        '("in principle"), at least 50,000 yuan tax paid last year (tax-exempt cases excepted) ' +
        'and good credit are Shangrao Bank product rules from a page on a third-party mirror ' +
        'domain (uncertain provenance), not confirmed provincial policy. (3) The sources say ' +
        '"industrial park" and name no level; whether only provincial-level parks qualify is not ' +
        'settled, so the rule uses the profile flag "located in an industrial park" at any level. ' +
        '(4) The current rate ("preferential" only), guarantee fee and loss-sharing ratios are ' +
        'not found. (5) Only Shangrao Bank is confirmed as a lender; the full list is not found, ' +
        'so other regions have no partner bank to refer to yet. Xinyu high-tech zone rules ' +
        '(2025): voluntary application → district guarantee company pre-screen → joint meeting ' +
        'recommends → bank decides independently; every step is recorded on the smart Caiyuan ' +
        'Xindaitong service platform.',
    },
  },

  // 财政惠农信贷通
  {
    code: 'HUINONG_XINDAITONG',
    name: { zh: '财政惠农信贷通', en: 'Caizheng Huinong Xindaitong (fiscal agricultural credit)' },
    category: 'policy_credit_loan',
    administrator: {
      zh: '江西省委农工部（2015年牵头单位，现牵头部门未查实）；省、市、县三级财政出资',
      en:
        'Jiangxi Provincial Party Committee rural work department (lead unit in 2015; the ' +
        'current lead is not confirmed); funded by provincial, city and county finance',
    },
    summary: {
      zh:
        '面向种养大户、家庭农场、农民专业合作社等新型农业经营主体的涉农贷款，期限1—3年。各县' +
        '（市、区）独立运行：省、市、县财政按2:1:2出资设立贷款风险补偿金存入合作银行，银行按' +
        '8倍放贷（2015年报道）。',
      en:
        'Loans of 1 to 3 years for new-type agricultural operators: large growers, family farms ' +
        'and farmer cooperatives. Each county runs its own scheme: province, city and county put ' +
        'money in at 2 : 1 : 2 as a risk-compensation fund deposited with the cooperating bank, ' +
        'which lends 8 times the fund (reported 2015).',
    },
    amountMinYuan: null,
    amountMaxYuan: null,
    termMonthsMax: 36,
    rate: { basis: 'LPR_1Y' },
    collateral: 'any',
    eligibility: {
      all: [
        {
          any: [
            {
              id: 'agri_entity_type',
              fact: 'entityType',
              operator: 'in',
              value: ['family_farm', 'farmer_cooperative'],
              label: {
                zh: '登记为家庭农场或农民专业合作社',
                en: 'Registered as a family farm or farmer cooperative',
              },
            },
            {
              all: [
                {
                  id: 'agriculture_section',
                  fact: 'industrySection',
                  operator: 'equal',
                  value: 'A',
                  label: {
                    zh: '从事农、林、牧、渔业',
                    en: 'Works in agriculture, forestry, animal husbandry or fishery',
                  },
                  hint: {
                    zh: '财政惠农信贷通只面向从事农业生产经营的主体',
                    en: 'This scheme lends only to farming businesses',
                  },
                },
                {
                  id: 'agri_operator_type',
                  fact: 'agriOperatorType',
                  operator: 'in',
                  value: ['large_grower', 'family_farm', 'farmer_cooperative'],
                  label: {
                    zh: '种养大户、家庭农场或农民专业合作社',
                    en: 'Large grower, family farm or farmer cooperative',
                  },
                  hint: {
                    zh: '认定为种养大户、家庭农场或农民专业合作社等新型农业经营主体后可申请',
                    en: 'Apply once recognised as a large grower, family farm or farmer cooperative',
                  },
                },
              ],
              label: {
                zh: '从事农业的种养大户等新型农业经营主体',
                en: 'A farming business recognised as a new-type agricultural operator',
              },
            },
          ],
          label: { zh: '新型农业经营主体', en: 'New-type agricultural operator' },
        },
        notDishonestDebtor(),
      ],
    },
    partnerBankCodes: ['ABC', 'PSBC'],
    sourceUrls: [
      SRC.huinong2020,
      SRC.huinongLichuan2021,
      SRC.huinongJjrb2015,
      SRC.huinongChongyi2014,
    ],
    provisional: true,
    note: {
      zh:
        '待定：单户贷款上限未查到（已见个案：30万、45万、110万和130万元），故不设金额上限；' +
        '利率规则和贴息未查到；担保方式只有借款人"减少了提供抵押和担保的麻烦"的说法，未定；' +
        '农业产业化龙头企业是否适用未证实，故未纳入（agriOperatorType 为 leading_enterprise 的' +
        '不符合）；现牵头部门未查实。各县独立运行，当地是否开办以县里为准。合作银行：农业银行' +
        '（崇义县）、邮储银行江西省分行（南昌新建）；黎川县有4家合作银行，名称未查到。',
      en:
        'Provisional: no per-borrower cap is found (observed loans: 300,000, 450,000, 1.1 ' +
        'million and 1.3 million yuan), so no maximum is set. Rate rule and interest subsidy are ' +
        'not found. Collateral is unsettled (a borrower said the policy "reduced the trouble of ' +
        'providing collateral and guarantees"). Agricultural leading enterprises are not ' +
        'confirmed as eligible and are left out (agriOperatorType leading_enterprise does not ' +
        'qualify). The current lead department is not confirmed. Each county runs the scheme ' +
        'itself, so whether it is open locally depends on the county. Banks: Agricultural Bank ' +
        'of China (Chongyi), Postal Savings Bank Jiangxi branch (Xinjian, Nanchang); Lichuan has ' +
        'four unnamed banks.',
    },
  },

  // 科贷通
  {
    code: 'KEDAITONG',
    name: { zh: '科贷通', en: 'Kedaitong (science-and-technology loan)' },
    category: 'policy_credit_loan',
    administrator: {
      zh: '江西省科学技术厅（由其高新中心运营）',
      en: 'Jiangxi Department of Science and Technology (operated by its high-tech centre)',
    },
    summary: {
      zh:
        '面向科技型中小企业的信贷风险补偿贷款，2016年初启动。2023年起由资金池改为预算承诺模式：' +
        '省级预算每年最高承诺5000万元，按市县风险补偿资金的20倍支持放贷；2025年有20家合作银行、' +
        '约400个网点，贷款余额逾70亿元。',
      en:
        'Risk-compensated loans for tech-based SMEs, started early 2016. Since 2023 a budget ' +
        'commitment replaces the pooled fund: the province commits up to 50 million yuan a year ' +
        'and supports lending of 20 times the city and county risk-compensation money. In 2025: ' +
        '20 banks, about 400 branches, over 7 billion yuan outstanding.',
    },
    amountMinYuan: null,
    amountMaxYuan: 500 * WAN,
    termMonthsMax: 12,
    rate: { basis: 'LPR_1Y' },
    collateral: 'any',
    eligibility: {
      all: [
        {
          id: 'tech_sme',
          fact: 'certifications',
          operator: 'contains',
          value: 'tech_sme',
          label: { zh: '已入库科技型中小企业', en: 'Registered tech-based SME' },
          hint: {
            zh: '在全国科技型中小企业信息库完成评价入库后可申请',
            en: 'Apply after registering in the national tech-SME database',
          },
        },
        {
          all: [
            {
              id: 'tech_sme_staff_500',
              fact: 'employees',
              operator: 'lessThanInclusive',
              value: 500,
              label: { zh: '职工总数不超过500人', en: 'At most 500 staff' },
            },
            {
              id: 'tech_sme_revenue_2yi',
              fact: 'annualRevenueYuan',
              operator: 'lessThanInclusive',
              value: 20_000 * WAN,
              label: {
                zh: '年销售收入不超过2亿元',
                en: 'Annual sales of at most 200 million yuan',
              },
            },
          ],
          label: {
            zh: '符合科技型中小企业的规模标准（职工不超过500人、年销售收入不超过2亿元）',
            en: 'Within the tech-SME size limits (at most 500 staff and 200 million yuan sales)',
          },
        },
        notDishonestDebtor(),
      ],
    },
    partnerBankCodes: ['CCB', 'BOCOM', 'JINGDEZHEN_RCB', 'BOC'],
    sourceUrls: [
      SRC.kedaitongStdaily2025,
      SRC.kedaitongMost2016,
      SRC.kedaitong2015,
      SRC.kedaitongWuhan2025,
      SRC.techSmeDefinition,
      SRC.techSmeDefinition2,
    ],
    provisional: true,
    note: {
      zh:
        '待定：500万元、12个月是2015年"省科贷补偿金"的规则（每户一年期、500万元以下技术开发' +
        '贷款）；现行单户上限、期限、利率和风险分担比例均未查到（2025年实例有500万元信用贷款' +
        '额度）。2015年规则的"技术开发贷款"用途未作为条件，因现行用途规则未查到。担保方式规则' +
        '未查到：2025年有信用贷款实例，2015年规则为违约时银行先处置抵押物再申请补偿。2015年' +
        '要求在江西注册，画像所在地即为江西。2016年试点由市科技局推荐备选企业。合作银行：2016年' +
        '建设银行、交通银行、景德镇农商银行，2025年实例有中国银行。',
      en:
        'Provisional: 5 million yuan and 12 months are the 2015 rules of the provincial ' +
        'tech-loan compensation fund (per enterprise: one-year technology-development loans up ' +
        'to 5 million); the current cap, term, rate and loss sharing are not found (2025 ' +
        'examples: 5-million credit lines). The 2015 "technology development" purpose is not ' +
        'made a condition because the current purpose rule is not found. Collateral rule not ' +
        'found: 2025 examples are credit loans; in 2015 the bank enforced collateral first on ' +
        'default. Registration in Jiangxi (2015) is implied by the profile region. In the 2016 ' +
        'pilot city science bureaus recommended candidates. Banks: CCB, BOCOM and Jingdezhen RCB ' +
        '(2016), Bank of China (2025 examples).',
    },
  },

  // 赣工贷: the provincial trade union's start-up microloan with 邮储银行江西省分行
  {
    code: 'GANGONGDAI',
    name: { zh: '赣工贷', en: 'Gangongdai (trade-union start-up microloan)' },
    category: 'policy_credit_loan',
    administrator: {
      zh: '江西省总工会、中国邮政储蓄银行江西省分行（各设区市总工会与邮储银行市分行签约）',
      en:
        'Jiangxi Federation of Trade Unions with the Postal Savings Bank of China Jiangxi branch ' +
        '(city unions sign with the city branches)',
    },
    summary: {
      zh:
        '江西省总工会与邮储银行江西省分行2018年底至2019年初在全省推出的创业小额贷款：面向创业或' +
        '经营生意的工会会员（含返乡创业农民工），小额信用贷款、无需抵押，一般最高10万元，劳模' +
        '最高20万元，期限不超过12个月，由省总工会贴息。',
      en:
        'A start-up microloan the provincial trade union federation and the Postal Savings Bank ' +
        'Jiangxi branch opened province-wide at the turn of 2018/19, for union members (returning ' +
        'migrant workers included) who start or run a business: an unsecured credit loan of up to ' +
        '100,000 yuan (200,000 for a model worker) for at most 12 months, interest subsidised by ' +
        'the union.',
    },
    amountMinYuan: null,
    amountMaxYuan: 10 * WAN,
    termMonthsMax: 12,
    rate: { basis: 'LPR_1Y' },
    collateral: 'none',
    interestSubsidy: {
      zh: '省总工会贴息，另享优惠利率（九江分行报道为全额贴息）。',
      en:
        'The provincial union subsidises the interest on top of a preferential rate (the ' +
        'Jiujiang branch reports a full subsidy).',
    },
    eligibility: {
      all: [
        {
          id: 'trade_union_member',
          fact: 'founder.categories',
          operator: 'contains',
          value: 'trade_union_member',
          label: {
            zh: '创业者是工会会员（含返乡创业农民工会员）',
            en: 'The founder is a trade-union member (returning migrant workers included)',
          },
          hint: {
            zh: '赣工贷只面向工会会员；加入工会后可申请',
            en: 'Gangongdai is for trade-union members; apply once you have joined a union',
          },
        },
        personalApplicant(),
        notDishonestDebtor(),
      ],
    },
    limits: [
      {
        when: {
          id: 'model_worker_cap',
          fact: 'founder.categories',
          operator: 'contains',
          value: 'model_worker',
          label: { zh: '创业者是劳动模范', en: 'The founder is a model worker' },
        },
        amountMaxYuan: 20 * WAN,
        label: { zh: '劳模最高20万元', en: 'Up to 200,000 yuan for a model worker' },
      },
    ],
    partnerBankCodes: ['PSBC'],
    sourceUrls: [SRC.gangongdaiLaunch2019, SRC.gangongdaiJiujiang2019, SRC.gangongdaiJian2020],
    provisional: true,
    note: {
      zh:
        '待定：10万元（劳模20万元）、12个月是2019年的条款，2020年后是否仍适用、利率均未查到。' +
        '劳模的额度上限为20万元（按借款人区分的额度）。' +
        '吉安"庐陵工贷"（2019年，吉安市总工会与邮储银行吉安市分行）2020年提高到50万元，可选担保' +
        '或抵押，属地方产品，未纳入。以前版本把赣工贷当作工信厅面向产融合作白名单工业企业的贷款，' +
        '有误，已更正。',
      en:
        'Provisional: 100,000 yuan (200,000 for a model worker) and 12 months are the 2019 terms; ' +
        'whether they still apply after 2020, and the rate, are not found. A model worker’s cap is ' +
        '200,000 yuan (a borrower-dependent limit). Ji’an’s "Luling Gongdai" (2019, ' +
        'the city union with the PSBC Ji’an branch) rose to 500,000 in 2020 with guarantee or ' +
        'collateral options; it is a local product and not modelled. An earlier version of this ' +
        'entry took Gangongdai for an industry-department loan to firms on the industry–finance ' +
        'list, which was wrong and is corrected.',
    },
  },

  // 文企贷
  {
    code: 'WENQIDAI',
    name: { zh: '文企贷', en: 'Wenqidai (culture-enterprise loan)' },
    category: 'policy_credit_loan',
    administrator: {
      zh: '中共江西省委宣传部、中国人民银行南昌中心支行、江西省地方金融监督管理局、江西银保监局',
      en:
        'Publicity Department of the Jiangxi Provincial Party Committee, PBoC Nanchang Central ' +
        'Sub-branch, Jiangxi Local Financial Supervision Bureau, Jiangxi CBIRC office',
    },
    summary: {
      zh:
        '面向文企贷入库的中小文化企业（2020年5月创设）：原则上不超过500万元，特别优质企业不超过' +
        '1000万元，期限不超过3年；2600万元风险补偿资金按1:10撬动，由合作银行、担保公司和政府' +
        '分担风险，审批到放款不超过15个工作日。',
      en:
        'Loans for small and medium culture enterprises in the Wenqidai enterprise pool (created ' +
        'May 2020): in principle up to 5 million yuan, up to 10 million for especially ' +
        'high-quality firms, at most 3 years. A 26-million-yuan risk-compensation fund levered ' +
        '1:10; risk shared by banks, guarantee companies and government; at most 15 working days ' +
        'from approval to disbursement.',
    },
    amountMinYuan: null,
    amountMaxYuan: 500 * WAN,
    termMonthsMax: 36,
    rate: { basis: 'LPR_1Y' },
    collateral: 'any',
    eligibility: {
      all: [
        {
          id: 'culture_loan_pool',
          fact: 'listings',
          operator: 'contains',
          value: 'culture_loan_pool',
          label: { zh: '列入文企贷入库企业名单', en: 'In the Wenqidai enterprise pool' },
          hint: {
            zh: '列入文企贷入库企业名单后可申请',
            en: 'Apply once your enterprise is in the Wenqidai enterprise pool',
          },
        },
        // The size test only: being a cultural enterprise is what the pool listing vouches for.
        smeSize(),
        notDishonestDebtor(),
      ],
    },
    // 500万 in principle; up to 1000万 for a firm the pool rates especially high-quality.
    limits: [
      {
        when: {
          id: 'premium_culture_firm',
          fact: 'listings',
          operator: 'contains',
          value: 'culture_loan_premium',
          label: { zh: '文企贷特别优质企业', en: 'Rated especially high-quality in the pool' },
        },
        amountMaxYuan: 1000 * WAN,
        label: {
          zh: '特别优质企业最高1000万元',
          en: 'Up to 10 million yuan for an especially high-quality firm',
        },
      },
    ],
    partnerBankCodes: ['JIANGXI_BANK'],
    sourceUrls: [
      SRC.wenqidaiMeasures,
      SRC.wenqidaiFund2020,
      SRC.wenqidaiLaunch2020,
      SRC.wenqidaiPeople2021,
    ],
    provisional: false,
    note: {
      zh:
        '金额上限一般为500万元；被认定为特别优质的入库企业最高1000万元（按借款人区分的额度）。' +
        '来源未说明如何认定特别优质，画像以"文企贷特别优质企业"名单表示。优先支持法定代表人或主要股东' +
        '为国家或省级文化名家、高层次人才的企业，以及文企贷试点设区市的企业（贴息倾斜）。利率' +
        '规则、银行/担保公司/政府的风险分担比例和5家合作银行名单未查到；已证实的合作银行为江西' +
        '银行（至2021年5月服务169家入库企业）。担保方式未查到。',
      en:
        'The amount cap is 5 million yuan in principle; a pool firm rated especially ' +
        'high-quality gets up to 10 million (a borrower-dependent limit). The sources do not say ' +
        'how that rating is given; the profile records it as a listing. ' +
        'Priority goes to firms whose legal representative or main shareholder is ' +
        'a national or provincial cultural master or high-level talent, and to firms in the ' +
        'pilot cities (more interest subsidy). Rate rule, the bank/guarantor/government sharing ' +
        'ratios and the names of the five partner banks are not found; Jiangxi Bank is confirmed ' +
        '(169 pool firms served by May 2021). Collateral rule not found.',
    },
  },

  // 创业担保贷款: individuals
  {
    code: 'STARTUP_LOAN_INDIVIDUAL',
    name: {
      zh: '创业担保贷款（个人）',
      en: 'Entrepreneurship guaranteed loan (individual)',
    },
    category: 'startup_guarantee_loan',
    administrator: STARTUP_ADMINISTRATOR,
    summary: {
      zh:
        '自主创业的个人和个体工商户可申请的创业担保贷款，财政贴息：江西2025年口径（萍乡）个人' +
        '最高30万元、期限不超过3年，按时还款可续贷，最多3次。',
      en:
        'Guaranteed, interest-subsidised start-up loans for self-employed founders and ' +
        'individual businesses: in Jiangxi (Pingxiang, 2025) up to 300,000 yuan for at most 3 ' +
        'years, renewable up to 3 times if repaid on time.',
    },
    amountMinYuan: null,
    amountMaxYuan: 30 * WAN,
    termMonthsMax: 36,
    rate: { basis: 'LPR_1Y' },
    collateral: 'guarantee',
    interestSubsidy: STARTUP_SUBSIDY_RULE,
    eligibility: {
      all: [personalApplicant(), notDishonestDebtor()],
    },
    partnerBankCodes: ['JIANGXI_BANK'],
    sourceUrls: [
      SRC.startupPingxiang2025,
      SRC.startupJdzFaq2024,
      SRC.startupPeople2021,
      SRC.startupJx2018,
      SRC.startupGuideFounders,
      SRC.startupGuideApplicants,
      SRC.startupNational2023,
      SRC.startupNational2023News,
      SRC.startupSubsidy2021,
      SRC.startupSubsidyLocal2023,
    ],
    provisional: false,
    note: {
      zh:
        STARTUP_OPEN_CATEGORIES.zh +
        '未编码的限制：申请时借款人及其配偶除助学贷款、脱贫人口小额信贷、住房贷款、汽车贷款和' +
        '5万元以下消费贷款外不得有其他贷款（萍乡2025），画像无此字段，由经办银行核实。金额和期限' +
        '来自萍乡市人社2025年页面，与2023年全国个人上限30万元一致；江西省级2024—2025年文件号' +
        '未查到。利率上限LPR+150个基点只见于外省地方规定，未采用。' +
        DEMO_BANK.zh,
      en:
        STARTUP_OPEN_CATEGORIES.en +
        ' Not encoded: when applying, the borrower and spouse may have no loans other than ' +
        'student loans, poverty-alleviation microcredit, housing and car loans and consumer ' +
        'loans under 50,000 yuan (Pingxiang 2025); the profile has no such field, the bank ' +
        'checks it. Amount and term are from the Pingxiang HR bureau (2025) and match the 2023 ' +
        'national individual cap of 300,000 yuan; the Jiangxi provincial 2024–25 document is not ' +
        'found. The LPR + 150 bp rate cap is seen only in other provinces’ local rules and is ' +
        'not used. ' +
        DEMO_BANK.en,
    },
  },

  // 创业担保贷款: partnerships
  {
    code: 'STARTUP_LOAN_PARTNERSHIP',
    name: {
      zh: '创业担保贷款（合伙创业）',
      en: 'Entrepreneurship guaranteed loan (partnership)',
    },
    category: 'startup_guarantee_loan',
    administrator: STARTUP_ADMINISTRATOR,
    summary: {
      zh:
        '合伙创业可申请的创业担保贷款，财政贴息：江西2025年口径（萍乡）最高400万元、期限不超过' +
        '3年，按时还款可续贷，最多3次。',
      en:
        'Guaranteed, interest-subsidised start-up loans for partnership start-ups: in Jiangxi ' +
        '(Pingxiang, 2025) up to 4 million yuan for at most 3 years, renewable up to 3 times if ' +
        'repaid on time.',
    },
    amountMinYuan: null,
    amountMaxYuan: STARTUP_PARTNERSHIP_CAP,
    termMonthsMax: 36,
    rate: { basis: 'LPR_1Y' },
    collateral: 'guarantee',
    interestSubsidy: STARTUP_SUBSIDY_RULE,
    // Up to 12 partners 33万 each; 13 or more reach the 400万 ceiling, the product's own cap.
    limits: partnershipLimits(),
    eligibility: {
      all: [
        {
          id: 'partnership',
          fact: 'entityType',
          operator: 'equal',
          value: 'partnership',
          label: { zh: '合伙创业', en: 'Partnership start-up' },
          hint: {
            zh: '个人创业请选择个人创业担保贷款，企业请选择小微企业创业担保贷款',
            en: 'Individuals and enterprises: see their own entrepreneurship loans',
          },
        },
        notDishonestDebtor(),
      ],
    },
    partnerBankCodes: ['JIANGXI_BANK'],
    sourceUrls: [
      SRC.startupPingxiang2025,
      SRC.startupJdzFaq2024,
      SRC.startupPeople2021,
      SRC.startupJx2018,
      SRC.startupSubsidy2021,
      SRC.startupSubsidyLocal2023,
    ],
    provisional: true,
    note: {
      zh:
        '待定：萍乡市人社2025年页面说额度随合伙人数增加、最高400万元，但江西来源未给出按人数计算' +
        '的办法。这里暂按外省地方规定（不超过各成员个人额度之和的110%）计算：每名合伙人按个人' +
        '额度30万元的110%即33万元计，最高400万元；该办法未证实适用于江西，实际额度以经办机构核定' +
        '为准。' +
        STARTUP_OPEN_CATEGORIES.zh +
        '期限来自萍乡市人社2025年页面。' +
        DEMO_BANK.zh,
      en:
        'Provisional: the Pingxiang HR bureau (2025) says the amount grows with the number of ' +
        'partners up to 4 million yuan, but no Jiangxi source gives the per-partner formula. ' +
        'The cap here follows local rules elsewhere (at most 110% of the members’ individual ' +
        'caps): 330,000 yuan per partner (110% of the 300,000-yuan individual cap), up to 4 ' +
        'million. That formula is not confirmed for Jiangxi; the lender sets the actual cap. ' +
        STARTUP_OPEN_CATEGORIES.en +
        ' The term is from the Pingxiang HR bureau (2025). ' +
        DEMO_BANK.en,
    },
  },

  // 创业担保贷款: small and micro enterprises
  {
    code: 'STARTUP_LOAN_SME',
    name: {
      zh: '创业担保贷款（小微企业）',
      en: 'Entrepreneurship guaranteed loan (small or micro enterprise)',
    },
    category: 'startup_guarantee_loan',
    administrator: STARTUP_ADMINISTRATOR,
    summary: {
      zh:
        '吸纳重点群体就业或稳岗达标的小型、微型企业可申请的创业担保贷款：江西2025年口径（萍乡）' +
        '最高600万元（贴息部分不超过400万元），期限不超过2年，按时还款可续贷，最多3次。',
      en:
        'Guaranteed start-up loans for small and micro enterprises that hire from the target ' +
        'groups or keep their jobs: in Jiangxi (Pingxiang, 2025) up to 6 million yuan (interest ' +
        'subsidy on at most 4 million) for at most 2 years, renewable up to 3 times if repaid on ' +
        'time.',
    },
    amountMinYuan: null,
    amountMaxYuan: 600 * WAN,
    termMonthsMax: 24,
    rate: { basis: 'LPR_1Y' },
    collateral: 'guarantee',
    interestSubsidy: {
      zh:
        STARTUP_SUBSIDY_RULE.zh +
        '江西（萍乡2025）只对400万元以内部分贴息；高层次人才、高技能人才创办的企业400万元以内' +
        '全额贴息。',
      en:
        STARTUP_SUBSIDY_RULE.en +
        ' Jiangxi (Pingxiang 2025) subsidises only the first 4 million yuan; firms founded by ' +
        'high-level or highly skilled talent get the full subsidy within 4 million.',
    },
    eligibility: {
      all: [
        {
          id: 'enterprise',
          fact: 'entityType',
          operator: 'equal',
          value: 'enterprise',
          label: { zh: '企业', en: 'Enterprise' },
          hint: {
            zh: '个体工商户和个人请选择个人创业担保贷款',
            en: 'Individual businesses and individuals: see the individual loan',
          },
        },
        smallOrMicroSize('size_small_or_micro'),
        {
          any: [
            {
              all: [
                {
                  id: 'employees_up_to_100',
                  fact: 'employees',
                  operator: 'lessThanInclusive',
                  value: 100,
                  label: { zh: '从业人员100人及以下', en: 'At most 100 employees' },
                },
                {
                  id: 'target_group_hires_10pct',
                  fact: 'targetGroupHireShare',
                  operator: 'greaterThanInclusive',
                  value: 0.1,
                  label: {
                    zh: '近一年新招用符合条件人员达到在职职工的10%（签订1年以上劳动合同）',
                    en: 'Target-group hires in the last year ≥ 10% of staff (contracts ≥ 1 year)',
                  },
                  hint: {
                    zh: '新招用符合条件人员达到在职职工10%并签订1年以上劳动合同后可申请',
                    en: 'Apply once target-group hires on 1-year+ contracts reach 10% of staff',
                  },
                },
              ],
              label: { zh: '100人及以下企业的招用比例', en: 'Hiring share, up to 100 staff' },
            },
            {
              all: [
                {
                  id: 'employees_over_100',
                  fact: 'employees',
                  operator: 'greaterThan',
                  value: 100,
                  label: { zh: '从业人员超过100人', en: 'More than 100 employees' },
                },
                {
                  id: 'target_group_hires_5pct',
                  fact: 'targetGroupHireShare',
                  operator: 'greaterThanInclusive',
                  value: 0.05,
                  label: {
                    zh: '近一年新招用符合条件人员达到在职职工的5%（签订1年以上劳动合同）',
                    en: 'Target-group hires in the last year ≥ 5% of staff (contracts ≥ 1 year)',
                  },
                  hint: {
                    zh: '新招用符合条件人员达到在职职工5%并签订1年以上劳动合同后可申请',
                    en: 'Apply once target-group hires on 1-year+ contracts reach 5% of staff',
                  },
                },
              ],
              label: { zh: '超过100人企业的招用比例', en: 'Hiring share, over 100 staff' },
            },
            {
              id: 'job_retention_95pct',
              fact: 'jobRetentionRate',
              operator: 'greaterThanInclusive',
              value: 0.95,
              label: { zh: '稳岗率达到95%', en: 'Job retention rate at least 95%' },
              hint: {
                zh: '稳岗率达到95%的企业也可申请',
                en: 'A job retention rate of 95% or more also qualifies',
              },
            },
          ],
          label: {
            zh: '吸纳重点群体就业达到比例，或稳岗率达到95%',
            en: 'Hires enough from the target groups, or keeps at least 95% of jobs',
          },
        },
        {
          id: 'no_wage_or_social_insurance_arrears',
          fact: 'credit.wageOrSocialInsuranceArrears',
          operator: 'equal',
          value: false,
          label: {
            zh: '无拖欠工资、欠缴社会保险费',
            en: 'No wage or social-insurance arrears',
          },
          hint: {
            zh: '结清拖欠工资和欠缴的社会保险费后可申请',
            en: 'Apply once wage and social-insurance arrears are paid',
          },
        },
        notDishonestDebtor(),
      ],
    },
    partnerBankCodes: ['JIANGXI_BANK'],
    sourceUrls: [
      SRC.startupPingxiang2025,
      SRC.startupJdzFaq2024,
      SRC.startupPeople2021,
      SRC.startupJx2018,
      SRC.startupNational2023,
      SRC.startupNational2023News,
      SRC.startupSubsidy2021,
      SRC.startupSubsidyLocal2023,
      SRC.startupJx2019,
      SRC.startupNational2020,
    ],
    provisional: false,
    note: {
      zh:
        '金额取江西口径600万元（萍乡市人社2025年；约2019年江西已为600万元，日期存疑），而不是2023' +
        '年全国规定的400万元：地方可自行出资放宽规定，且江西只对400万元以内部分贴息。"新招用符合' +
        '条件人员"还要求签订1年以上劳动合同，画像无此字段，由经办机构核实。高层次人才、高技能人才' +
        '创办的企业100万元以内免担保。利率上限LPR+150个基点只见于外省地方规定，未采用。' +
        DEMO_BANK.zh,
      en:
        'The cap is Jiangxi’s 6 million yuan (Pingxiang HR bureau 2025; already 6 million in ' +
        'Jiangxi around 2019, date uncertain), not the 2023 national 4 million: localities may ' +
        'loosen the rules at their own cost, and Jiangxi subsidises interest only on the first 4 ' +
        'million. The hires must also be on contracts of at least one year, which the profile ' +
        'does not capture; the lender checks it. Firms founded by high-level or highly skilled ' +
        'talent need no guarantee within 1 million. The LPR + 150 bp rate cap is seen only in ' +
        'other provinces’ local rules and is not used. ' +
        DEMO_BANK.en,
    },
  },

  // 政府采购合同线上融资 (政采贷)
  {
    code: 'GOV_PROCUREMENT_LOAN',
    name: {
      zh: '政府采购合同线上融资（政采贷）',
      en: 'Government procurement contract financing (Zhengcaidai)',
    },
    category: 'procurement_contract_financing',
    administrator: {
      zh: '江西省财政厅、中国人民银行（分支机构）',
      en: 'Jiangxi Department of Finance with the People’s Bank of China branches',
    },
    summary: {
      zh:
        '中标（成交）政府采购项目的中小企业，凭中标（成交）通知书和采购合同在线申请贷款，无需抵押' +
        '担保；依托中征应收账款融资服务平台和江西省政府采购电子卖场，2020年8月在新余首试，至2023' +
        '年6月已覆盖8个设区市。',
      en:
        'SMEs that won a government procurement contract borrow online against the award notice ' +
        'and the contract, without collateral or guarantee, through the PBoC receivables ' +
        'financing platform and the Jiangxi government procurement e-mall. Piloted in Xinyu in ' +
        'August 2020; 8 cities by June 2023.',
    },
    amountMinYuan: null,
    amountMaxYuan: null,
    termMonthsMax: null,
    rate: { basis: 'LPR_1Y' },
    collateral: 'none',
    eligibility: {
      all: [
        {
          id: 'procurement_contract_won',
          fact: 'governmentProcurementContract.amountYuan',
          operator: 'greaterThanInclusive',
          value: 1,
          label: {
            zh: '持有已中标（成交）的政府采购合同',
            en: 'Holds a won government procurement contract',
          },
          hint: {
            zh: '取得政府采购中标（成交）通知书并签订采购合同后可申请',
            en: 'Apply once you hold an award notice and a signed procurement contract',
          },
        },
        smeSize(),
        notDishonestDebtor(),
      ],
    },
    partnerBankCodes: ['JIUJIANG_BANK', 'SHANGRAO_BANK'],
    sourceUrls: [
      SRC.procurementPbc,
      SRC.procurementLaunch2020,
      SRC.procurementJiujiang2023,
      SRC.procurementShicheng,
      SRC.procurementJinxi,
    ],
    provisional: true,
    note: {
      zh:
        '待定：贷款金额上限和期限未查到。利率未设上限：石城县规定不高于LPR+100个基点且无其他收费' +
        '和附加条件，属县级规定，未作为全省上限；九江表述"不高于同期贷款基准利率25%的利率水平"含' +
        '义不明；至2023年6月的报道中优惠利率为4.1%。时限：石城县申请后5个工作日内审批，九江尽量7' +
        '个工作日内放款。至2023年6月开办的8个设区市：南昌、抚州、吉安、赣州、上饶、九江、新余、萍' +
        '乡。合作银行只列来源可查的九江银行（新余首笔）和上饶银行（金溪县6家合作机构之一），完整' +
        '名单未查到，其他地区暂无可转介的合作银行。',
      en:
        'Provisional: the amount cap and term are not found. No rate cap is set: Shicheng ' +
        'county’s "at most LPR + 100 bp, no other fees or conditions" is a county rule, not used ' +
        'as a province-wide cap; Jiujiang’s wording ("not above the benchmark rate 25% level") ' +
        'is ambiguous; the June 2023 report gives a preferential rate of 4.1%. Time limits: ' +
        'approval within 5 working days of application (Shicheng); disbursement within about 7 ' +
        'working days (Jiujiang). Open by June 2023 in 8 cities: Nanchang, Fuzhou, Ji’an, ' +
        'Ganzhou, Shangrao, Jiujiang, Xinyu, Pingxiang. Partner banks are the sourced ones only, ' +
        'Bank of Jiujiang (first loan, Xinyu) and Shangrao Bank (one of 6 partners in Jinxi ' +
        'county); the full list is not found, so other regions have no partner bank to refer to ' +
        'yet.',
    },
  },

  // 小微企业应收账款融资 (中征平台)
  {
    code: 'RECEIVABLES_FINANCING',
    name: {
      zh: '小微企业应收账款融资（中征平台）',
      en: 'Receivables financing for SMEs (PBoC receivables platform)',
    },
    category: 'receivables_financing',
    administrator: {
      zh: '中国人民银行征信中心（中征应收账款融资服务平台）；贷款由银行发放',
      en:
        'Credit Reference Center of the People’s Bank of China (receivables financing service ' +
        'platform); banks lend',
    },
    summary: {
      zh:
        '中小企业在中国人民银行征信中心建设运营的中征应收账款融资服务平台（2013年上线）上，经核心' +
        '企业（买方）确权后，将应收账款质押或转让给银行获得融资。',
      en:
        'SMEs finance their receivables online on the receivables financing service platform run ' +
        'by the PBoC Credit Reference Center (online since 2013): the core enterprise (the ' +
        'buyer) confirms the receivable and the supplier pledges or transfers it to a bank.',
    },
    amountMinYuan: null,
    amountMaxYuan: null,
    termMonthsMax: null,
    rate: { basis: 'LPR_1Y' },
    collateral: 'any',
    eligibility: {
      all: [
        {
          id: 'receivables_held',
          fact: 'receivables.amountYuan',
          operator: 'greaterThan',
          value: 0,
          label: { zh: '持有应收账款', en: 'Holds receivables' },
          hint: {
            zh: '持有应收账款、且买方愿在中征平台确权时可申请',
            en: 'Apply when you hold receivables and the buyer will confirm them on the platform',
          },
        },
        smeSize(),
        notDishonestDebtor(),
      ],
    },
    partnerBankCodes: ['JIANGXI_BANK'],
    sourceUrls: [SRC.receivablesPlatform, SRC.receivablesFunction],
    provisional: true,
    note: {
      zh:
        '待定：江西本地应收账款融资产品的条款（金额、期限、利率、准入）未查到，只有全国平台的功能' +
        '说明，故金额和期限不设上限。买方（核心企业）在平台上确权是前提，但画像没有"已确权"字段，' +
        '由银行核实；来源未要求债务人必须是政府或大型企业，故不以此为条件。担保方式：应收账款本身' +
        '质押或转让，是否另需担保未查到。' +
        DEMO_BANK.zh,
      en:
        'Provisional: no Jiangxi receivables product terms (amount, term, rate, eligibility) are ' +
        'found, only the national platform’s functions, so no amount or term limit is set. The ' +
        'buyer (core enterprise) must confirm the receivable on the platform; the profile has no ' +
        '"confirmed" field, so the bank checks it. The sources do not require the debtor to be a ' +
        'government body or a large enterprise, so that is not a condition. Security: the ' +
        'receivable itself is pledged or transferred; whether more is needed is not found. ' +
        DEMO_BANK.en,
    },
  },
];
