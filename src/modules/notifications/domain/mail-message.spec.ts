import { composeNotificationMail, composePasswordResetMail, escapeHtml } from './mail-message';

describe('escapeHtml', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    [`"x" 'y'`, '&quot;x&quot; &#39;y&#39;'],
    ['中文', '中文'],
  ])('should escape %s', (input, out) => {
    expect(escapeHtml(input)).toBe(out);
  });
});

describe('composeNotificationMail', () => {
  // Composed inside each test: code run when the spec loads counts as covered by no test, and
  // Stryker re-runs the whole suite for every mutant in it (CONTRIBUTING.md).
  const n = {
    title: { zh: '「科贷通」申请已获批', en: 'Kedaitong approved' },
    body: { zh: '批准金额150万元。', en: 'Approved for CNY 1,500,000 <b>now</b>.' },
  };
  const mail = () => composeNotificationMail(n, 'https://sfm.example/notifications');

  it('should put both titles in the subject, Chinese first', () => {
    expect(mail().subject).toBe('「科贷通」申请已获批 | Kedaitong approved');
  });

  it('should carry both languages in the text and the HTML part', () => {
    for (const part of [mail().text, mail().html]) {
      expect(part).toContain('批准金额150万元。');
      expect(part).toContain('https://sfm.example/notifications');
    }
    expect(mail().text.indexOf('批准金额')).toBeLessThan(mail().text.indexOf('Approved for'));
    expect(mail().text).toContain('Approved for CNY 1,500,000 <b>now</b>.');
  });

  it('should escape what it puts into HTML', () => {
    expect(mail().html).toContain('&lt;b&gt;now&lt;/b&gt;');
    expect(mail().html).not.toContain('<b>now</b>');
  });

  it('should say how to turn mail off, in both languages', () => {
    expect(mail().text).toMatch(/关闭/);
    expect(mail().text).toMatch(/turn email notifications off/);
  });
});

describe('composePasswordResetMail', () => {
  it('should carry the link and its lifetime in both languages', () => {
    const link = 'https://sfm.example/password/reset?token=abc_DEF-123';
    const mail = composePasswordResetMail(link, 60);
    expect(mail.text.split(link)).toHaveLength(3);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain('60 分钟');
    expect(mail.text).toContain('within 60 minutes');
  });
});

// The whole layout, line by line: a mail client shows exactly this, so a lost blank line, a
// missing label or a section in the wrong language is a visible defect.
describe('the layout of a mail', () => {
  const mail = () =>
    composeNotificationMail(
      { title: { zh: '标题', en: 'Title' }, body: { zh: '正文', en: 'Body' } },
      'https://sfm.example/n',
    );

  it('should lay out the text part as Chinese, English, then the footer, split by rules', () => {
    expect(mail().text).toBe(
      [
        '标题',
        '',
        '正文',
        '',
        '在平台上查看: https://sfm.example/n',
        '',
        '----',
        '',
        'Title',
        '',
        'Body',
        '',
        'Read it in the service: https://sfm.example/n',
        '',
        '----',
        '',
        '这封邮件由融资匹配服务自动发送。如不想再收到邮件通知，可在账户设置中关闭。',
        'Sent automatically by the SME finance matching service. You can turn email notifications off in your account settings.',
      ].join('\n'),
    );
  });

  it('should mark up each language as its own section with heading, paragraphs and link', () => {
    expect(mail().html.split('\n')).toEqual([
      '<!doctype html>',
      '<html lang="zh-CN"><head><meta charset="utf-8"><title>标题 | Title</title></head>',
      '<body style="font-family: sans-serif; line-height: 1.6; max-width: 40em">',
      '<section lang="zh-CN"><h2>标题</h2><p>正文</p><p><a href="https://sfm.example/n">在平台上查看</a></p></section><hr>',
      '<section lang="en"><h2>Title</h2><p>Body</p><p><a href="https://sfm.example/n">Read it in the service</a></p></section><hr>',
      '<p style="color: #555"><small>这封邮件由融资匹配服务自动发送。如不想再收到邮件通知，可在账户设置中关闭。<br>' +
        '<span lang="en">Sent automatically by the SME finance matching service. You can turn email notifications off in your account settings.</span></small></p>',
      '</body></html>',
    ]);
  });

  it('should escape the subject in the HTML title', () => {
    const m = composeNotificationMail(
      { title: { zh: 'a<b', en: 'c&d' }, body: { zh: 'x', en: 'y' } },
      'https://sfm.example/n?a=1&b=2',
    );
    expect(m.subject).toBe('a<b | c&d');
    expect(m.html).toContain('<title>a&lt;b | c&amp;d</title>');
    expect(m.html).toContain('href="https://sfm.example/n?a=1&amp;b=2"');
  });

  it('should write the password-reset mail in two sections with two paragraphs each', () => {
    const link = 'https://sfm.example/r?t=1';
    const m = composePasswordResetMail(link, 30);
    expect(m.subject).toBe('重设密码 | Reset your password');
    expect(m.text).toBe(
      [
        '重设您的密码',
        '',
        '我们收到了重设您账户密码的请求。请在 30 分钟内打开下面的链接设置新密码，链接只能使用一次。',
        '如果这不是您本人的操作，请忽略这封邮件，您的密码不会改变。',
        '',
        `设置新密码: ${link}`,
        '',
        '----',
        '',
        'Reset your password',
        '',
        'Someone asked to reset the password of your account. Open the link below within 30 minutes to choose a new one; it works once.',
        'If it was not you, ignore this email and your password stays as it is.',
        '',
        `Choose a new password: ${link}`,
        '',
        '----',
        '',
        '这封邮件由融资匹配服务自动发送，请勿直接回复。',
        'Sent automatically by the SME finance matching service; replies are not read.',
      ].join('\n'),
    );
    expect(m.html.split('\n')[3]).toBe(
      '<section lang="zh-CN"><h2>重设您的密码</h2>' +
        '<p>我们收到了重设您账户密码的请求。请在 30 分钟内打开下面的链接设置新密码，链接只能使用一次。</p>' +
        '<p>如果这不是您本人的操作，请忽略这封邮件，您的密码不会改变。</p>' +
        `<p><a href="${link}">设置新密码</a></p></section><hr>`,
    );
    expect(m.html).toContain('<section lang="en"><h2>Reset your password</h2><p>Someone asked');
    expect(m.html).toContain(`<a href="${link}">设置新密码</a>`);
  });
});
