/**
 * Strings of the service guide, the keypad and the idle countdown, kept apart from the main
 * catalogs so that parallel work merges easily; zh-CN.ts and en.ts spread these in.
 */

export const guideStringsZh = {
  guide: {
    title: '服务指南',
    searchLabel: '搜索指南（中文或英文）',
    searchPlaceholder: '例如：补卡、材料、lost card',
    clearSearch: '清除',
    topicsLabel: '常用话题',
    topic: {
      replace: '补卡',
      materials: '材料',
      lost: '挂失',
      activate: '启用',
      medical: '医保卡',
      outlets: '网点',
    },
    resultsCount: '找到 {{count}} 篇',
    allArticles: '全部 {{count}} 篇',
    related: '没有完全符合的内容，以下内容可能有帮助：',
    noResults: '没有找到相关内容。请换个词再试，或拨打 12333 咨询。',
    backToList: '返回指南目录',
    hotlineTitle: '咨询电话',
    hotlineBody: '有疑问请拨打 {{hotline}}，或到服务窗口咨询。',
    outlets: {
      title: '服务网点',
      summary: '办理补换卡、挂失、解锁的地点和办公时间',
      intro: '以下网点可以办理社保卡业务。出发前可拨打电话确认办公时间。',
      none: '本机没有配置服务网点信息。请拨打 12333 查询离您最近的网点。',
      address: '地址',
      hours: '办公时间',
      phone: '电话',
      services: '可办理',
      keywords: '网点 地址 地点 在哪里 办公时间 上班时间 电话 银行',
    },
    service: {
      card_application: '申领社保卡',
      card_replacement: '补换卡',
      instant_issuance: '即时制卡（当场领卡）',
      loss_report: '挂失',
      activation: '启用社保功能',
      pin_unlock: '密码解锁',
      financial_activation: '启用金融功能',
    },
  },
  pager: {
    previous: '上一页',
    next: '下一页',
    position: '第 {{page}} 页，共 {{pages}} 页',
  },
  keypad: {
    label: '数字键盘',
    clear: '清空',
    back: '退格',
    backLabel: '删除一位',
    submit: '确定',
    entered: '已输入 {{count}} 位，共 {{length}} 位',
  },
  idle: {
    title: '您还在吗？',
    body: '长时间没有操作，为保护您的信息，{{seconds}} 秒后将自动退出。',
    moreTime: '我需要更多时间',
    secondsLeft: '{{seconds}} 秒',
  },
} as const;

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type GuideStrings = Widen<typeof guideStringsZh>;

export const guideStringsEn: GuideStrings = {
  guide: {
    title: 'Service guide',
    searchLabel: 'Search the guide (English or Chinese)',
    searchPlaceholder: 'e.g. lost card, documents',
    clearSearch: 'Clear',
    topicsLabel: 'Common topics',
    topic: {
      replace: 'Replace card',
      materials: 'Documents',
      lost: 'Lost card',
      activate: 'Activate',
      medical: 'Medical card',
      outlets: 'Outlets',
    },
    resultsCount: '{{count}} found',
    allArticles: 'All {{count}} topics',
    related: 'Nothing matches every word. These may help:',
    noResults: 'Nothing found. Please try other words, or call 12333.',
    backToList: 'Back to the guide',
    hotlineTitle: 'Hotline',
    hotlineBody: 'Questions? Call {{hotline}} or ask at a service counter.',
    outlets: {
      title: 'Service outlets',
      summary: 'Where to replace, report or unlock a card, and opening hours',
      intro: 'These outlets handle social security cards. You may call to check opening hours.',
      none: 'No outlets are configured on this kiosk. Call 12333 to find the nearest one.',
      address: 'Address',
      hours: 'Opening hours',
      phone: 'Phone',
      services: 'Services',
      keywords: 'outlet office address location where opening hours phone bank branch',
    },
    service: {
      card_application: 'New cards',
      card_replacement: 'Replacement cards',
      instant_issuance: 'Instant issuance (same day)',
      loss_report: 'Loss reports',
      activation: 'Activation',
      pin_unlock: 'PIN unlock',
      financial_activation: 'Bank function activation',
    },
  },
  pager: {
    previous: 'Previous page',
    next: 'Next page',
    position: 'Page {{page}} of {{pages}}',
  },
  keypad: {
    label: 'Number keypad',
    clear: 'Clear',
    back: 'Back',
    backLabel: 'Delete one digit',
    submit: 'OK',
    entered: '{{count}} of {{length}} digits entered',
  },
  idle: {
    title: 'Are you still there?',
    body: 'Nothing has been touched for a while. To protect your information, this session ends in {{seconds}} seconds.',
    moreTime: 'I need more time',
    secondsLeft: '{{seconds}} s',
  },
};
