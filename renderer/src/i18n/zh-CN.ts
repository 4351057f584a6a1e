import { headerZh } from './look-strings';
import { lossZh } from './loss-strings';
import { guideStringsZh } from './guide-strings';

/** 简体中文 — the default language. The English catalog must have exactly these keys. */
import { attendantZh } from './attendant-strings';
import { inquiryZh } from './inquiry-strings';
import { sessionZh } from './session-strings';
import { printZh, replacementZh } from './print-strings';
import { pinChangeZh } from './pin-strings';
export const zhCN = {
  ...guideStringsZh,
  header: headerZh,
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
    reading: '正在读卡，请勿拔卡',
    readingHint: '读卡需要几秒钟，请稍候',
    finish: '结束并取卡',
    takeOut: '取出卡片',
    takeCard: '请取走您的卡片',
    readTitle: '已读取您的社会保障卡',
    expiredTitle: '您的社会保障卡已过有效期',
    expiredWarning: '此卡已超过有效期，不能办理业务。请携带身份证到人工窗口补换卡。',
    numberInvalid: '卡号校验未通过，请到人工窗口核实。',
    holder: '持卡人',
    holderLocked: '联网验证后显示',
    number: '社会保障卡号',
    type: '卡片类别',
    generation: '卡片版本',
    gen2: '第二代社保卡',
    gen3: '第三代社保卡',
    issued: '发卡日期',
    expires: '有效期至',
    types: {
      child: '少儿卡',
      student: '学生卡',
      adult: '成人卡',
      senior: '老年卡',
    },
    notSscTitle: '这不是社会保障卡',
    notSscBody: '请取出卡片，确认是社会保障卡后，芯片朝上重新插入。',
    unreadableTitle: '无法读取此卡',
    unreadable: {
      try_again: '请取出卡片，擦拭芯片后，芯片朝上重新插入。',
      call_staff: '此卡暂时无法在本机使用。请取出卡片，到人工窗口办理。',
      out_of_service: '读卡器出现故障。请取出卡片，到人工窗口办理。',
    },
  },
  unavailable: {
    title: '本机暂停办理此业务',
    body: '本机暂停办理「{{name}}」。请到人工窗口办理，或拨打 12333 咨询。',
    offHere: '本机暂停办理「{{name}}」，请到人工窗口办理。',
    backToCard: '返回',
    fn: {
      inquiry: '查询',
      print: '打印',
      activation: '启用社保卡',
      change_pin: '修改密码',
      loss_report: '挂失',
      cancel_loss_report: '解除挂失',
      guide: '办事指南',
    },
  },
  inquiry: inquiryZh,
  session: sessionZh,
  print: printZh,
  replacementPage: replacementZh,
  pinChange: pinChangeZh,
  loss: lossZh,
  attendant: attendantZh,
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
