import { t } from '../lib/i18n.ts'

type Status = 'live' | 'scheduled' | 'ended' | 'open' | 'closed' | 'pending' | 'approved' | 'suspended'

export function StatusBadge(props: { status: Status }) {
  return <span class={`badge badge-${props.status}`}>{t(`status.${props.status}`)}</span>
}
