import { useTranslation } from 'react-i18next';
import { kioskApi } from '../../api';
import { useFlowStore } from '../../state/flow';
import { useFunctionEnabled } from '../../state/functions';
import { usePrefsStore } from '../../state/prefs';
import { BigButton } from '../../ui/BigButton';
import { StatusNotices } from '../../ui/StatusNotices';

function CardSlotAnimation() {
  return (
    <div className="slot-animation" aria-hidden="true">
      <div className="slot-card">
        <div className="slot-card-chip" />
        <div className="slot-card-stripe" />
      </div>
      <div className="slot-reader" />
    </div>
  );
}

export function AttractScreen() {
  const { t } = useTranslation();
  const go = useFlowStore((s) => s.go);
  const { language, largeText } = usePrefsStore();
  // Functions switched off at this site (attendant settings) are not offered at all.
  const lossReport = useFunctionEnabled('loss_report');
  const guide = useFunctionEnabled('guide');

  const toggleLanguage = () =>
    void kioskApi().invoke('prefs.set', { language: language === 'zh-CN' ? 'en' : 'zh-CN' });
  const toggleLargeText = () => void kioskApi().invoke('prefs.set', { largeText: !largeText });

  return (
    <section className="attract" data-testid="screen-attract">
      <div className="attract-insert">
        <CardSlotAnimation />
        <h1 className="attract-title">{t('attract.insertCard')}</h1>
        <p className="attract-hint">{t('attract.insertHint')}</p>
      </div>
      <div className="attract-actions">
        <StatusNotices />
        {lossReport || guide ? (
          <h2 className="attract-subtitle">{t('attract.noCardTitle')}</h2>
        ) : null}
        {lossReport ? (
          <BigButton
            testId="btn-report-lost"
            hint={t('attract.reportLostHint')}
            icon="⚠"
            onPress={() => go({ name: 'loss' })}
          >
            {t('attract.reportLost')}
          </BigButton>
        ) : null}
        {guide ? (
          <BigButton
            testId="btn-guide"
            hint={t('attract.guideHint')}
            icon="?"
            onPress={() => go({ name: 'guide' })}
          >
            {t('attract.guide')}
          </BigButton>
        ) : null}
        <div className="attract-prefs">
          <BigButton
            testId="btn-language"
            variant="secondary"
            ariaLabel={t('attract.languageLabel')}
            onPress={toggleLanguage}
          >
            {t('attract.language')}
          </BigButton>
          <BigButton
            testId="btn-large-text"
            variant="secondary"
            pressed={largeText}
            onPress={toggleLargeText}
          >
            {largeText ? t('attract.largeTextOn') : t('attract.largeTextOff')}
          </BigButton>
        </div>
      </div>
    </section>
  );
}
