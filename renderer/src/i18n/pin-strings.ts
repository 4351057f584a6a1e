/**
 * Strings of activation and change PIN (screens/pin/PinChangeScreen.tsx), spread into both
 * catalogs under `pinChange`. The English object is typed by the Chinese one.
 */
export const pinChangeZh = {
  activationTitle: '启用社保卡',
  changeTitle: '修改密码',
  changeButton: '修改卡片密码',
  changeHint: '需要输入当前密码',
  explain: {
    intro: '启用社保功能分为以下几步，全程约 2 分钟，请不要拔卡：',
    step1: '输入卡片的初始密码（见随卡附带的密码信封）',
    step2: '设置新的 6 位密码，并再输入一次确认',
    step3: '本机在卡片上修改密码，并通知社保中心启用社保功能',
    step4: '打印回执。金融（银行）功能需要本人到银行柜台激活',
    start: '开始启用',
  },
  old: {
    activation: '请输入初始密码',
    change: '请输入当前密码',
    hint: '请用手遮挡键盘，注意保护密码',
  },
  new: {
    title: '请设置新的 6 位密码',
    rules:
      '不能与原密码相同；不能是 6 个相同数字（如 111111）；不能是连续数字（如 123456、654321）；不能是您的出生日期；不能是社保中心禁用的常见密码',
  },
  again: {
    title: '请再输入一次新密码',
  },
  reason: {
    format: '密码必须是 6 位数字。',
    same_as_current: '新密码不能与原密码相同，请换一个。',
    forbidden: '这个密码太常见，容易被猜到，社保中心不允许使用，请换一个。',
    all_same: '新密码不能是 6 个相同的数字，请换一个。',
    sequence: '新密码不能是连续的数字（如 123456 或 654321），请换一个。',
    birth_date: '新密码不能是您的出生日期，请换一个。',
    mismatch: '两次输入的新密码不一致，请重新设置。',
  },
  working: '正在卡片上修改密码，请不要拔卡…',
  confirming: '卡片密码已修改。正在通知社保中心，请稍候…',
  reference: '业务编号：{{reference}}',
  bank: '金融（银行）功能需要本人携带身份证和社保卡到{{bank}}网点柜台激活。',
  bankUnknown: '金融（银行）功能需要本人携带身份证和社保卡到发卡银行网点柜台激活。',
  outcome: {
    activatedTitle: '社保卡已启用',
    activatedBody: '新密码现在即可使用。社保中心已确认启用社保功能。',
    activationPendingTitle: '新密码已生效，启用将自动完成',
    activationPendingBody:
      '您的新密码现在即可使用。社保中心暂时无法连接，启用记录已保存在本机，网络恢复后将自动提交，无需再来办理。',
    changedTitle: '密码已修改',
    changedBody: '新密码现在即可使用。',
    changePendingBody: '新密码现在即可使用。修改记录将在网络恢复后自动报送社保中心。',
    rejectedTitle: '密码已修改，但社保中心未接受本次记录',
    rejectedBody: '您的新密码现在即可使用。请凭业务编号到人工窗口办理后续手续。',
    notRecordedTitle: '密码已修改，但本机未能保存记录',
    notRecordedBody: '您的新密码现在即可使用。请到人工窗口完成后续手续。',
    removedBeforeTitle: '卡片已取出，密码没有修改',
    removedBeforeBody: '您的卡片密码没有任何变化，原密码仍然有效。如需办理，请重新插卡。',
    unknownTitle: '卡片在修改密码时被取出',
    unknownBody:
      '无法确定密码是否已修改。请重新插入卡片，本机会请您输入新设置的密码，由卡片确认密码是否已修改。',
    recheckNotChangedTitle: '密码没有修改',
    recheckNotChangedBody: '卡片接受了原来的密码，说明密码没有修改，原来的密码仍然有效。',
    recheckBlockedBody:
      '密码连续输错，已被锁定，本机无法确定密码是否已修改。请携带本人身份证和社保卡到人工窗口，工作人员会为您解锁并核实。',
    blockedTitle: '卡片密码已被锁定',
    blockedBody: '密码连续输错，已被锁定。请携带本人身份证和社保卡到人工窗口解锁。',
    failedTitle: '卡片暂时无法办理',
    failedBody: '密码没有修改。请取出卡片后重新插入再试，或到人工窗口办理。',
    unavailableTitle: '本机暂时不能办理',
    unavailableBody: '密码没有修改。本机现在无法保存办理记录，请稍后再试或到人工窗口办理。',
    cardRemoved: '卡片已取出，请妥善保管。',
  },
  recheck: {
    title: '请核对密码是否已修改',
    body: '上次修改密码时卡片被取出。请输入您设置的新密码，卡片会告诉我们密码是否已修改。',
    button: '核对密码',
    offerOld: '如果您不确定新密码是否已生效，请输入原来的密码',
    useOld: '改为输入原来的密码',
    oldTitle: '请输入原来的密码',
    oldBody: '如果原来的密码仍然可以使用，说明密码没有修改。',
    useNew: '改为输入新密码',
  },
  done: '完成',
  backToMenu: '返回业务菜单',
  cancel: '取消，返回',
};

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const pinChangeEn: Shape<typeof pinChangeZh> = {
  activationTitle: 'Activate your card',
  changeTitle: 'Change PIN',
  changeButton: 'Change the card PIN',
  changeHint: 'You need your current PIN',
  explain: {
    intro: 'Activation takes these steps, about 2 minutes. Please leave the card in the slot:',
    step1: 'Enter the initial PIN of the card (see the PIN envelope that came with it)',
    step2: 'Choose a new 6-digit PIN and enter it a second time',
    step3: 'The kiosk changes the PIN on the card and tells the social security centre',
    step4: 'A receipt is printed. The bank function is activated in person at a bank counter',
    start: 'Start activation',
  },
  old: {
    activation: 'Enter the initial PIN',
    change: 'Enter your current PIN',
    hint: 'Cover the keypad with your hand to protect your PIN',
  },
  new: {
    title: 'Choose a new 6-digit PIN',
    rules:
      'Not the old PIN; not six equal digits (like 111111); not a run (like 123456 or 654321); not your birth date; not a common PIN the centre forbids',
  },
  again: {
    title: 'Enter the new PIN again',
  },
  reason: {
    format: 'The PIN must be 6 digits.',
    same_as_current: 'The new PIN must differ from the old one. Please choose another.',
    forbidden:
      'This PIN is too common and easy to guess; the social security centre does not allow it. Please choose another.',
    all_same: 'The new PIN cannot be six equal digits. Please choose another.',
    sequence:
      'The new PIN cannot be a run of digits (like 123456 or 654321). Please choose another.',
    birth_date: 'The new PIN cannot be your birth date. Please choose another.',
    mismatch: 'The two entries were different. Please choose the new PIN again.',
  },
  working: 'Changing the PIN on the card. Do not remove the card…',
  confirming: 'The PIN on the card has been changed. Telling the social security centre…',
  reference: 'Reference: {{reference}}',
  bank: 'The financial (bank) function must be activated in person at a {{bank}} counter, with your ID card and this card.',
  bankUnknown:
    'The financial (bank) function must be activated in person at a counter of the issuing bank, with your ID card and this card.',
  outcome: {
    activatedTitle: 'Your card is activated',
    activatedBody:
      'Your new PIN works now. The social security centre has confirmed the activation.',
    activationPendingTitle: 'Your new PIN works now; activation will complete automatically',
    activationPendingBody:
      'Your new PIN works now. The social security centre cannot be reached at the moment; the activation is saved on this kiosk and will be sent automatically. You need not come again.',
    changedTitle: 'Your PIN has been changed',
    changedBody: 'Your new PIN works now.',
    changePendingBody:
      'Your new PIN works now. The change will be reported to the centre automatically when the connection is back.',
    rejectedTitle: 'PIN changed, but the centre did not accept the record',
    rejectedBody: 'Your new PIN works now. Please take the reference to a service counter.',
    notRecordedTitle: 'PIN changed, but the kiosk could not save the record',
    notRecordedBody: 'Your new PIN works now. Please finish the rest at a service counter.',
    removedBeforeTitle: 'The card was removed; your PIN was NOT changed',
    removedBeforeBody:
      'Nothing changed on your card; your old PIN still works. Insert the card again to start over.',
    unknownTitle: 'The card was removed while the PIN was being changed',
    unknownBody:
      'We cannot tell whether the PIN changed. Insert the card again: the kiosk will ask for your new PIN and the card will tell us.',
    recheckNotChangedTitle: 'Your PIN was not changed',
    recheckNotChangedBody:
      'The card accepted your previous PIN, so the PIN did not change; your previous PIN still works.',
    recheckBlockedBody:
      'Too many wrong PINs: the PIN is blocked, and the kiosk cannot tell whether it changed. Bring your ID card and this card to a service counter; the staff will unblock it and check.',
    blockedTitle: 'The PIN is blocked',
    blockedBody:
      'Too many wrong PINs. Bring your ID card and this card to a service counter to unblock it.',
    failedTitle: 'The card cannot do this right now',
    failedBody:
      'Your PIN was not changed. Take the card out, insert it again and retry, or go to a service counter.',
    unavailableTitle: 'Not available at this kiosk right now',
    unavailableBody:
      'Your PIN was not changed. The kiosk cannot save records at the moment; try later or go to a service counter.',
    cardRemoved: 'The card has been removed; keep it safe.',
  },
  recheck: {
    title: 'Check whether your PIN changed',
    body: 'Last time the card was removed while its PIN was being changed. Enter the new PIN you chose; the card will tell us whether it changed.',
    button: 'Check my PIN',
    offerOld: 'If you are not sure the new PIN took effect, enter your previous PIN',
    useOld: 'Enter my previous PIN instead',
    oldTitle: 'Enter your previous PIN',
    oldBody: 'If your previous PIN still works, the PIN did not change.',
    useNew: 'Enter my new PIN instead',
  },
  done: 'Done',
  backToMenu: 'Back to the menu',
  cancel: 'Cancel',
};
