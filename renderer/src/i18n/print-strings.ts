/**
 * Strings of printing from the inquiry (statement and page printouts), spread into both
 * catalogs under `print`. The English object is typed by the Chinese one.
 */
export const printZh = {
  statement: '打印缴费证明',
  page: '打印本页',
  chooseTitle: '打印哪几年的缴费证明？',
  chooseHint: '可以选择连续的 1 至 5 年。证明用 A4 纸打印，带验证码，可到社保经办机构核验。',
  fromYear: '从',
  toYear: '到',
  yearValue: '{{year}}年',
  earlier: '早一年',
  later: '晚一年',
  rangeOne: '将打印 {{from}} 年的缴费证明',
  rangeMany: '将打印 {{from}} 年至 {{to}} 年的缴费证明，共 {{count}} 年',
  maxYears: '一次最多打印 5 年',
  start: '开始打印',
  cancel: '不打印了',
  printingTitle: '正在打印，请稍候…',
  printingHint: '打印需要一点时间，请不要离开，也不要拔卡。',
  doneTitle: '打印完成，请取走您的凭证',
  doneHint: '凭证从打印出纸口送出。凭证上的验证码：',
  continue: '继续查询',
  paperOut: '打印机缺纸，现在不能打印。',
  printerDown: '打印机暂时不能使用，现在不能打印。',
  centralOffline: '社保中心暂时连接不上，凭证无法取得验证码，现在不能打印。',
  blockedHint: '您可以不打印，继续查询。需要纸质证明，请到人工窗口办理。',
  continueWithout: '不打印，继续查询',
  failedTitle: '打印没有完成',
  failedKept: '请联系工作人员。您的凭证已保存，工作人员可以为您补打。',
  failedTryAgain: '请稍后再试一次，或到人工窗口办理。',
  failedSession: '查询已经结束，无法打印。请重新插卡。',
  tryAgain: '再试一次',
};

export const printEn: typeof printZh = {
  statement: 'Print contribution statement',
  page: 'Print this page',
  chooseTitle: 'Which years should the statement cover?',
  chooseHint:
    'Choose 1 to 5 consecutive years. The statement is printed on A4 with a verification code the social insurance agency can check.',
  fromYear: 'From',
  toYear: 'To',
  yearValue: '{{year}}',
  earlier: 'Earlier',
  later: 'Later',
  rangeOne: 'The statement will cover {{from}}',
  rangeMany: 'The statement will cover {{from}} to {{to}}, {{count}} years',
  maxYears: 'At most 5 years at a time',
  start: 'Print',
  cancel: 'Do not print',
  printingTitle: 'Printing, please wait…',
  printingHint: 'This takes a moment. Please stay here and leave your card in the reader.',
  doneTitle: 'Printed. Please take your statement',
  doneHint: 'It comes out of the printer slot. Verification code on the statement:',
  continue: 'Continue',
  paperOut: 'The printer is out of paper, so printing is not possible now.',
  printerDown: 'The printer is not working at the moment, so printing is not possible now.',
  centralOffline:
    'The social security centre cannot be reached, so the statement cannot get its verification code and cannot be printed now.',
  blockedHint:
    'You can continue without printing. For a paper statement, please go to a service counter.',
  continueWithout: 'Continue without printing',
  failedTitle: 'Printing did not complete',
  failedKept: 'Please ask a member of staff. Your statement was saved and staff can reprint it.',
  failedTryAgain: 'Please try again later, or go to a service counter.',
  failedSession: 'The inquiry has ended, so nothing can be printed. Please insert your card again.',
  tryAgain: 'Try again',
};

/** The replacement-progress inquiry page, under `replacementPage`. */
export const replacementZh = {
  stages: {
    applied: '已受理申请',
    in_production: '新卡制作中',
    ready_for_collection: '新卡可以领取',
  },
  stageHints: {
    applied: '您的补换卡申请已经受理，正在安排制卡。',
    in_production: '新卡正在制作。制好后，这里会显示“新卡可以领取”。',
    ready_for_collection: '请带本人有效身份证件，到申请时的服务网点领取新卡。',
  },
  appliedAt: '申请日期：{{date}}',
  current: '当前进度',
  done: '已完成',
  pending: '未开始',
  none: '这张社保卡目前没有正在办理的补换卡申请。',
  noneHint:
    '卡片丢失或损坏需要补换卡时，请带本人有效身份证件到服务网点办理。卡丢了，可以先在本机办理临时挂失。',
};

export const replacementEn: typeof replacementZh = {
  stages: {
    applied: 'Application received',
    in_production: 'New card in production',
    ready_for_collection: 'New card ready for collection',
  },
  stageHints: {
    applied: 'Your replacement application has been received and the new card is being scheduled.',
    in_production:
      'The new card is being made. When it is ready, this page will say "New card ready for collection".',
    ready_for_collection:
      'Please bring your valid ID card to the service site where you applied and collect your new card.',
  },
  appliedAt: 'Applied on {{date}}',
  current: 'current stage',
  done: 'done',
  pending: 'not yet',
  none: 'No replacement card is being made for this card.',
  noneHint:
    'To replace a lost or damaged card, bring your valid ID card to a service site. If the card is lost, you can first pre-report the loss at this kiosk.',
};
