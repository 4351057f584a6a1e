import { guideStringsZh } from './guide-strings';

/** 简体中文 — the default language. The English catalog must have exactly these keys. */
export const zhCN = {
  ...guideStringsZh,
  app: {
    title: '社保卡自助服务',
    hotline: '咨询电话 12333',
    connecting: '正在连接自助终端服务，请稍候…',
  },
  attract: {
    insertCard: '请插入社会保障卡',
    insertHint: '芯片朝上，将卡片插入屏幕下方的读卡口',
    noCardTitle: '没有带卡？',
    reportLost: '社保卡挂失',
    reportLostHint: '卡丢了？无需插卡，凭身份证号办理临时挂失',
    guide: '服务指南',
    guideHint: '补换卡、所需材料、办理流程',
    language: 'English',
    languageLabel: '切换到英文',
    largeText: '大字模式',
    largeTextOn: '大字模式：开',
    largeTextOff: '大字模式：关',
  },
  card: {
    detected: '已检测到您的卡片',
    reading: '正在读取卡片信息，请不要拔卡',
    finish: '结束并取卡',
    takeCard: '请取走您的社保卡',
  },
  unavailable: {
    title: '该功能暂未开放',
    body: '本机暂不能办理此业务。请到人工窗口办理，或拨打 12333 咨询。',
  },
  common: {
    back: '返回首页',
  },
  service: {
    outOfService: '暂停服务',
    reason: {
      card_reader: '读卡器暂时无法使用。请到人工窗口办理，或稍后再试。',
      central_service: '暂时无法连接社保中心。请到人工窗口办理，或稍后再试。',
      attendant: '本机正在维护。请到人工窗口办理，或稍后再试。',
      starting: '正在启动，请稍候…',
    },
    printerDown: '打印机暂不可用，本机暂时无法打印凭证',
    centralDown: '暂时无法连接社保中心，部分业务暂停办理',
  },
  demo: {
    panel: '演示',
    title: '演示面板（仅演示模式）',
    insert: '插入卡片',
    remove: '拔出卡片',
    close: '收起',
  },
} as const;
