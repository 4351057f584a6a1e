/**
 * Strings of the citizen session (card disposition, PIN, take-card), spread into both
 * catalogs under `session`. The English object is typed by the Chinese one.
 */
export const sessionZh = {
  checking: '正在核验卡片状态，请稍候…',
  source: {
    central: '卡片状态来自社保中心（实时）',
    hotlist: '社保中心暂时无法连接，卡片状态来自本机挂失名单',
    card: '社保中心暂时无法连接，仅根据卡片信息判断',
  },
  normal: {
    title: '请选择要办理的业务',
    inquiry: '查询个人信息',
    inquiryHint: '参保、缴费、医保账户、养老账户等，需要输入卡密码',
  },
  sealed: {
    title: '您的社保卡还没有启用',
    body: '新卡需要先启用社会保障功能才能使用。启用时需要输入卡片的初始密码，并设置新的 6 位密码。',
    activate: '启用社保卡',
    activateHint: '输入初始密码，设置新密码',
  },
  lost: {
    title: '此卡已临时挂失',
    body: '临时挂失期间，此卡不能用于结算。如果卡片已经找回，可以解除挂失。',
    validUntil: '临时挂失有效期至 {{date}}',
    cancel: '解除挂失',
    cancelHint: '找回了卡片，需要输入卡密码',
  },
  expired: {
    title: '您的社保卡已过有效期',
    body: '过期的卡片不能办理业务。请携带本人身份证原件到社保经办网点或合作银行网点换领新卡。',
    guide: '查看补换卡指南',
  },
  refused: {
    title: '此卡不能在本机办理业务',
    formally_lost: '此卡已正式挂失。',
    cancelled_after_loss: '此卡已挂失注销。',
    cancelled: '此卡已注销。',
    not_issued: '此卡尚未发放。',
    hotlisted: '此卡在挂失名单中。',
    invalid_card_number: '卡号校验未通过。',
    not_genuine: '卡片验证未通过。',
    counter: '请取出卡片，携带本人身份证到人工窗口办理，或拨打 12333 咨询。',
  },
  replacement: {
    title: '补换卡进度',
    applied: '已受理补换卡申请（{{date}}）',
    in_production: '新卡正在制作中（{{date}} 申请）',
    ready_for_collection: '新卡已制作完成，可以领取（{{date}} 申请）',
  },
  pin: {
    title: '请输入 6 位社保卡密码',
    hint: '请用手遮挡键盘，注意保护密码',
    checking: '正在验证，请勿拔卡…',
    wrong: '密码不正确，还可以再试 {{count}} 次',
    wrongLast: '密码不正确，只剩最后 1 次机会。再错一次，卡片密码将被锁定',
    lastTryAhead: '请注意：这张卡的密码只剩最后 1 次机会。输错一次，卡片密码将被锁定',
    blockedTitle: '卡片密码已被锁定',
    blockedBody: '密码连续输错，已被锁定。请携带本人身份证和社保卡到人工窗口解锁。',
    failed: '卡片暂时无法验证密码，请取出卡片后重新插入。',
    offlineTitle: '密码正确',
    offlineBody: '社保中心暂时无法连接，现在不能查询。请稍后再试，或到人工窗口办理。',
    notGenuineTitle: '卡片验证未通过',
    notGenuineBody: '此卡未能通过社保中心的验证，不能在本机办理业务。请到人工窗口办理。',
    cancel: '不输入密码，返回',
  },
  finish: '结束办理',
  takeCard: {
    title: '请取走您的卡片',
    body: '业务已结束。请不要忘记您的卡片。',
  },
  unavailable: {
    title: '该业务即将开放',
    body: '本机暂不能办理此业务。请到人工窗口办理，或拨打 12333 咨询。',
  },
};

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const sessionEn: Shape<typeof sessionZh> = {
  checking: 'Checking your card, please wait…',
  source: {
    central: 'Card status from the social security centre (live)',
    hotlist:
      'The social security centre cannot be reached; card status from this kiosk’s list of lost cards',
    card: 'The social security centre cannot be reached; judged from the card alone',
  },
  normal: {
    title: 'What would you like to do?',
    inquiry: 'Look up my records',
    inquiryHint: 'Insurance, contributions, medical and pension accounts; needs your card PIN',
  },
  sealed: {
    title: 'Your card is not activated yet',
    body: 'A new card must have its social security function activated first. You will enter the card’s initial PIN and choose a new 6-digit PIN.',
    activate: 'Activate my card',
    activateHint: 'Enter the initial PIN, choose a new one',
  },
  lost: {
    title: 'This card has been reported lost',
    body: 'While the loss report is in force the card cannot be used for payments. If you have found it, you can cancel the report.',
    validUntil: 'The provisional loss report is valid until {{date}}',
    cancel: 'Cancel the loss report',
    cancelHint: 'I found my card; needs the card PIN',
  },
  expired: {
    title: 'Your card has expired',
    body: 'An expired card cannot be used. Please bring your original ID card to a social security office or partner bank for a new card.',
    guide: 'How to replace a card',
  },
  refused: {
    title: 'This card cannot be used at this kiosk',
    formally_lost: 'This card has been formally reported lost.',
    cancelled_after_loss: 'This card was cancelled after a loss report.',
    cancelled: 'This card has been cancelled.',
    not_issued: 'This card has not been issued yet.',
    hotlisted: 'This card is on the list of lost cards.',
    invalid_card_number: 'The card number failed its check.',
    not_genuine: 'The card failed verification.',
    counter: 'Please take your card and go to a service counter with your ID card, or call 12333.',
  },
  replacement: {
    title: 'Card replacement progress',
    applied: 'Replacement application received ({{date}})',
    in_production: 'Your new card is being made (applied {{date}})',
    ready_for_collection: 'Your new card is ready for collection (applied {{date}})',
  },
  pin: {
    title: 'Enter your 6-digit card PIN',
    hint: 'Cover the keypad with your hand to protect your PIN',
    checking: 'Checking, please do not remove the card…',
    wrong: 'Wrong PIN. {{count}} tries left',
    wrongLast: 'Wrong PIN. Only 1 try left; one more wrong PIN will lock the card',
    lastTryAhead: 'Please note: this card has only 1 PIN try left; one wrong PIN will lock it',
    blockedTitle: 'The card PIN is locked',
    blockedBody:
      'The PIN was entered wrongly too many times and is locked. Please bring your ID card and this card to a service counter to unlock it.',
    failed: 'The card could not check the PIN. Please take it out and insert it again.',
    offlineTitle: 'PIN correct',
    offlineBody:
      'The social security centre cannot be reached, so records cannot be looked up now. Please try later or go to a service counter.',
    notGenuineTitle: 'Card verification failed',
    notGenuineBody:
      'This card did not pass the social security centre’s verification and cannot be used here. Please go to a service counter.',
    cancel: 'Go back without a PIN',
  },
  finish: 'Finish',
  takeCard: {
    title: 'Please take your card',
    body: 'You are done. Do not forget your card.',
  },
  unavailable: {
    title: 'Coming soon',
    body: 'This service is not available at this kiosk yet. Please go to a service counter or call 12333.',
  },
};
