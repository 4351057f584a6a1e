import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendantDashboard, Health } from '../../../../electron/attendant-contract';
import { attendantZh } from '../../i18n/attendant-strings';
import { HealthBadge } from './AttendantScreen';

type FieldKey = keyof typeof attendantZh.fields;
type ValueKey = keyof typeof attendantZh.values;
const isValueKey = (k: string): k is ValueKey => Object.hasOwn(attendantZh.values, k);

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const bytes = (n: number | null): string =>
  n === null ? '—' : n >= GB ? `${(n / GB).toFixed(1)} GB` : `${Math.round(n / MB)} MB`;

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

function Card({
  id,
  title,
  health,
  children,
}: {
  id: string;
  title: string;
  health: Health | null;
  children: ReactNode;
}) {
  return (
    <article
      className={`dash-card ${health ?? 'none'}`}
      data-testid={`dash-${id}`}
      data-health={health ?? ''}
    >
      <header>
        <h2>{title}</h2>
        {health ? <HealthBadge health={health} /> : null}
      </header>
      <dl>{children}</dl>
    </article>
  );
}

function Row({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

/** Every item readable at a glance: a coloured badge that also says OK / Attention / Fault. */
export function Dashboard({ board }: { board: AttendantDashboard }) {
  const { t, i18n } = useTranslation();
  const f = (k: FieldKey): string => t(`attendant.fields.${k}`);
  const v = (k: string | null): string =>
    k === null ? '—' : isValueKey(k) ? t(`attendant.values.${k}`) : k;
  const { reader, printer, central, outbox, hotlist, disk, memory, service } = board;
  return (
    <div className="dashboard" data-testid="attendant-dashboard">
      <Card id="service" title={t('attendant.items.service')} health={service.health}>
        <Row
          label={f('state')}
          value={service.inService ? v('inService') : v('outOfService')}
          testId="dash-service-state"
        />
        {service.message ? <Row label={f('message')} value={service.message} /> : null}
      </Card>
      <Card id="reader" title={t('attendant.items.reader')} health={reader.health}>
        <Row label={f('device')} value={v(reader.device)} testId="dash-reader-device" />
        <Row label={f('name')} value={reader.name ?? '—'} />
        <Row label={f('card')} value={v(reader.cardPresent)} />
        <Row label={f('lastError')} value={reader.lastError ?? f('none')} />
      </Card>
      <Card id="printer" title={t('attendant.items.printer')} health={printer.health}>
        <Row
          label={f('device')}
          value={`${v(printer.device)} · ${printer.name ?? '—'}`}
          testId="dash-printer-device"
        />
        <Row label={f('paper')} value={v(printer.paper)} testId="dash-printer-paper" />
        <Row label={f('queue')} value={printer.queue} />
        <Row
          label={f('reasons')}
          value={printer.reasons ?? f('none')}
          testId="dash-printer-reasons"
        />
        <Row
          label={f('lastJob')}
          value={
            printer.lastJob
              ? `${printer.lastJob.state}${printer.lastJob.reason ? ` (${printer.lastJob.reason})` : ''}`
              : f('none')
          }
          testId="dash-printer-last-job"
        />
      </Card>
      <Card id="central" title={t('attendant.items.central')} health={central.health}>
        <Row label={f('state')} value={v(central.state)} testId="dash-central-state" />
        <Row
          label={f('latency')}
          value={central.latencyMs === null ? '—' : `${central.latencyMs} ms`}
        />
        <Row
          label={f('lastSync')}
          value={
            central.lastSyncAt
              ? new Date(central.lastSyncAt).toLocaleTimeString(i18n.language)
              : '—'
          }
        />
        <Row label={f('kioskId')} value={central.kioskId ?? '—'} />
        {central.lastError ? <Row label={f('lastError')} value={central.lastError} /> : null}
      </Card>
      <Card id="outbox" title={t('attendant.items.outbox')} health={outbox.health}>
        <Row label={f('depth')} value={outbox.depth} testId="dash-outbox-depth" />
        <Row
          label={f('oldest')}
          value={outbox.depth > 0 ? duration(outbox.oldestAgeSeconds) : '—'}
          testId="dash-outbox-oldest"
        />
        <Row
          label={f('rejected')}
          value={
            outbox.rejected.length === 0
              ? f('none')
              : outbox.rejected.map((r) => `${r.kind}: ${r.reason}`).join('; ')
          }
        />
      </Card>
      <Card id="hotlist" title={t('attendant.items.hotlist')} health={hotlist.health}>
        <Row label={f('version')} value={hotlist.version} testId="dash-hotlist-version" />
        <Row label={f('age')} value={duration(hotlist.ageSeconds)} />
        <Row label={f('size')} value={hotlist.size} />
      </Card>
      <Card id="disk" title={t('attendant.items.disk')} health={disk.health}>
        <Row label={f('free')} value={`${bytes(disk.freeBytes)} / ${bytes(disk.totalBytes)}`} />
      </Card>
      <Card id="memory" title={t('attendant.items.memory')} health={memory.health}>
        <Row label={f('rss')} value={bytes(memory.rssBytes)} />
        <Row
          label={f('systemFree')}
          value={`${bytes(memory.systemFreeBytes)} / ${bytes(memory.systemTotalBytes)}`}
        />
      </Card>
      <Card id="system" title={t('attendant.items.system')} health={null}>
        <Row label={f('uptime')} value={duration(board.uptimeSeconds)} />
        <Row label={f('appVersion')} value={board.appVersion} />
        <Row label={f('configVersion')} value={board.configVersion} />
      </Card>
      <Card id="counters" title={t('attendant.items.counters')} health={null}>
        {Object.keys(board.counters).length === 0 ? <Row label="—" value="0" /> : null}
        {Object.entries(board.counters).map(([k, n]) => (
          <Row key={k} label={k} value={n} />
        ))}
      </Card>
    </div>
  );
}
