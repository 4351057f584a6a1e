/**
 * Strings of the shared page header (step of the task, exit), spread into both catalogs under
 * `header`. The English object is typed by the Chinese one.
 */
export const headerZh = {
  step: '第 {{step}} 步，共 {{steps}} 步：{{name}}',
  stepName: {
    card: '读卡',
    pin: '输入密码',
    inquiry: '查询',
  },
  exitSession: '退出并取卡',
  home: '返回首页',
};

export const headerEn: typeof headerZh = {
  step: 'Step {{step}} of {{steps}}: {{name}}',
  stepName: {
    card: 'Card',
    pin: 'PIN',
    inquiry: 'Inquiry',
  },
  exitSession: 'Exit, take card',
  home: 'Home',
};
