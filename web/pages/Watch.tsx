import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { api, call } from '../lib/api.ts'
import { formatWhen } from '../lib/format.ts'
import { t } from '../lib/i18n.ts'
import { DetailPage } from '../components/DetailPage.tsx'
import { JobCard } from '../components/JobCard.tsx'
import { StatusBadge } from '../components/StatusBadge.tsx'

export default function Watch() {
  return (
    <DetailPage load={(id) => call(api.streams[':id'].$get({ param: { id } }))} notFound={t('watch.notFound')}>
      {(d) => (
        <>
          <section class="stream-head">
            <div class="card-top">
              <StatusBadge status={d().stream.status} />
              <time datetime={d().stream.scheduledAt}>{formatWhen(d().stream.scheduledAt)}</time>
            </div>
            <h1>{d().stream.title}</h1>
            <p class="company">{t('watch.company', { name: d().company?.name ?? '' })}</p>
            <Show when={d().fair}>
              {(fair) => (
                <p>
                  {t('watch.fair')}
                  <A href={`/fairs/${fair().id}`}>{fair().title}</A>
                </p>
              )}
            </Show>
            <Show when={d().stream.description}>
              <p class="desc">{d().stream.description}</p>
            </Show>
          </section>
          <div class="video-placeholder" role="note">
            {t('watch.videoSoon')}
          </div>
          <section>
            <h2>{t('watch.jobs')}</h2>
            <Show when={d().jobs.length} fallback={<p class="empty">{t('watch.noJobs')}</p>}>
              <div class="grid">
                <For each={d().jobs}>{(job) => <JobCard job={job} />}</For>
              </div>
            </Show>
          </section>
        </>
      )}
    </DetailPage>
  )
}
