import fc from 'fast-check';
import {
  CONSENT_CATEGORY_IDS,
  CONSENT_DATA_CATEGORIES,
  CONSENT_PURPOSE,
  CONSENT_PURPOSE_CODE,
  buildConsentedSnapshot,
  consentCategoryOfField,
  defaultConsentText,
} from './consent';

// The profile fields of docs/rules.md, written out here so that the test does not trust the module.
const PROFILE_FIELDS = [
  'uscc',
  'name',
  'entityType',
  'regionCode',
  'industryCode',
  'establishedOn',
  'employees',
  'annualRevenueYuan',
  'totalAssetsYuan',
  'inIndustrialPark',
  'certifications',
  'agriOperatorType',
  'founder',
  'hiring',
  'credit',
  'receivables',
  'governmentProcurementContract',
  'listings',
  'taxPaidLastYearYuan',
  'taxRelief',
  'jobRetentionRate',
  'financingNeed',
];

const OBJECT_FIELDS = [
  'founder',
  'hiring',
  'credit',
  'receivables',
  'governmentProcurementContract',
  'financingNeed',
];

const EXPECTED_FIELDS: Record<string, string[]> = {
  identity: ['uscc', 'name', 'entityType', 'regionCode', 'industryCode', 'establishedOn'],
  scale: ['employees', 'annualRevenueYuan', 'totalAssetsYuan'],
  qualifications: ['inIndustrialPark', 'certifications', 'agriOperatorType', 'listings'],
  founder: ['founder'],
  employment: ['hiring', 'jobRetentionRate'],
  credit: ['credit'],
  finances: ['receivables', 'governmentProcurementContract', 'taxPaidLastYearYuan', 'taxRelief'],
  financing_need: ['financingNeed'],
};

// The example profile (docs/example-profile.json), with every optional field filled in.
const PROFILE = {
  uscc: '91360100MA35FXXX4W',
  name: '南昌某电子科技有限公司',
  entityType: 'enterprise',
  regionCode: '360111',
  industryCode: 'C3982',
  establishedOn: '2019-04-18',
  employees: 38,
  annualRevenueYuan: 16_500_000,
  totalAssetsYuan: 21_000_000,
  inIndustrialPark: true,
  certifications: ['tech_sme'],
  agriOperatorType: 'large_grower',
  founder: { categories: ['college_graduate', 'disabled'], partners: 2 },
  hiring: { newHiresLast12Months: 6, newHiresFromTargetGroups: 2 },
  credit: {
    dishonestDebtor: false,
    overdueLoans: false,
    badCreditRecord: false,
    wageOrSocialInsuranceArrears: false,
  },
  receivables: { amountYuan: 800_000, debtorIsGovernmentOrLargeEnterprise: true },
  governmentProcurementContract: { amountYuan: 1_200_000 },
  listings: [],
  taxPaidLastYearYuan: 120_000,
  taxRelief: false,
  jobRetentionRate: 0.95,
  financingNeed: {
    amountYuan: 2_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    collateralAvailable: false,
  },
};

describe('CONSENT_DATA_CATEGORIES', () => {
  it.each(Object.entries(EXPECTED_FIELDS))(
    'should cover exactly the listed fields when the category is %s',
    (id, fields) => {
      const category = CONSENT_DATA_CATEGORIES.find((c) => c.id === id);
      expect(category?.fields).toEqual(fields);
      expect(category?.label.zh).toMatch(/\S/);
      expect(category?.label.en).toMatch(/\S/);
    },
  );

  it('should cover every profile field exactly once when the categories are combined', () => {
    const covered = CONSENT_DATA_CATEGORIES.flatMap((c) => [...c.fields]);
    expect(covered).toHaveLength(new Set(covered).size);
    expect([...covered].sort()).toEqual([...PROFILE_FIELDS].sort());
    expect(CONSENT_CATEGORY_IDS).toEqual(Object.keys(EXPECTED_FIELDS));
  });

  it('should have a bilingual purpose when it is shown', () => {
    expect(CONSENT_PURPOSE.zh).toMatch(/融资/);
    expect(CONSENT_PURPOSE.en).toMatch(/financing/);
  });
});

