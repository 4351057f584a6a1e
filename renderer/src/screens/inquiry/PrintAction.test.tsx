import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CardSummary } from '../../../../server/api-types';
import type { DeviceStatus } from '../../../../electron/contract';
import { i18next, initI18n } from '../../i18n';
import { printBlock } from './PrintAction';
import { ReplacementView } from './ReplacementView';

const status = (printer: Partial<DeviceStatus['printer']>, central = 'online'): DeviceStatus => ({
  reader: { device: 'online', media: 'absent', name: 'r', lastError: null },
  printer: { device: 'online', paper: 'unknown', name: 'p', lastError: null, ...printer },
  central: { state: central as DeviceStatus['central']['state'], lastError: null },
  service: { inService: true },
});

describe('printBlock: what the citizen is told before waiting', () => {
  it('lets a ready printer print, paper unknown or low included', () => {
    expect(printBlock(status({}))).toBeNull();
    expect(printBlock(status({ paper: 'low', device: 'busy' }))).toBeNull();
  });
  it('paper out or jammed, printer down, central offline, no status yet', () => {
    expect(printBlock(status({ paper: 'out' }))).toBe('paper_out');
    expect(printBlock(status({ paper: 'jammed' }))).toBe('paper_out');
    expect(printBlock(status({ device: 'offline' }))).toBe('printer_down');
    expect(printBlock(status({ device: 'hardware_error', paper: 'out' }))).toBe('printer_down');
    expect(printBlock(status({ device: 'no_device' }))).toBe('printer_down');
    expect(printBlock(status({}, 'offline'))).toBe('central_offline');
    expect(printBlock(null)).toBe('printer_down');
  });
});

describe('ReplacementView', () => {
  beforeAll(async () => {
    await initI18n('zh-CN');
  });
  const card: CardSummary = {
    cardNumberMasked: 'A0*****8',
    status: 'active',
    specVersion: '2.00',
    bank: '中国工商银行',
    issueDate: '2019-06-01',
    expiryDate: '2029-06-01',
    preReportValidUntil: null,
    replacement: null,
  };
  it('says plainly when no replacement is being made', () => {
    const html = renderToStaticMarkup(<ReplacementView card={card} />);
    expect(html).toContain('这张社保卡目前没有正在办理的补换卡申请。');
    expect(html).toContain('data-stage="none"');
  });
  it('marks the current stage and what to do, earlier stages done', async () => {
    await i18next.changeLanguage('en');
    const html = renderToStaticMarkup(
      <ReplacementView
        card={{
          ...card,
          replacement: { stage: 'ready_for_collection', appliedAt: '2026-10-08T02:00:00Z' },
        }}
      />,
    );
    // (server rendering reads the prefs store's initial language for the date)
    expect(html).toContain('Applied on 2026');
    expect(html).toMatch(/replacement-step done"><strong>Application received/);
    expect(html).toMatch(/aria-current="step"><strong>New card ready for collection/);
    expect(html).toContain('collect your new card');
    await i18next.changeLanguage('zh-CN');
  });
});
