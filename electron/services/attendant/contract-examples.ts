/** A valid request for each attendant command with required fields (contract.test.ts). */
const token = 'ab'.repeat(32);
const settings = {
  idleTimeoutSeconds: 60,
  defaultLanguage: 'zh-CN',
  shuffledKeypad: false,
  functions: { bureau_hall: ['inquiry', 'guide'], bank_lobby: ['inquiry'] },
};

export const ATTENDANT_EXAMPLES = {
  'attendant.enter': { passcode: '24681357' },
  'attendant.cardWait': { active: true },
  'attendant.enterWithCard': { pin: '314159' },
  'attendant.leave': { token },
  'attendant.dashboard': { token },
  'attendant.action': { token, action: 'test_print' },
  'attendant.readerTest': { token },
  'attendant.outOfService': { token, active: true, message: 'maintenance' },
  'attendant.reprints': { token },
  'attendant.reprint': { token, id: '123e4567-e89b-42d3-a456-426614174000' },
  'attendant.diagnostics': { token, toFolder: true, print: false },
  'attendant.settings': { token },
  'attendant.setSettings': { token, settings },
  'attendant.audit': { token, limit: 20 },
} as const;