describe('consentCategoryOfField', () => {
  it.each([
    ['uscc', 'identity'],
    ['annualRevenueYuan', 'scale'],
    ['certifications', 'qualifications'],
    ['founder.categories', 'founder'],
    ['hiring.newHiresLast12Months', 'employment'],
    ['credit.overdueLoans', 'credit'],
    ['receivables.amountYuan', 'finances'],
    ['financingNeed.termMonths', 'financing_need'],
    ['sizeClass', null],
    ['constructor', null],
    ['', null],
  ])('should map %s to %p when asked for its category', (field, expected) => {
    expect(consentCategoryOfField(field)).toBe(expected);
  });
});

describe('buildConsentedSnapshot', () => {
  it.each([
    [['identity'], EXPECTED_FIELDS.identity],
    [['financing_need'], ['financingNeed']],
    [
      ['identity', 'financing_need'],
      [...EXPECTED_FIELDS.identity, 'financingNeed'],
    ],
    [['credit', 'credit'], ['credit']],
    [[], []],
    [[...CONSENT_CATEGORY_IDS], PROFILE_FIELDS],
  ])('should hold exactly the consented fields when the categories are %j', (categories, keys) => {
    const snapshot = buildConsentedSnapshot(PROFILE, categories);
    expect(Object.keys(snapshot).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(snapshot[key]).toEqual(PROFILE[key as keyof typeof PROFILE]);
  });

  it('should leave out categories not consented to when only some are', () => {
    const snapshot = buildConsentedSnapshot(PROFILE, ['identity', 'scale', 'financing_need']);
    for (const field of [...EXPECTED_FIELDS.founder, ...EXPECTED_FIELDS.credit]) {
      expect(snapshot).not.toHaveProperty(field);
    }
  });

  it('should leave out absent fields when the profile omits optional ones', () => {
    const snapshot = buildConsentedSnapshot(
      { employees: 3, annualRevenueYuan: 100, totalAssetsYuan: undefined },
      ['scale'],
    );
    expect(snapshot).toEqual({ employees: 3, annualRevenueYuan: 100 });
    expect(Object.keys(snapshot)).toEqual(['employees', 'annualRevenueYuan']);
  });

  it('should keep an explicit null when the profile has one', () => {
    expect(buildConsentedSnapshot({ credit: null }, ['credit'])).toEqual({ credit: null });
  });

  it('should drop unknown nested keys when an object field carries them', () => {
    const profile = {
      ...PROFILE,
      credit: { ...PROFILE.credit, internalScore: 312 },
      founder: { categories: ['veteran'], idCardNumber: '360102199001011234' },
      financingNeed: { ...PROFILE.financingNeed, note: 'secret' },
    };
    const snapshot = buildConsentedSnapshot(profile, ['credit', 'founder', 'financing_need']);
    expect(snapshot.credit).toEqual(PROFILE.credit);
    expect(snapshot.founder).toEqual({ categories: ['veteran'] });
    expect(snapshot.financingNeed).toEqual(PROFILE.financingNeed);
  });

  it('should drop an object field when it is not an object', () => {
    const snapshot = buildConsentedSnapshot({ credit: 'good', hiring: [1, 2] }, [
      'credit',
      'employment',
    ]);
    expect(snapshot).toEqual({});
  });

  it('should not read inherited properties when the profile has a prototype', () => {
    const profile = Object.create({ uscc: 'inherited', credit: { dishonestDebtor: true } });
    profile.name = 'own';
    expect(buildConsentedSnapshot(profile, ['identity', 'credit'])).toEqual({ name: 'own' });
  });

  it('should neither leak nor pollute when the input has a __proto__ key', () => {
    const profile = JSON.parse(
      '{"name":"x","__proto__":{"polluted":true},"credit":{"__proto__":{"a":1}}}',
    );
    const snapshot = buildConsentedSnapshot(profile, ['identity', 'credit']);
    expect(Object.keys(snapshot)).toEqual(['name', 'credit']);
    expect(snapshot.credit).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype);
  });

  it('should deep-copy when the input is changed afterwards', () => {
    const profile = structuredClone(PROFILE);
    const snapshot = buildConsentedSnapshot(profile, [...CONSENT_CATEGORY_IDS]);
    profile.certifications.push('high_tech_enterprise');
    profile.founder.categories.push('veteran');
    profile.financingNeed.amountYuan = 1;
    expect(snapshot).toEqual(PROFILE);
  });

  it('should throw naming every unknown category when some are unknown', () => {
    expect(() => buildConsentedSnapshot(PROFILE, ['identity', 'everything', 'more'])).toThrow(
      'Unknown consent data categories: everything, more',
    );
  });

  // toEqual ignores keys holding undefined; a snapshot must not even carry the key.
  it('should carry no key at all for a field or nested key it leaves out', () => {
    const nested = Object.create({ termMonths: 12 });
    Object.assign(nested, { amountYuan: 500_000, purpose: undefined });
    const snapshot = buildConsentedSnapshot(
      { name: undefined, credit: 'good', financingNeed: nested },
      ['identity', 'credit', 'financing_need'],
    );
    expect(Object.keys(snapshot)).toEqual(['financingNeed']);
    expect(Object.keys(snapshot.financingNeed as object)).toEqual(['amountYuan']);
  });

  it('should never leak an extra key when given random profiles and categories', () => {
    const known = new Set(PROFILE_FIELDS);
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(
        fc.string({ maxLength: 8 }).filter((k) => k !== 'purpose'),
        fc.integer(),
        { maxKeys: 3 },
      ),
    );
    const profile = fc.record(
      {
        known: fc.dictionary(fc.constantFrom(...PROFILE_FIELDS), value),
        extra: fc.dictionary(
          fc
            .oneof(
              fc.constantFrom('__proto__', 'constructor', 'toString', 'idCardNumber', 'password'),
              fc.string({ minLength: 1, maxLength: 12 }),
            )
            .filter((k) => !known.has(k)),
          value,
          { maxKeys: 6 },
        ),
      },
      { noNullPrototype: true },
    );
    fc.assert(
      fc.property(profile, fc.subarray([...CONSENT_CATEGORY_IDS]), (input, categories) => {
        const merged: Record<string, unknown> = { ...input.extra, ...input.known };
        const snapshot = buildConsentedSnapshot(merged, categories);
        const allowed = new Set(categories.flatMap((id) => EXPECTED_FIELDS[id]));
        for (const key of Object.keys(snapshot)) {
          expect(allowed.has(key)).toBe(true);
          expect(Object.hasOwn(merged, key)).toBe(true);
        }
        for (const key of Object.keys(input.extra))
          expect(Object.hasOwn(snapshot, key)).toBe(false);
        for (const [key, v] of Object.entries(input.known)) {
          if (!allowed.has(key)) continue;
          if (!OBJECT_FIELDS.includes(key)) {
            // A consented scalar or array field is carried over unchanged.
            expect(snapshot[key]).toEqual(v);
          } else if (snapshot[key] !== undefined && snapshot[key] !== null) {
            // An object field keeps none of the random nested keys (none is a known sub-key).
            expect(snapshot[key]).toEqual({});
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('defaultConsentText', () => {
  const bank = { zh: '九江银行', en: 'Bank of Jiujiang' };
  const product = { zh: '财园信贷通', en: 'Caiyuan Credit Link' };

  it('should name the bank, product, purpose and each category when consent is for some', () => {
    const text = defaultConsentText(bank, product, ['financing_need', 'identity']);
    expect(text.zh).toContain('九江银行');
    expect(text.zh).toContain('财园信贷通');
    expect(text.zh).toContain(CONSENT_PURPOSE.zh);
    expect(text.zh).toContain('企业身份信息');
    expect(text.zh).toContain('融资需求');
    expect(text.en).toContain('Bank of Jiujiang');
    expect(text.en).toContain('Caiyuan Credit Link');
    expect(text.en).toContain(CONSENT_PURPOSE.en);
    expect(text.en).toContain('Identity');
    expect(text.en).toContain('Financing need');
    // Canonical order regardless of the order given.
    expect(text.en.indexOf('Identity')).toBeLessThan(text.en.indexOf('Financing need'));
  });

  it.each([
    ['credit', '信用状况', 'Credit ('],
    ['founder', '创业者身份', 'Founder ('],
    ['scale', '经营规模', 'Scale ('],
  ])('should not mention %s when it is not consented to', (_id, zh, en) => {
    const text = defaultConsentText(bank, product, ['identity', 'financing_need']);
    expect(text.zh).not.toContain(zh);
    expect(text.en).not.toContain(en);
  });

  it.each([
    [['founder'], true],
    [['identity', 'founder'], true],
    [['identity', 'credit'], false],
  ])(
    'should call out sensitive information only when a sensitive category is in %j',
    (categories, expected) => {
      const text = defaultConsentText(bank, product, categories);
      expect(text.zh.includes('敏感个人信息')).toBe(expected);
      expect(text.en.includes('sensitive personal information')).toBe(expected);
    },
  );

  // The whole text once, word for word: it is what the SME agrees to and what the bank receives.
  it('should read exactly so when consent covers identity and the founder', () => {
    expect(defaultConsentText(bank, product, ['founder', 'identity'])).toEqual({
      zh:
        '本人同意将本企业的以下信息提供给九江银行，用于向所选合作银行推荐本企业的融资申请，' +
        '供其审核申请并与本企业联系（申请产品：财园信贷通）：' +
        '企业身份信息（统一社会信用代码、名称、主体类型、所在地区、行业、成立日期）；' +
        '创业者身份（创业者所属的扶持人群类别）。' +
        '“创业者身份”可能包含残疾、脱贫等特定身份信息，属于敏感个人信息。' +
        '除上述信息外，不会向九江银行提供本企业档案中的其他信息。',
      en:
        'I consent to Bank of Jiujiang receiving the following information about my enterprise ' +
        'for the referral of a financing application to the named partner bank, for it to ' +
        'assess the application and contact the applicant (product applied for: Caiyuan Credit ' +
        'Link): Identity (credit code, name, entity type, region, industry, date established); ' +
        "Founder (the founder's target-group categories). The founder information may reveal a " +
        'specific identity such as disability or poverty-alleviation status, which is sensitive ' +
        'personal information. No other information from the enterprise profile is shared with ' +
        'Bank of Jiujiang.',
    });
    expect(CONSENT_PURPOSE_CODE).toBe('financing_referral');
  });

  it('should add no notice when no category is sensitive', () => {
    expect(defaultConsentText(bank, product, ['scale']).en).toBe(
      'I consent to Bank of Jiujiang receiving the following information about my enterprise ' +
        'for the referral of a financing application to the named partner bank, for it to ' +
        'assess the application and contact the applicant (product applied for: Caiyuan Credit ' +
        'Link): Scale (employees, annual revenue, total assets). No other information from the ' +
        'enterprise profile is shared with Bank of Jiujiang.',
    );
  });

  it('should add the permission to re-route, word for word, only when the SME gives it', () => {
    const plain = defaultConsentText(bank, product, ['scale']);
    const withReroute = defaultConsentText(bank, product, ['scale'], { allowReroute: true });
    expect(defaultConsentText(bank, product, ['scale'], { allowReroute: false })).toEqual(plain);
    expect(withReroute).toEqual({
      zh:
        plain.zh +
        '如九江银行未在约定的工作日内确认受理，或未通过本申请（本人放弃授信方案的除外），' +
        '本人同意平台将本申请连同上述信息转给该产品在本企业所在地区的下一家合作银行办理，' +
        '每家接手的银行同样只获得上述信息；一笔申请最多转给三家银行。',
      en:
        plain.en +
        ' If Bank of Jiujiang does not acknowledge the application within the agreed working ' +
        'days, or declines it (other than because I turned an offer down), I agree that the ' +
        'platform passes the application with the same information to the next partner bank of ' +
        "the product in my enterprise's region; each bank that takes it over receives only that " +
        'information, and one application goes to at most three banks.',
    });
  });

  it('should give the same text when categories repeat or come in another order', () => {
    expect(defaultConsentText(bank, product, ['scale', 'identity', 'scale'])).toEqual(
      defaultConsentText(bank, product, ['identity', 'scale']),
    );
  });

  it.each([
    [[], /at least one/],
    [['identity', 'bank_statements'], /bank_statements/],
  ])('should throw when the categories are %j', (categories, message) => {
    expect(() => defaultConsentText(bank, product, categories)).toThrow(message);
  });
});
