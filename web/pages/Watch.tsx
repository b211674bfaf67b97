import { A, useParams } from '@solidjs/router'
import { For, Show, createResource } from 'solid-js'
import { api, asFailure, call } from '../lib/api.ts'
import { formatWhen } from '../lib/format.ts'
import { t } from '../lib/i18n.ts'
import { JobCard } from '../components/JobCard.tsx'
import { LoadState } from '../components/LoadState.tsx'
import { StatusBadge } from '../components/StatusBadge.tsx'

export default function Watch() {
  const params = useParams<{ id: string }>()
  const [data, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.streams[':id'].$get({ param: { id } })),
  )
  const failure = () => (data.error ? asFailure(data.error) : null)
  return (
    <main>
      <Show when={failure()?.status === 404}>
        <p class="empty">{t('watch.notFound')}</p>
        <A href="/" class="button">
          {t('common.back')}
        </A>
      </Show>
      <Show when={failure()?.status !== 404}>
        <LoadState loading={data.loading} error={failure()} onRetry={refetch} />
      </Show>
      <Show when={!data.error && data()}>
        {(d) => (
          <>
            <section class="stream-head">
              <div class="card-top">
                <StatusBadge status={d().stream.status} />
                <time datetime={d().stream.scheduledAt}>{formatWhen(d().stream.scheduledAt)}</time>
              </div>
              <h1>{d().stream.title}</h1>
              <p class="company">{t('watch.company', { name: d().company?.name ?? '' })}</p>
              <Show when={d().stream.fairId}>
                {(fairId) => (
                  <p>
                    <A href={`/fairs/${fairId()}`}>{t('watch.fair')}</A>
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
      </Show>
    </main>
  )
}
